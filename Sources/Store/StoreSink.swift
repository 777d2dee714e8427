import Foundation
import GRDB
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
  private var fileColumns: FileColumns?

  struct FileColumns {
    let source: Int64
    let uai: String
    let year: Int
  }

  init(session: ImportSession, info: SourceFileInfo) {
    self.session = session
    self.info = info
  }

  var db: Database { session.db }

  public func begin(_ header: FileHeader) throws {
    let previous = try StoredSourceFile.fetchOne(
      db, sql: "SELECT * FROM source_file WHERE kind = ? AND uai = ? AND year = ? AND replaced_at IS NULL",
      arguments: [header.kind.rawValue, header.uai.code, header.year.start])
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
        try db.execute(sql: "DELETE FROM \(table) WHERE source_file_id = ?", arguments: [previous.id])
      }
      try db.execute(sql: "UPDATE source_file SET replaced_at = ? WHERE id = ?", arguments: [session.now, previous.id])
      replaced = previous
    }
    try db.execute(
      sql: """
        INSERT INTO source_file (kind, file_name, sha256, size, uai, year, version, exported_at, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        header.kind.rawValue, info.fileName, info.sha256, info.size, header.uai.code, header.year.start,
        header.version, header.exportedAt, session.now,
      ])
    let id = db.lastInsertedRowID
    if let previous {
      try db.execute(sql: "UPDATE source_file SET replaced_by = ? WHERE id = ?", arguments: [id, previous.id])
    }
    sourceFileID = id
    self.header = header
    fileColumns = FileColumns(source: id, uai: header.uai.code, year: header.year.start)
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
        """, [sourceFileID, header.uai.code, header.year.start, problem.line, schemaVersion, problem.message])
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

  /// Prepared statements of this sink, keyed by the address of their static SQL text:
  /// no hashing of SQL strings on the hot path.
  private var statements: [Int: Statement] = [:]

  func run(_ sql: StaticString, _ arguments: StatementArguments) throws {
    let key = Int(bitPattern: sql.utf8Start)
    let statement: Statement
    if let cached = statements[key] {
      statement = cached
    } else {
      statement = try db.makeStatement(sql: sql.description)
      statements[key] = statement
    }
    statement.setUncheckedArguments(arguments)
    try statement.execute()
  }

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
