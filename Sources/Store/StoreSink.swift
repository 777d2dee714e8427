import Foundation
import GRDB
import GRDBSQLite
import RaccordCore

/// Writes one file's records into the store, replacing the previous export of the same kind,
/// school and year when the header arrives.
public final class StoreSink: ImportSink {
  let session: ImportSession
  let info: SourceFileInfo
  public private(set) var sourceFileID: Int64?
  public private(set) var header: FileHeader?
  /// The file this one replaced, if any.
  public private(set) var replaced: StoredSourceFile?
  /// The columns every row of this file carries, known once the header arrived.
  @exclusivity(unchecked) private var fileColumns: FileColumns?

  struct FileColumns {
    let source: Int64
    let uai: String
    let year: Int
  }

  init(session: ImportSession, info: SourceFileInfo) {
    self.session = session
    self.info = info
  }

  var db: any StoreConnection { session.db }

  public func begin(_ header: FileHeader) throws {
    let previous = try db.fetchOne(
      sql: "SELECT * FROM source_file WHERE kind = ? AND uai = ? AND year = ? AND replaced_at IS NULL",
      arguments: [header.kind.rawValue, header.uai.code, header.year.start]
    ).map(StoredSourceFile.init(row:))
    if let previous, !info.force, let old = previous.exportedAt, let new = header.exportedAt, new < old {
      throw StoreError.olderExport(
        file: info.displayName, exportedAt: new, currentFile: previous.fileName, currentExportedAt: old)
    }
    try db.execute(
      sql: """
        INSERT INTO school (uai, name) VALUES (?, ?)
        ON CONFLICT (uai) DO UPDATE SET name = coalesce(excluded.name, school.name)
        """, arguments: [header.uai.code, header.schoolName])
    if let previous {
      for table in AppDatabase.fileDataTables {
        // SQLite imports run with foreign keys off: the rows hanging on these (a service's teachers…) go
        // first, by hand. PostgreSQL cascades them itself.
        if db.dialect == .sqlite {
          try deleteDependents(of: table, rows: "SELECT rowid FROM \(table) WHERE source_file_id = ?", previous.id)
        }
        try db.execute(sql: "DELETE FROM \(table) WHERE source_file_id = ?", arguments: [previous.id])
      }
      try db.execute(sql: "UPDATE source_file SET replaced_at = ? WHERE id = ?", arguments: [session.now, previous.id])
      replaced = previous
    }
    let inserted = try db.fetchValue(
      Int64.self,
      sql: """
        INSERT INTO source_file (kind, file_name, sha256, size, uai, year, version, exported_at, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
        """,
      arguments: [
        header.kind.rawValue, info.fileName, info.sha256, info.size, header.uai.code, header.year.start,
        header.version, header.exportedAt, session.now,
      ])
    guard let id = inserted else { throw StoreError.noHeader(file: info.displayName) }
    if let previous {
      try db.execute(sql: "UPDATE source_file SET replaced_by = ? WHERE id = ?", arguments: [id, previous.id])
    }
    sourceFileID = id
    self.header = header
    fileColumns = FileColumns(source: id, uai: header.uai.code, year: header.year.start)
  }

  /// Deletes the rows that point at `rows` of `table` through an `ON DELETE CASCADE` foreign key,
  /// and theirs in turn: what SQLite would cascade with foreign keys on. Read from the schema, so that
  /// a table added later is not forgotten.
  private func deleteDependents(of table: String, rows: String, _ argument: Int64) throws {
    for child in try db.fetchAll(
      sql: """
        SELECT m.name AS child, f."from" AS foreignColumn, coalesce(f."to", 'id') AS target
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' AND f."table" = ? AND f.on_delete = 'CASCADE'
        """, arguments: [table])
    {
      let name: String = child["child"]
      let column: String = child["foreignColumn"]
      let target: String = child["target"]
      let selection = "SELECT \(target) FROM \(table) WHERE rowid IN (\(rows))"
      try deleteDependents(of: name, rows: "SELECT rowid FROM \(name) WHERE \(column) IN (\(selection))", argument)
      try db.execute(sql: "DELETE FROM \(name) WHERE \(column) IN (\(selection))", arguments: [argument])
    }
  }

  /// Records what XSD validation found in the file (an empty list: valid against `schemaVersion`).
  public func recordSchemaProblems(_ problems: [(line: Int, message: String)], schemaVersion: String) throws {
    guard let sourceFileID, let header else { throw StoreError.noHeader(file: info.displayName) }
    try db.execute(
      sql: "UPDATE source_file SET version = coalesce(version, ?) WHERE id = ?",
      arguments: [schemaVersion, sourceFileID])
    for problem in problems {
      try run(
        """
        INSERT INTO gb_schema_problem (source_file_id, uai, year, line, schema_version, message)
        VALUES (?, ?, ?, ?, ?, ?)
        """, sourceFileID, header.uai.code, header.year.start, problem.line, schemaVersion, problem.message)
    }
  }

  /// Records where the file was read.
  public func recordSourcePath(_ path: String) throws {
    guard let sourceFileID else { throw StoreError.noHeader(file: info.displayName) }
    try db.execute(sql: "UPDATE source_file SET source_path = ? WHERE id = ?", arguments: [path, sourceFileID])
  }

  /// Records the counts of the file once every record is written.
  public func finish(counts: [String: Int]) throws {
    guard let sourceFileID else { throw StoreError.noHeader(file: info.displayName) }
    let data = try JSONEncoder.sorted.encode(counts)
    try db.execute(
      sql: "UPDATE source_file SET counts = ? WHERE id = ?",
      arguments: [String(decoding: data, as: UTF8.self), sourceFileID])
  }

