import Foundation
import RaccordCore

/// A school and a year the store holds files for.
public struct SchoolYearKey: Sendable, Hashable {
  public var uai: String
  /// The year the school year starts in.
  public var year: Int
}

/// A school year of one school, with the files currently loaded for it.
public struct SchoolYearStatus: Sendable, Hashable {
  public var uai: String
  public var schoolName: String?
  public var year: SchoolYear
  /// The current file of each kind.
  public var files: [StoredSourceFile]
  /// How many earlier exports were replaced.
  public var replacedFiles: Int
}

/// What the national layer holds.
public struct NationalLayerStatus: Sendable, Hashable {
  public var loadedAt: String
  public var matieres: Int
  public var mefs: Int
}

/// A labelled code, as compared year over year.
public struct CodeEntry: Sendable, Hashable {
  public var code: String
  public var label: String?
  public var dateFermeture: String?

  public init(code: String, label: String?, dateFermeture: String? = nil) {
    self.code = code
    self.label = label
    self.dateFermeture = dateFermeture
  }
}

/// One programme row, as compared year over year.
public struct ProgrammeKey: Sendable, Hashable, Comparable {
  public var mef: String
  public var matiere: String
  public var modalite: String

  public init(mef: String, matiere: String, modalite: String) {
    self.mef = mef
    self.matiere = matiere
    self.modalite = modalite
  }

  public static func < (lhs: ProgrammeKey, rhs: ProgrammeKey) -> Bool {
    (lhs.mef, lhs.matiere, lhs.modalite) < (rhs.mef, rhs.matiere, rhs.modalite)
  }
}

/// The nomenclature of one school year (or of the national layer at a date).
public struct NomenclatureSnapshot: Sendable {
  public var matieres: [String: CodeEntry] = [:]
  public var mefs: [String: CodeEntry] = [:]
  /// Programme rows with their weekly hours.
  public var programme: [ProgrammeKey: String] = [:]
  /// Which file the snapshot comes from.
  public var source: String

  public init(source: String) { self.source = source }
}

extension AppDatabase {
  /// Every school and year in the store, with their current files, sorted by school then year.
  /// - Parameters:
  ///   - uai: only this school's years (an académie holds hundreds of schools: no need to read them all).
  ///   - year: only this year.
  public func status(uai: String? = nil, year: Int? = nil) throws -> [SchoolYearStatus] {
    try engine.read { db in
      var filters: [String] = []
      var arguments: [(any StoreBindable)?] = []
      if let uai {
        filters.append("uai = ?")
        arguments.append(uai)
      }
      if let year {
        filters.append("year = ?")
        arguments.append(year)
      }
      let filter = filters.isEmpty ? "" : " WHERE " + filters.joined(separator: " AND ")
      let files = try db.fetchAll(
        sql: "SELECT * FROM source_file\(filter) ORDER BY uai, year, kind, id", arguments: StoreArguments(arguments)
      ).map(StoredSourceFile.init(row:))
        // In Swift, by code point: a PostgreSQL database's collation may order text otherwise than SQLite.
        .sorted { ($0.uai, $0.year, $0.kind, $0.id) < ($1.uai, $1.year, $1.kind, $1.id) }
      let schoolArguments: [(any StoreBindable)?] = uai.map { [$0] } ?? []
      let names = Dictionary(
        try db.fetchAll(
          sql: "SELECT uai, name FROM school" + (uai == nil ? "" : " WHERE uai = ?"),
          arguments: StoreArguments(schoolArguments)
        ).map { (row: StoreRow) -> (String, String?) in (row["uai"], row["name"]) }, uniquingKeysWith: { a, _ in a })
      var result: [SchoolYearStatus] = []
      for ((uai, year), group) in Dictionary(grouping: files, by: { Pair($0.uai, $0.year) }).map({
        (($0.key.first, $0.key.second), $0.value)
      }).sorted(by: { ($0.0.0, $0.0.1) < ($1.0.0, $1.0.1) }) {
        result.append(
          SchoolYearStatus(
            uai: uai, schoolName: names[uai] ?? nil, year: SchoolYear(year),
            files: group.filter { $0.replacedAt == nil }, replacedFiles: group.filter { $0.replacedAt != nil }.count))
      }
      return result
    }
  }

