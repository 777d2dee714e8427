import Foundation

// The query layer under ``AppDatabase``: one small executor protocol, two engines (SQLite through
// GRDB, PostgreSQL through postgres-nio). Every query is written once, with `?` placeholders; the
// PostgreSQL engine numbers them (`$1`, `$2`…) itself.

/// Which SQL engine a store runs on.
public enum StoreDialect: String, Sendable {
  case sqlite
  case postgres
}

/// One value read from or bound to a query.
public enum StoreValue: Sendable, Hashable, CustomStringConvertible {
  case null
  case int(Int64)
  case double(Double)
  case text(String)
  /// Bytes as they are (a file copy's parts): SQLite's BLOB, PostgreSQL's BYTEA.
  case blob(Data)

  public var isNull: Bool { if case .null = self { true } else { false } }

  public var description: String {
    switch self {
    case .null: "NULL"
    case .int(let value): "\(value)"
    case .double(let value): "\(value)"
    case .text(let value): value
    case .blob(let bytes): "<\(bytes.count) octets>"
    }
  }
}

/// A Swift value that can be bound to a query parameter.
public protocol StoreBindable {
  var storeValue: StoreValue { get }
}

/// A Swift value that can be read from a column.
public protocol StoreDecodable {
  /// `nil` when `value` does not convert.
  static func decode(_ value: StoreValue) -> Self?
}

extension String: StoreBindable, StoreDecodable {
  public var storeValue: StoreValue { .text(self) }
  public static func decode(_ value: StoreValue) -> String? {
    switch value {
    case .text(let text): text
    case .int(let int): String(int)
    case .double(let double): String(double)
    case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
    case .null: nil
    }
  }
}

extension Int: StoreBindable, StoreDecodable {
  public var storeValue: StoreValue { .int(Int64(self)) }
  public static func decode(_ value: StoreValue) -> Int? {
    switch value {
    case .int(let int): Int(int)
    case .double(let double): Int(exactly: double)
    case .text(let text): Int(text)
    case .blob, .null: nil
    }
  }
}

extension Int64: StoreBindable, StoreDecodable {
  public var storeValue: StoreValue { .int(self) }
  public static func decode(_ value: StoreValue) -> Int64? { Int.decode(value).map(Int64.init) }
}

extension Double: StoreBindable, StoreDecodable {
  public var storeValue: StoreValue { .double(self) }
  public static func decode(_ value: StoreValue) -> Double? {
    switch value {
    case .int(let int): Double(int)
    case .double(let double): double
    case .text(let text): Double(text)
    case .blob, .null: nil
    }
  }
}

extension Data: StoreBindable, StoreDecodable {
  public var storeValue: StoreValue { .blob(self) }
  public static func decode(_ value: StoreValue) -> Data? {
    switch value {
    case .blob(let bytes): bytes
    case .text(let text): Data(text.utf8)
    case .int, .double, .null: nil
    }
  }
}

/// Booleans are stored as 0 and 1 on both engines (columns are integers).
extension Bool: StoreBindable, StoreDecodable {
  public var storeValue: StoreValue { .int(self ? 1 : 0) }
  public static func decode(_ value: StoreValue) -> Bool? { Int.decode(value).map { $0 != 0 } }
}

extension Optional: StoreBindable where Wrapped: StoreBindable {
  public var storeValue: StoreValue { self?.storeValue ?? .null }
}

extension Optional: StoreDecodable where Wrapped: StoreDecodable {
  public static func decode(_ value: StoreValue) -> Wrapped?? {
    if value.isNull { return .some(nil) }
    return Wrapped.decode(value).map { .some($0) }
  }
}

/// The values bound to a query's `?` placeholders, in order: `[uai, year, note]`, optionals welcome.
public struct StoreArguments: ExpressibleByArrayLiteral, Sendable {
  public var values: [StoreValue]

  public init(_ values: [StoreValue] = []) { self.values = values }

  public init(_ values: [(any StoreBindable)?]) { self.values = values.map { $0?.storeValue ?? .null } }

  public init(arrayLiteral elements: (any StoreBindable)?...) { self.init(elements) }
}

/// One row of a result. Columns are found by name (case-insensitively, as in SQLite) or by position.
///
/// Reading a column with a type it does not convert to (or `NULL` into a non-optional) is a
/// programming error, as with GRDB: the schema decides the types.
public struct StoreRow: Sendable {
  public let columns: [String]
  public let values: [StoreValue]
  let index: ColumnIndex

  init(columns: ColumnIndex, values: [StoreValue]) {
    self.index = columns
    self.columns = columns.names
    self.values = values
  }

  /// The raw value of a column, `.null` when the row has no such column.
  public func value(_ column: String) -> StoreValue {
    guard let position = index.position(of: column) else { return .null }
    return values[position]
  }

  public subscript<T: StoreDecodable>(_ column: String) -> T {
    guard let position = index.position(of: column) else {
      if let none = T.decode(.null) { return none }
      fatalError("no column \(column) in \(columns)")
    }
    return self[position]
  }