  /// Inserts one row with `values` bound in order, the engine's fastest way (``ImportRowWriter``).
  @inline(__always)
  func run<each Value: SQLiteBindable>(_ sql: StaticString, _ values: repeat each Value) throws {
    try session.rows.insert(sql, repeat each values)
  }

  /// The id of the row inserted last.
  var lastInsertedRowID: Int64 { session.rows.lastInsertedRowID }

  public func add(_ record: ImportRecord) throws {
    guard let file = fileColumns else { throw StoreError.noHeader(file: info.displayName) }
    switch record {
    case .mef(let row): try insert(row, of: file)
    case .matiere(let row): try insert(row, of: file)
    case .programme(let row): try insert(row, of: file)
    case .optionObligatoire(let row): try insert(row, of: file)
    case .modalite(let row): try insert(row, of: file)
    case .individu(let row): try insert(row, of: file)
    case .structure(let row): try insert(row, of: file)
    case .service(let row): try insert(row, of: file)
    case .eleve(let row): try insert(row, of: file)
    case .eleveOption(let row): try insert(row, of: file)
    case .eleveStructure(let row): try insert(row, of: file)
    case .gradebookDiscipline(let row): try insert(row, of: file)
    case .gradebookTeacher(let row): try insert(row, of: file)
    case .gradebookPupil(let row): try insert(row, of: file)
    case .gradebookPeriod(let row): try insert(row, of: file)
    case .gradebookBilan(let row): try insert(row, of: file)
    case .gradebookCycleBilan(let row): try insert(row, of: file)
    case .gradebookService(let row): try insert(row, of: file)
    }
  }
}

/// How an import writes its rows: on SQLite straight through the C API on statements prepared
/// once; on PostgreSQL into buffers sent a few thousand rows at a time (``PostgresBulkBuffer``).
/// Either way inside the import's transaction.
final class ImportRowWriter {
  enum Target {
    case sqlite(Database)
    case postgres(PostgresStoreConnection)
  }

  let target: Target

  init(_ target: Target) { self.target = target }

  static func sqlite(_ db: Database) -> ImportRowWriter { ImportRowWriter(.sqlite(db)) }
  static func postgres(_ connection: PostgresStoreConnection) -> ImportRowWriter {
    ImportRowWriter(.postgres(connection))
  }

  /// Prepared statements, keyed by the address of their static SQL text: no hashing of SQL
  /// strings on the hot path.
  @exclusivity(unchecked) private var statements: [Int: Statement] = [:]

  /// Inserts one row of `INSERT INTO table (columns) VALUES (?, …)`. On SQLite the row goes
  /// through the C API (bind, step, reset): no argument array, no boxed values, nothing allocated
  /// per row but what SQLite copies.
  func insert<each Value: SQLiteBindable>(_ sql: StaticString, _ values: repeat each Value) throws {
    let key = Int(bitPattern: sql.utf8Start)
    switch target {
    case .sqlite(let db):
      let statement: Statement
      if let cached = statements[key] {
        statement = cached
      } else {
        statement = try db.makeStatement(sql: sql.description)
        statements[key] = statement
      }
      let handle = statement.sqliteStatement
      var index: Int32 = 0
      for value in repeat each values {
        index += 1
        value.bind(to: handle, at: index)
      }
      let code = sqlite3_step(handle)
      sqlite3_reset(handle)
      guard code == SQLITE_DONE else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
          sql: sql.description)
      }
    case .postgres(let connection):
      var row: [StoreValue] = []
      for value in repeat each values { row.append(value.storeValue) }
      try connection.pending.add(key: key, sql: sql, values: row, on: connection)
    }
  }

  /// The id of the row inserted last (on PostgreSQL, of a table whose rows others point at).
  var lastInsertedRowID: Int64 {
    switch target {
    case .sqlite(let db):
      guard let connection = db.sqliteConnection else { return db.lastInsertedRowID }
      return sqlite3_last_insert_rowid(connection)
    case .postgres(let connection):
      return connection.pending.lastID
    }
  }
}

/// A value bound to an SQLite statement parameter by ``ImportRowWriter/insert(_:_:)``.
protocol SQLiteBindable: StoreBindable {
  func bind(to statement: SQLiteStatement, at index: Int32)
}

/// SQLite copies the bytes at once: the value need not outlive the call.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension String: SQLiteBindable {
  func bind(to statement: SQLiteStatement, at index: Int32) {
    var text = self
    text.withUTF8 { bytes in
      guard let start = UnsafeRawPointer(bytes.baseAddress), !bytes.isEmpty else {
        // An empty string, not NULL.
        _ = sqlite3_bind_text(statement, index, "", 0, transient)
        return
      }
      _ = sqlite3_bind_text(
        statement, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
    }
  }
}

extension Int: SQLiteBindable {
  func bind(to statement: SQLiteStatement, at index: Int32) {
    sqlite3_bind_int64(statement, index, Int64(self))
  }
}

extension Int64: SQLiteBindable {
  func bind(to statement: SQLiteStatement, at index: Int32) {
    sqlite3_bind_int64(statement, index, self)
  }
}

extension Bool: SQLiteBindable {
  func bind(to statement: SQLiteStatement, at index: Int32) {
    sqlite3_bind_int64(statement, index, self ? 1 : 0)
  }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
  func bind(to statement: SQLiteStatement, at index: Int32) {
    if let value = self {
      value.bind(to: statement, at: index)
    } else {
      sqlite3_bind_null(statement, index)
    }
  }
}