  /// The schools and years the store holds files for, by UAI then year: what a page's header lists,
  /// without reading the files' details.
  public func schoolYears() throws -> [SchoolYearKey] {
    try engine.read { db in
      try db.fetchAll(sql: "SELECT DISTINCT uai, year FROM source_file WHERE replaced_at IS NULL").map {
        SchoolYearKey(uai: $0["uai"], year: $0["year"])
      }.sorted { ($0.uai, $0.year) < ($1.uai, $1.year) }
    }
  }

  /// A token that changes whenever a file of the school year or a decision of the school changes:
  /// one small query tells a cache whether what it keeps is still the store's state. Row ids only
  /// grow on both engines (AUTOINCREMENT, sequences), so a change that adds a row raises a maximum
  /// and one that only removes rows lowers a count.
  public func changeToken(uai: String, year: Int) throws -> String {
    try engine.read { db in
      let row = try db.fetchOne(
        sql: """
          SELECT (SELECT count(*) FROM source_file WHERE uai = ? AND year = ?),
            (SELECT max(id) FROM source_file WHERE uai = ? AND year = ?),
            (SELECT count(*) FROM review_decision WHERE uai = ?),
            (SELECT max(id) FROM review_decision WHERE uai = ?)
          """, arguments: [uai, year, uai, year, uai, uai])
      return (0..<4).map { (row?[$0] as String?) ?? "-" }.joined(separator: ":")
    }
  }

  /// The national layer, when loaded.
  public func nationalLayer() throws -> NationalLayerStatus? {
    try engine.read { db in
      try db.fetchOne(sql: "SELECT * FROM national_layer WHERE id = 1").map {
        NationalLayerStatus(loadedAt: $0["loaded_at"], matieres: $0["matieres"], mefs: $0["mefs"])
      }
    }
  }

  /// Counts rows of a table for one school and year: for tests and summaries.
  public func count(_ table: String, uai: String, year: Int) throws -> Int {
    precondition(Self.fileDataTables.contains(table), "unknown table \(table)")
    return try engine.read { db in
      try db.fetchValue(
        Int.self,
        sql: """
          SELECT count(*) FROM \(table) WHERE source_file_id IN (SELECT id FROM source_file WHERE uai = ? AND year = ?)
          """,
        arguments: [uai, year]) ?? 0
    }
  }

  /// Runs a read-only query and returns its rows as dictionaries of strings: for tests and diagnostics.
  public func rows(_ sql: String, arguments: StoreArguments = []) throws -> [[String: String?]] {
    try engine.read { db in
      try db.fetchAll(sql: sql, arguments: arguments).map { row in
        var values: [String: String?] = [:]
        for (column, value) in zip(row.columns, row.values) {
          values[column] = value.isNull ? nil : value.description
        }
        return values
      }
    }
  }

