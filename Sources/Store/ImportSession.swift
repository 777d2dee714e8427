import Foundation
import RaccordCore

/// A file already in the store.
public struct StoredSourceFile: Sendable, Hashable, Codable {
  public var id: Int64
  public var kind: String
  public var fileName: String
  public var sha256: String
  public var size: Int64
  public var uai: String
  public var year: Int
  public var version: String?
  public var exportedAt: String?
  public var importedAt: String
  public var counts: [String: Int]
  public var replacedAt: String?
  /// Where the file was read when it was imported.
  public var sourcePath: String?
}

/// What the caller says about the bytes it is about to import.
public struct SourceFileInfo: Sendable {
  public var displayName: String
  public var fileName: String
  public var sha256: String
  public var size: Int64
  /// Import even when an export of the same kind, school and year with a later timestamp is there.
  public var force: Bool

  public init(displayName: String, fileName: String, sha256: String, size: Int64, force: Bool = false) {
    self.displayName = displayName
    self.fileName = fileName
    self.sha256 = sha256
    self.size = size
    self.force = force
  }
}

/// The writes of one import transaction.
public final class ImportSession {
  let db: any StoreConnection
  let rows: ImportRowWriter
  let now: String

  init(db: any StoreConnection, rows: ImportRowWriter, now: String) {
    self.db = db
    self.rows = rows
    self.now = now
  }

  /// The current (not replaced) file with these bytes, if any: importing it again is a no-op.
  public func currentFile(sha256: String) throws -> StoredSourceFile? {
    try db.fetchOne(
      sql: "SELECT * FROM source_file WHERE sha256 = ? AND replaced_at IS NULL LIMIT 1", arguments: [sha256]
    ).map(StoredSourceFile.init(row:))
  }

  /// The schools and years with current files.
  public func schoolYears() throws -> [(uai: String, year: Int)] {
    try db.fetchAll(sql: "SELECT DISTINCT uai, year FROM source_file WHERE replaced_at IS NULL ORDER BY uai, year")
      .map { ($0["uai"], $0["year"]) }
  }

  /// The kinds of the current files of a school year.
  public func currentKinds(uai: String, year: Int) throws -> Set<String> {
    Set(
      try db.fetchValues(
        String.self, sql: "SELECT kind FROM source_file WHERE uai = ? AND year = ? AND replaced_at IS NULL",
        arguments: [uai, year]))
  }

  /// A sink that writes one file's records. Call ``StoreSink/finish(counts:)`` after the last record.
  public func sink(for info: SourceFileInfo) -> StoreSink {
    StoreSink(session: self, info: info)
  }

  /// The fingerprint of the national layer in the store, if loaded.
  public func nationalFingerprint() throws -> String? {
    try db.fetchValue(String.self, sql: "SELECT fingerprint FROM national_layer WHERE id = 1")
  }

  /// Replaces the national layer when its fingerprint changed. Returns `true` when it was (re)loaded.
  @discardableResult
  public func loadNationalLayer(_ tables: NationalTables) throws -> Bool {
    if db.dialect == .postgres {
      // Imports run side by side on PostgreSQL: one loads the layer, the others then find it loaded.
      try db.execute(sql: "SELECT pg_advisory_xact_lock(7265732)")
    }
    if try nationalFingerprint() == tables.fingerprint { return false }
    try db.execute(sql: "DELETE FROM national_matiere")
    try db.execute(sql: "DELETE FROM national_mef")
    for m in tables.matieres {
      try rows.insert(
        """
        INSERT INTO national_matiere (code, code_gestion, libelle_court, libelle_long, libelle_edition,
          date_ouverture, date_fermeture) VALUES (?, ?, ?, ?, ?, ?, ?)
        """, m.code, m.codeGestion, m.libelleCourt, m.libelleLong, m.libelleEdition, m.dateOuverture, m.dateFermeture)
    }
    for m in tables.mefs {
      try rows.insert(
        """
        INSERT INTO national_mef (code, code_bcn, dispositif_formation, formation_diplome, libelle_court,
          libelle_long, libelle_edition, mef_stat_11, date_ouverture, date_fermeture, nb_options_obligatoires)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, m.code, m.codeBCN, m.dispositifFormation, m.formationDiplome, m.libelleCourt, m.libelleLong,
        m.libelleEdition, m.mefStat11, m.dateOuverture, m.dateFermeture, m.nbOptionsObligatoires)
    }
    try db.execute(
      sql: """
        INSERT INTO national_layer (id, fingerprint, loaded_at, matieres, mefs) VALUES (1, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, loaded_at = excluded.loaded_at,
          matieres = excluded.matieres, mefs = excluded.mefs
        """, arguments: [tables.fingerprint, now, tables.matieres.count, tables.mefs.count])
    return true
  }
}

extension JSONEncoder {
  static var sorted: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}

extension StoredSourceFile {
  init(row: StoreRow) {
    id = row["id"]
    kind = row["kind"]
    fileName = row["file_name"]
    sha256 = row["sha256"]
    size = row["size"]
    uai = row["uai"]
    year = row["year"]
    version = row["version"]
    exportedAt = row["exported_at"]
    importedAt = row["imported_at"]
    let json: String = row["counts"]
    counts = (try? JSONDecoder().decode([String: Int].self, from: Data(json.utf8))) ?? [:]
    replacedAt = row["replaced_at"]
    sourcePath = row["source_path"]
  }
}