  public subscript<T: StoreDecodable>(_ position: Int) -> T {
    let value = values[position]
    guard let decoded = T.decode(value) else {
      fatalError("column \(columns[position]): cannot read \(value) as \(T.self)")
    }
    return decoded
  }
}

/// The column names of a result, shared by its rows.
final class ColumnIndex: Sendable {
  let names: [String]
  let positions: [String: Int]

  init(_ names: [String]) {
    self.names = names
    var positions: [String: Int] = [:]
    for (position, name) in names.enumerated().reversed() {
      positions[name] = position
      positions[name.lowercased()] = position
    }
    self.positions = positions
  }

  func position(of name: String) -> Int? { positions[name] ?? positions[name.lowercased()] }
}

/// A connection to the store, inside a transaction opened by the engine.
public protocol StoreConnection: AnyObject {
  var dialect: StoreDialect { get }
  /// Runs one statement (several, separated by `;`, when `arguments` is empty).
  func execute(sql: String, arguments: StoreArguments) throws
  /// Calls `body` with each row, in order; the row must not outlive the call.
  func forEachRow(sql: String, arguments: StoreArguments, _ body: (StoreRow) throws -> Void) throws
}

extension StoreConnection {
  public func execute(sql: String) throws { try execute(sql: sql, arguments: []) }

  public func fetchAll(sql: String, arguments: StoreArguments = []) throws -> [StoreRow] {
    var rows: [StoreRow] = []
    try forEachRow(sql: sql, arguments: arguments) { rows.append($0) }
    return rows
  }

  public func fetchOne(sql: String, arguments: StoreArguments = []) throws -> StoreRow? {
    try fetchAll(sql: sql, arguments: arguments).first
  }

  /// The first column of the first row, `nil` when there is no row or it is `NULL`.
  public func fetchValue<T: StoreDecodable>(_ type: T.Type, sql: String, arguments: StoreArguments = []) throws -> T? {
    guard let row = try fetchOne(sql: sql, arguments: arguments), let value = row.values.first, !value.isNull else {
      return nil
    }
    return T.decode(value)
  }

  /// The first column of every row.
  public func fetchValues<T: StoreDecodable>(_ type: T.Type, sql: String, arguments: StoreArguments = []) throws
    -> [T]
  {
    try fetchAll(sql: sql, arguments: arguments).compactMap { $0.values.first.flatMap(T.decode) }
  }
}

/// One migration, with its DDL for each engine.
struct StoreMigration: Sendable {
  let identifier: String
  let sqlite: String
  let postgres: String

  /// The same DDL on both engines, SQLite's types translated for PostgreSQL (``postgresDDL(_:)``).
  init(_ identifier: String, _ sql: String) {
    self.identifier = identifier
    self.sqlite = sql
    self.postgres = Self.postgresDDL(sql)
  }

  init(_ identifier: String, sqlite: String, postgres: String) {
    self.identifier = identifier
    self.sqlite = sqlite
    self.postgres = postgres
  }

  /// SQLite's DDL in PostgreSQL's words: a row id (`INTEGER PRIMARY KEY`, with or without
  /// `AUTOINCREMENT`) becomes an identity column, every other integer a 64-bit one (Swift's `Int`),
  /// bytes (`BLOB`) `BYTEA`.
  static func postgresDDL(_ sql: String) -> String {
    sql.replacingOccurrences(
      of: #"\bINTEGER PRIMARY KEY( AUTOINCREMENT)?"#, with: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
      options: .regularExpression
    )
    .replacingOccurrences(of: #"\bINTEGER\b"#, with: "BIGINT", options: .regularExpression)
    .replacingOccurrences(of: #"\bBLOB\b"#, with: "BYTEA", options: .regularExpression)
  }
}

/// An engine: opens transactions on its connections and keeps the migrations' bookkeeping.
protocol StoreEngine: Sendable {
  var dialect: StoreDialect { get }
  /// Where the store is, fit to show (a PostgreSQL URL without its password).
  var location: String { get }
  /// The SQLite file, `nil` for a store in memory or on a server.
  var filePath: String? { get }
  /// A read-only transaction that sees one state of the store.
  func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T
  /// One write transaction: if `body` throws, nothing it did is kept.
  func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T
  /// An import's transaction, with the engine's bulk row writer.
  func importTransaction<T>(_ body: (any StoreConnection, ImportRowWriter) throws -> T) throws -> T
  /// Applies the migrations not applied yet, in order; refuses a store with migrations it does not know.
  func migrate(_ migrations: [StoreMigration]) throws
  func appliedMigrations() throws -> [String]
}

/// Numbers `?` placeholders as `$1`, `$2`… outside string literals and quoted names.
func numberedPlaceholders(_ sql: String) -> String {
  var result = ""
  result.reserveCapacity(sql.utf8.count + 16)
  var number = 0
  var quote: Character?
  for character in sql {
    if let open = quote {
      if character == open { quote = nil }
      result.append(character)
    } else if character == "'" || character == "\"" {
      quote = character
      result.append(character)
    } else if character == "?" {
      number += 1
      result += "$\(number)"
    } else {
      result.append(character)
    }
  }
  return result
}
