import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// Where a PostgreSQL store is: `postgres://user@host:port/database` (or `postgresql://`).
/// The password comes from the URL, `PGPASSWORD` or `~/.pgpass`, and is never shown.
public struct PostgresLocation: Sendable, Hashable {
  public var host: String
  public var port: Int
  public var user: String
  public var database: String
  var password: String?

  /// `true` for a `--db` value that names a PostgreSQL server rather than a file.
  public static func isPostgresURL(_ text: String) -> Bool {
    text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
  }

  /// Reads a URL; `nil` when `text` is not a PostgreSQL URL.
  /// - Parameter environment: where `PGPASSWORD`, `PGUSER` and `HOME` are read.
  public init?(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
    guard Self.isPostgresURL(text), let components = URLComponents(string: text) else { return nil }
    host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
    port = components.port ?? 5432
    user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? "postgres"
    let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    database = path.isEmpty ? user : path
    password =
      components.password ?? environment["PGPASSWORD"]
      ?? Self.pgpassPassword(
        host: host, port: port, database: database, user: user,
        file: environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" })
  }

  /// The URL without its password: what messages show.
  public var displayURL: String { "postgres://\(user)@\(host):\(port)/\(database)" }

  /// The same server, another database.
  func with(database: String) -> PostgresLocation {
    var copy = self
    copy.database = database
    return copy
  }

  /// The password of the first matching line of a `.pgpass` file (`host:port:database:user:password`,
  /// `*` matching anything, `\:` and `\\` escaped). Like libpq, a file that others can read is ignored.
  static func pgpassPassword(host: String, port: Int, database: String, user: String, file: String?) -> String? {
    guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
    if let attributes = try? FileManager.default.attributesOfItem(atPath: file),
      let permissions = attributes[.posixPermissions] as? Int, permissions & 0o007 != 0
    {
      return nil
    }
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      var fields: [String] = [""]
      var escaped = false
      for character in line {
        if escaped {
          fields[fields.count - 1].append(character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == ":" && fields.count < 5 {
          fields.append("")
        } else {
          fields[fields.count - 1].append(character)
        }
      }
      guard fields.count == 5 else { continue }
      let wanted = [host, String(port), database, user]
      let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
        field == "*" || field == value || (field == "localhost" && value == "127.0.0.1")
      }
      if matches { return fields[4] }
    }
    return nil
  }

  var configuration: PostgresConnection.Configuration {
    PostgresConnection.Configuration(
      host: host, port: port, username: user, password: password, database: database, tls: .disable)
  }
}

/// A few connections to one PostgreSQL database, on the store's own event loop: callers are
/// synchronous and block on futures (never on a task that would need Swift's cooperative pool).
final class PostgresPool: @unchecked Sendable {
  let location: PostgresLocation
  let group: MultiThreadedEventLoopGroup
  let logger: Logger
  private let condition = NSCondition()
  private var idle: [PostgresConnection] = []
  private var open = 0
  private let limit: Int
  private var nextID = 0
  /// A scratch database of its own (tests), dropped from `server` once the store is released.
  var dropOnRelease: PostgresLocation?

  init(location: PostgresLocation, limit: Int = 4) {
    self.location = location
    self.limit = limit
    group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    var logger = Logger(label: "raccord.store.postgres")
    logger.logLevel = .critical
    self.logger = logger
  }

  deinit {
    for connection in idle { try? connection.close().wait() }
    if let server = dropOnRelease { try? PostgresEngine.dropDatabase(location.database, server: server) }
    try? group.syncShutdownGracefully()
  }

  /// A connection of the pool, opened if none is idle and fewer than `limit` are open; waits otherwise.
  func checkout() throws -> PostgresConnection {
    condition.lock()
    while idle.isEmpty && open >= limit { condition.wait() }
    if let connection = idle.popLast() {
      condition.unlock()
      return connection
    }
    open += 1
    nextID += 1
    let id = nextID
    condition.unlock()
    do {
      return try PostgresConnection.connect(
        on: group.next(), configuration: location.configuration, id: id, logger: logger
      ).wait()
    } catch {
      release(nil)
      throw PostgresEngine.explain(error, location: location)
    }
  }