  /// The nomenclature of a school year: from the SIECLE `Nomenclature.xml` when loaded, else from STS Web.
  public func nomenclatureSnapshot(uai: String, year: Int) throws -> NomenclatureSnapshot? {
    try engine.read { db in
      let source = try db.fetchOne(
        sql: """
          SELECT * FROM source_file WHERE uai = ? AND year = ? AND replaced_at IS NULL AND kind IN (?, ?)
          ORDER BY CASE kind WHEN ? THEN 0 ELSE 1 END LIMIT 1
          """,
        arguments: [
          uai, year, FileKind.siecleNomenclature.rawValue, FileKind.stsEmp.rawValue,
          FileKind.siecleNomenclature.rawValue,
        ]
      ).map(StoredSourceFile.init(row:))
      guard let source else { return nil }
      var snapshot = NomenclatureSnapshot(source: source.fileName)
      for row in try db.fetchAll(
        sql: "SELECT code, libelle_long, libelle_edition FROM matiere WHERE source_file_id = ?",
        arguments: [source.id])
      {
        let code: String = row["code"]
        snapshot.matieres[code] = CodeEntry(code: code, label: row["libelle_edition"] ?? row["libelle_long"])
      }
      for row in try db.fetchAll(
        sql: "SELECT code, libelle_long, libelle_edition, date_fermeture FROM mef WHERE source_file_id = ?",
        arguments: [source.id])
      {
        let code: String = row["code"]
        snapshot.mefs[code] = CodeEntry(
          code: code, label: row["libelle_edition"] ?? row["libelle_long"], dateFermeture: row["date_fermeture"])
      }
      for row in try db.fetchAll(
        sql: "SELECT mef_code, matiere_code, modalite, horaire FROM programme WHERE source_file_id = ?",
        arguments: [source.id])
      {
        let key = ProgrammeKey(mef: row["mef_code"], matiere: row["matiere_code"], modalite: row["modalite"] ?? "")
        snapshot.programme[key] = row["horaire"] ?? ""
      }
      return snapshot
    }
  }

  /// The national matières and MEF open on `date` (ISO `YYYY-MM-DD`).
  public func nationalSnapshot(at date: String) throws -> NomenclatureSnapshot {
    try engine.read { db in
      var snapshot = NomenclatureSnapshot(source: "tables nationales (BCN) au \(date)")
      let open = "(date_ouverture IS NULL OR date_ouverture <= ?) AND (date_fermeture IS NULL OR date_fermeture >= ?)"
      for row in try db.fetchAll(
        sql: "SELECT code, libelle_long, libelle_edition FROM national_matiere WHERE \(open)",
        arguments: [date, date])
      {
        let code: String = row["code"]
        snapshot.matieres[code] = CodeEntry(code: code, label: row["libelle_long"] ?? row["libelle_edition"])
      }
      for row in try db.fetchAll(
        sql: "SELECT code, libelle_long, date_fermeture FROM national_mef WHERE \(open)", arguments: [date, date])
      {
        let code: String = row["code"]
        snapshot.mefs[code] = CodeEntry(code: code, label: row["libelle_long"], dateFermeture: row["date_fermeture"])
      }
      return snapshot
    }
  }

  /// A national matière by code, to identify and date a code the school's files do not know.
  public func nationalMatiere(_ code: String) throws -> NationalMatiere? {
    try engine.read { db in
      try db.fetchOne(sql: "SELECT * FROM national_matiere WHERE code = ?", arguments: [code]).map { row in
        var matiere = NationalMatiere(code: row["code"])
        matiere.codeGestion = row["code_gestion"]
        matiere.libelleCourt = row["libelle_court"]
        matiere.libelleLong = row["libelle_long"]
        matiere.libelleEdition = row["libelle_edition"]
        matiere.dateOuverture = row["date_ouverture"]
        matiere.dateFermeture = row["date_fermeture"]
        return matiere
      }
    }
  }
}

private struct Pair: Hashable {
  let first: String
  let second: Int
  init(_ first: String, _ second: Int) {
    self.first = first
    self.second = second
  }
}

extension AppDatabase {
  /// The current (not replaced) file of a kind for a school year.
  public func currentFile(kind: FileKind, uai: String, year: Int) throws -> StoredSourceFile? {
    try engine.read { db in
      try db.fetchOne(
        sql: "SELECT * FROM source_file WHERE kind = ? AND uai = ? AND year = ? AND replaced_at IS NULL",
        arguments: [kind.rawValue, uai, year]
      ).map(StoredSourceFile.init(row:))
    }
  }
}
