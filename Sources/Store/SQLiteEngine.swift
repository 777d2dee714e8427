import Foundation
import GRDB

/// The embedded engine: one SQLite file (or memory) through GRDB.
struct SQLiteEngine: StoreEngine {
  let writer: any DatabaseWriter

  var dialect: StoreDialect { .sqlite }
  var location: String { writer.path }
  var filePath: String? { writer.path.isEmpty || writer.path == ":memory:" ? nil : writer.path }

  func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
    try writer.read { db in try body(SQLiteConnection(db)) }
  }

  func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
    try writer.write { db in try body(SQLiteConnection(db)) }
  }

  /// Foreign keys are off meanwhile (SQLite's check of every row's parent cost a third of the
  /// writing): an import writes rows that point at rows it has just written, and deletes a replaced
  /// file's rows with their dependents itself (``StoreSink``). The commit syncs to disk less often
  /// (`synchronous = NORMAL`): a killed process still leaves the store as it was (the rollback
  /// journal is in the system's hands); only a power cut at the wrong moment could cost more. A
  /// larger page cache (8 MB) keeps the pages being filled in memory.
  func importTransaction<T>(_ body: (any StoreConnection, ImportRowWriter) throws -> T) throws -> T {
    try writer.writeWithoutTransaction { db in
      let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
      let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
      try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192")
      defer {
        try? db.execute(
          sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = \(synchronous); PRAGMA cache_size = \(cacheSize)")
      }
      var result: Result<T, any Error>?
      try db.inTransaction {
        result = Result { try body(SQLiteConnection(db), .sqlite(db)) }
        if case .failure = result { return .rollback }
        return .commit
      }
      guard let result else { throw StoreError.cannotOpen(path: writer.path, reason: "transaction interrompue") }
      return try result.get()
    }
  }

  /// GRDB's migrator, so that stores written before the PostgreSQL engine keep their bookkeeping
  /// (`grdb_migrations`).
  private func migrator(_ migrations: [StoreMigration]) -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for migration in migrations {
      migrator.registerMigration(migration.identifier) { db in try db.execute(sql: migration.sqlite) }
    }
    return migrator
  }

  func migrate(_ migrations: [StoreMigration]) throws {
    let migrator = migrator(migrations)
    // A store written by a newer Raccord has migrations this one does not know: never migrate it
    // downwards nor write into a schema this version does not understand.
    if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
      throw StoreError.newerStore(path: writer.path)
    }
    try migrator.migrate(writer)
  }

  func appliedMigrations() throws -> [String] {
    try writer.read { db in
      try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
    }
  }
}

/// A GRDB connection seen through ``StoreConnection``.
final class SQLiteConnection: StoreConnection {
  let db: Database

  init(_ db: Database) { self.db = db }

  var dialect: StoreDialect { .sqlite }

  func execute(sql: String, arguments: StoreArguments) throws {
    try db.execute(sql: sql, arguments: StatementArguments(arguments))
  }

  func forEachRow(sql: String, arguments: StoreArguments, _ body: (StoreRow) throws -> Void) throws {
    let statement = try db.cachedStatement(sql: sql)
    let index = ColumnIndex(statement.columnNames)
    let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
    let count = statement.columnCount
    while let row = try cursor.next() {
      var values: [StoreValue] = []
      values.reserveCapacity(count)
      for position in 0..<count {
        values.append(StoreValue(row[position] as DatabaseValue))
      }
      try body(StoreRow(columns: index, values: values))
    }
  }
}

extension StoreValue {
  init(_ value: DatabaseValue) {
    switch value.storage {
    case .null: self = .null
    case .int64(let int): self = .int(int)
    case .double(let double): self = .double(double)
    case .string(let string): self = .text(string)
    case .blob(let data): self = .blob(data)
    }
  }

  var databaseValue: DatabaseValue {
    switch self {
    case .null: .null
    case .int(let int): int.databaseValue
    case .double(let double): double.databaseValue
    case .text(let text): text.databaseValue
    case .blob(let bytes): bytes.databaseValue
    }
  }
}

extension StatementArguments {
  init(_ arguments: StoreArguments) {
    self.init(arguments.values.map(\.databaseValue))
  }
}