  /// Gives a connection back; `nil` (or a closed one) frees its place.
  func release(_ connection: PostgresConnection?) {
    condition.lock()
    if let connection, !connection.isClosed {
      idle.append(connection)
    } else {
      open -= 1
    }
    condition.signal()
    condition.unlock()
  }
}

/// The server engine: PostgreSQL through postgres-nio.
struct PostgresEngine: StoreEngine {
  let pool: PostgresPool

  init(location: PostgresLocation, dropOnRelease server: PostgresLocation? = nil) throws {
    pool = PostgresPool(location: location)
    pool.dropOnRelease = server
    // Opens one connection now, for a clear message when the server or the database is not there.
    pool.release(try pool.checkout())
  }

  var dialect: StoreDialect { .postgres }
  var location: String { pool.location.displayURL }
  var filePath: String? { nil }

  /// Runs `body` on a connection of the pool, in a transaction opened by `begin`.
  private func transaction<T>(_ begin: String, _ body: (PostgresStoreConnection) throws -> T) throws -> T {
    let connection = try pool.checkout()
    let store = PostgresStoreConnection(connection, logger: pool.logger, location: pool.location)
    do {
      try store.run(begin, [])
      let result = try body(store)
      try store.flush()
      try store.run("COMMIT", [])
      pool.release(connection)
      return result
    } catch {
      if (try? store.run("ROLLBACK", [])) != nil {
        pool.release(connection)
      } else {
        try? connection.close().wait()
        pool.release(nil)
      }
      throw error
    }
  }

  func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
    try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body($0) }
  }

  func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
    try transaction("BEGIN") { try body($0) }
  }

  func importTransaction<T>(_ body: (any StoreConnection, ImportRowWriter) throws -> T) throws -> T {
    try transaction("BEGIN") { try body($0, .postgres($0)) }
  }

  /// The migrations' bookkeeping in a table named as GRDB's, applied under a lock so that two
  /// programs opening the same new database do not both migrate it.
  func migrate(_ migrations: [StoreMigration]) throws {
    try write { db in
      try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
      try db.execute(sql: "SELECT pg_advisory_xact_lock(7265731)")
      let applied = Set(try db.fetchValues(String.self, sql: "SELECT identifier FROM grdb_migrations"))
      let known = Set(migrations.map(\.identifier))
      if !applied.isSubset(of: known) { throw StoreError.newerStore(path: location) }
      for migration in migrations where !applied.contains(migration.identifier) {
        try db.execute(sql: migration.postgres)
        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
      }
    }
  }

  func appliedMigrations() throws -> [String] {
    try read { db in
      let applied = Set(try db.fetchValues(String.self, sql: "SELECT identifier FROM grdb_migrations"))
      return AppDatabase.migrations.map(\.identifier).filter(applied.contains)
    }
  }

  /// A French message for what went wrong reaching the server.
  static func explain(_ error: any Error, location: PostgresLocation) -> any Error {
    let url = location.displayURL
    guard let error = error as? PSQLError else {
      return StoreError.cannotOpen(
        path: url,
        reason: "le serveur PostgreSQL \(location.host):\(location.port) ne répond pas (\(error)) : vérifiez qu'il "
          + "est démarré et que l'adresse donnée à --db est la bonne")
    }
    let state = error.serverInfo?[.sqlState]
    switch (error.code, state) {
    case (_, "3D000"?):
      return StoreError.cannotOpen(
        path: url,
        reason: "la base « \(location.database) » n'existe pas : créez-la avec createdb -h \(location.host) -p "
          + "\(location.port) -U \(location.user) \(location.database)")
    case (_, "28P01"?), (_, "28000"?):
      return StoreError.cannotOpen(
        path: url,
        reason: "le serveur a refusé l'utilisateur « \(location.user) » (mot de passe ou droits) : donnez le bon "
          + "mot de passe dans PGPASSWORD ou dans ~/.pgpass")
    case (.authMechanismRequiresPassword, _):
      return StoreError.cannotOpen(
        path: url,
        reason: "le serveur demande un mot de passe pour « \(location.user) » : donnez-le dans PGPASSWORD ou "
          + "dans ~/.pgpass (jamais dans la ligne de commande)")
    case (.connectionError, _):
      return StoreError.cannotOpen(
        path: url,
        reason: "le serveur PostgreSQL \(location.host):\(location.port) ne répond pas : vérifiez qu'il est "
          + "démarré et que l'adresse donnée à --db est la bonne")
    default:
      return StoreError.cannotOpen(path: url, reason: describe(error))
    }
  }

  /// The server's message, or the error's code.
  static func describe(_ error: PSQLError) -> String {
    if let message = error.serverInfo?[.message] {
      let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
      return "PostgreSQL : \(message)\(detail)"
    }
    return "PostgreSQL : \(error.code)"
  }

  /// Creates an empty database on the server of `location` (for tests and first set-up).
  static func createDatabase(_ name: String, server location: PostgresLocation) throws {
    try administer(location) { try $0.run("CREATE DATABASE \"\(name)\"", []) }
  }

  /// Drops a database, closing what is still connected to it.
  static func dropDatabase(_ name: String, server location: PostgresLocation) throws {
    try administer(location) { try $0.run("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)", []) }
  }

  private static func administer(_ location: PostgresLocation, _ body: (PostgresStoreConnection) throws -> Void)
    throws
  {
    let pool = PostgresPool(location: location, limit: 1)
    let connection = try pool.checkout()
    defer { pool.release(nil) }
    defer { try? connection.close().wait() }
    try body(PostgresStoreConnection(connection, logger: pool.logger, location: location))
  }
}

/// One pinned connection, inside a transaction.
final class PostgresStoreConnection: StoreConnection {
  let connection: PostgresConnection
  let logger: Logger
  let location: PostgresLocation
  /// The import rows waiting to be sent (``ImportRowWriter``), sent before any other statement.
  var pending = PostgresBulkBuffer()

  init(_ connection: PostgresConnection, logger: Logger, location: PostgresLocation) {
    self.connection = connection
    self.logger = logger
    self.location = location
  }

  var dialect: StoreDialect { .postgres }

  /// Runs a query with `$n` placeholders and collects its rows.
  @discardableResult
  func run(_ sql: String, _ values: [StoreValue]) throws -> PostgresQueryResult {
    var bindings = PostgresBindings(capacity: values.count)
    for value in values {
      switch value {
      case .null: bindings.appendNull()
      case .int(let int): bindings.append(int)
      case .double(let double): bindings.append(double)
      case .text(let text): bindings.append(text)
      case .blob(let bytes): try bindings.append(bytes)
      }
    }
    do {
      return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait()
    } catch let error as PSQLError {
      throw PostgresQueryError(message: PostgresEngine.describe(error), sqlState: error.serverInfo?[.sqlState])
    }
  }

  /// Sends the import rows still buffered.
  func flush() throws { try pending.flush(self) }

  func execute(sql: String, arguments: StoreArguments) throws {
    try flush()
    if arguments.values.isEmpty && sql.contains(";") {
      // The extended protocol takes one statement at a time; DDL has no `;` inside its strings.
      for statement in sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
        try run(String(statement), [])
      }
    } else {
      try run(numberedPlaceholders(sql), arguments.values)
    }
  }

  func forEachRow(sql: String, arguments: StoreArguments, _ body: (StoreRow) throws -> Void) throws {
    try flush()
    let result = try run(numberedPlaceholders(sql), arguments.values)
    guard let first = result.first else { return }
    let index = ColumnIndex(first.map(\.columnName))
    for row in result {
      try body(StoreRow(columns: index, values: row.map(Self.value)))
    }
  }

  static func value(_ cell: PostgresCell) -> StoreValue {
    guard cell.bytes != nil else { return .null }
    switch cell.dataType {
    case .int2, .int4, .int8: return (try? cell.decode(Int64.self)).map(StoreValue.int) ?? .null
    case .bool: return (try? cell.decode(Bool.self)).map { .int($0 ? 1 : 0) } ?? .null
    case .float4, .float8: return (try? cell.decode(Double.self)).map(StoreValue.double) ?? .null
    case .bytea: return (try? cell.decode(Data.self)).map(StoreValue.blob) ?? .null
    default:
      if let text = try? cell.decode(String.self) { return .text(text) }
      return cell.bytes.map { .text(String(buffer: $0)) } ?? .null
    }
  }
}

/// A statement PostgreSQL refused, with its message in the server's words.
public struct PostgresQueryError: Error, LocalizedError, Sendable {
  public var message: String
  /// The SQLSTATE code (`40001`: serialization failure…).
  public var sqlState: String?
  public var errorDescription: String? { message }
}

/// The rows of an import, per table, sent a few thousand at a time as one multi-row `INSERT`
/// each: no round trip per row. Rows whose id the import needs (a service's teachers point at
/// their service) take it from a block reserved from the table's sequence in one query.
struct PostgresBulkBuffer {
  struct Table {
    let name: String
    let columns: [String]
    let withID: Bool
    var values: [StoreValue] = []
    var rows = 0
  }

  /// Tables in the order of their first row: parents before children, as the foreign keys want.
  private var tables: [Table] = []
  private var positions: [Int: Int] = [:]
  private var reserved: [String: ArraySlice<Int64>] = [:]
  private var buffered = 0
  /// The id given to the last row added to a table with ids.
  private(set) var lastID: Int64 = 0

  /// Tables whose rows other rows point at.
  static let owners: Set<String> = ["individu", "structure", "service", "gb_bilan"]

  /// Adds one row of `INSERT INTO table (columns) VALUES (?, …)`; `key` identifies the statement.
  mutating func add(key: Int, sql: StaticString, values: [StoreValue], on connection: PostgresStoreConnection) throws {
    let position: Int
    if let known = positions[key] {
      position = known
    } else {
      let (name, columns) = Self.parse(sql.description)
      tables.append(Table(name: name, columns: columns, withID: Self.owners.contains(name)))
      position = tables.count - 1
      positions[key] = position
    }
    if tables[position].withID {
      let name = tables[position].name
      if reserved[name, default: []].isEmpty {
        reserved[name] = ArraySlice(
          try connection.run(
            "SELECT nextval(pg_get_serial_sequence('\(name)', 'id')) FROM generate_series(1, 4096)", []
          ).map { (try? $0.decode(Int64.self)) ?? 0 })
      }
      lastID = reserved[name]!.removeFirst()
      tables[position].values.append(.int(lastID))
    }
    tables[position].values.append(contentsOf: values)
    tables[position].rows += 1
    buffered += values.count
    if buffered >= 50_000 { try flush(connection) }
  }

  /// Sends every buffered row, table by table in the order they first appeared.
  mutating func flush(_ connection: PostgresStoreConnection) throws {
    guard buffered > 0 else { return }
    buffered = 0
    for position in tables.indices where tables[position].rows > 0 {
      let table = tables[position]
      tables[position].values.removeAll(keepingCapacity: true)
      tables[position].rows = 0
      let columns = (table.withID ? ["id"] : []) + table.columns
      let perRow = columns.count
      let rowsPerStatement = max(1, min(4_000, 65_535 / perRow))
      var start = 0
      while start < table.rows {
        let count = min(rowsPerStatement, table.rows - start)
        var sql = "INSERT INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES "
        var parameter = 0
        for row in 0..<count {
          sql += row == 0 ? "(" : ", ("
          for column in 0..<perRow {
            parameter += 1
            sql += column == 0 ? "$\(parameter)" : ", $\(parameter)"
          }
          sql += ")"
        }
        try connection.run(sql, Array(table.values[(start * perRow)..<((start + count) * perRow)]))
        start += count
      }
    }
  }

  /// The table and columns of `INSERT INTO table (a, b) VALUES …`.
  static func parse(_ sql: String) -> (String, [String]) {
    let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" })
    let name = words.count > 2 ? String(words[2]) : ""
    guard let open = sql.firstIndex(of: "("), let close = sql[open...].firstIndex(of: ")") else { return (name, []) }
    let columns = sql[sql.index(after: open)..<close].split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return (name, columns)
  }
}
