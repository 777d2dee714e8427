import Foundation
import GRDB
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
  let db: Database
  let now: String

  init(db: Database, now: String) {
    self.db = db
    self.now = now
  }

  /// The current (not replaced) file with these bytes, if any: importing it again is a no-op.
  public func currentFile(sha256: String) throws -> StoredSourceFile? {
    try StoredSourceFile.fetchOne(
      db, sql: "SELECT * FROM source_file WHERE sha256 = ? AND replaced_at IS NULL LIMIT 1", arguments: [sha256])
  }

  /// The schools and years with current files.
  public func schoolYears() throws -> [(uai: String, year: Int)] {
    try Row.fetchAll(db, sql: "SELECT DISTINCT uai, year FROM source_file WHERE replaced_at IS NULL ORDER BY uai, year")
      .map { ($0["uai"], $0["year"]) }
  }

  /// The kinds of the current files of a school year.
  public func currentKinds(uai: String, year: Int) throws -> Set<String> {
    Set(
      try String.fetchAll(
        db, sql: "SELECT kind FROM source_file WHERE uai = ? AND year = ? AND replaced_at IS NULL",
        arguments: [uai, year]))
  }

  /// A sink that writes one file's records. Call ``StoreSink/finish(counts:)`` after the last record.
  public func sink(for info: SourceFileInfo) -> StoreSink {
    StoreSink(session: self, info: info)
  }

  /// The fingerprint of the national layer in the store, if loaded.
  public func nationalFingerprint() throws -> String? {
    try String.fetchOne(db, sql: "SELECT fingerprint FROM national_layer WHERE id = 1")
  }

  /// Replaces the national layer when its fingerprint changed. Returns `true` when it was (re)loaded.
  @discardableResult
  public func loadNationalLayer(_ tables: NationalTables) throws -> Bool {
    if try nationalFingerprint() == tables.fingerprint { return false }
    try db.execute(sql: "DELETE FROM national_matiere")
    try db.execute(sql: "DELETE FROM national_mef")
    let matiere = try db.makeStatement(
      sql: """
        INSERT INTO national_matiere (code, code_gestion, libelle_court, libelle_long, libelle_edition,
          date_ouverture, date_fermeture) VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    for m in tables.matieres {
      try matiere.execute(arguments: [
        m.code, m.codeGestion, m.libelleCourt, m.libelleLong, m.libelleEdition, m.dateOuverture, m.dateFermeture,
      ])
    }
    let mef = try db.makeStatement(
      sql: """
        INSERT INTO national_mef (code, code_bcn, dispositif_formation, formation_diplome, libelle_court,
          libelle_long, libelle_edition, mef_stat_11, date_ouverture, date_fermeture, nb_options_obligatoires)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for m in tables.mefs {
      try mef.execute(arguments: [
        m.code, m.codeBCN, m.dispositifFormation, m.formationDiplome, m.libelleCourt, m.libelleLong,
        m.libelleEdition, m.mefStat11, m.dateOuverture, m.dateFermeture, m.nbOptionsObligatoires,
      ])
    }
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO national_layer (id, fingerprint, loaded_at, matieres, mefs) VALUES (1, ?, ?, ?, ?)
        """, arguments: [tables.fingerprint, now, tables.matieres.count, tables.mefs.count])
    return true
  }
}

/// Writes one file's records into the store, replacing the previous export of the same kind,
/// school and year when the header arrives.
public final class StoreSink: ImportSink {
  let session: ImportSession
  let info: SourceFileInfo
  public private(set) var sourceFileID: Int64?
  public private(set) var header: FileHeader?
  /// The file this one replaced, if any.
  public private(set) var replaced: StoredSourceFile?

  init(session: ImportSession, info: SourceFileInfo) {
    self.session = session
    self.info = info
  }

  private var db: Database { session.db }

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

  /// Records the counts of the file once every record is written.
  /// Records where the file was read.
  public func recordSourcePath(_ path: String) throws {
    guard let sourceFileID else { throw StoreError.noHeader(file: info.displayName) }
    try db.execute(sql: "UPDATE source_file SET source_path = ? WHERE id = ?", arguments: [path, sourceFileID])
  }

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

  private func run(_ sql: StaticString, _ arguments: StatementArguments) throws {
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
    guard let source = sourceFileID, let header else { throw StoreError.noHeader(file: info.displayName) }
    let uai = header.uai.code
    let year = header.year.start
    switch record {
    case .mef(let m):
      try run(
        """
        INSERT INTO mef (source_file_id, uai, year, line, code, formation, libelle_long, libelle_edition, mef_stat,
          rattachement, nb_options_obligatoires, selected, date_ouverture, date_fermeture)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, m.line, m.code, m.formation, m.libelleLong, m.libelleEdition, m.mefStat, m.rattachement,
          m.nbOptionsObligatoires, m.selected, m.dateOuverture, m.dateFermeture,
        ])
    case .matiere(let m):
      try run(
        """
        INSERT INTO matiere (source_file_id, uai, year, line, code, code_gestion, libelle_court, libelle_long,
          libelle_edition, code_national) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, m.line, m.code, m.codeGestion, m.libelleCourt, m.libelleLong, m.libelleEdition,
          m.codeNational,
        ])
    case .programme(let p):
      try run(
        """
        INSERT INTO programme (source_file_id, uai, year, line, mef_code, matiere_code, modalite, horaire)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """, [source, uai, year, p.line, p.mef, p.matiere, p.modalite, p.horaire])
    case .optionObligatoire(let o):
      try run(
        """
        INSERT INTO option_obligatoire (source_file_id, uai, year, line, mef_code, matiere_code, rang)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """, [source, uai, year, o.line, o.mef, o.matiere, o.rang])
    case .modalite(let m):
      try run(
        """
        INSERT INTO modalite (source_file_id, uai, year, line, kind, code, libelle_court, libelle_long,
          co_enseignement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, m.line, m.kind.rawValue, m.code, m.libelleCourt, m.libelleLong, m.coEnseignement,
        ])
    case .individu(let i):
      try run(
        """
        INSERT INTO individu (source_file_id, uai, year, line, sts_id, list, type, sexe, civilite, nom_usage,
          nom_patronymique, prenom, grade, fonction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, i.line, i.id, i.list.rawValue, i.type, i.sexe, i.civilite, i.nomUsage,
          i.nomPatronymique, i.prenom, i.grade, i.fonction,
        ])
      let owner = db.lastInsertedRowID
      for d in i.disciplines {
        try run(
          "INSERT INTO individu_discipline (individu_id, code, libelle_court, nb_heures) VALUES (?, ?, ?, ?)",
          [owner, d.code, d.libelleCourt, d.nbHeures])
      }
      for code in i.profPrincipal {
        try run("INSERT INTO prof_principal (individu_id, structure_code) VALUES (?, ?)", [owner, code])
      }
    case .structure(let s):
      try run(
        "INSERT INTO structure (source_file_id, uai, year, line, code, kind, libelle) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [source, uai, year, s.line, s.code, s.kind.rawValue, s.libelle])
      let owner = db.lastInsertedRowID
      for code in s.mefs {
        try run(
          "INSERT INTO structure_mef (structure_id, mef_code) VALUES (?, ?)",
          [
            owner, code,
          ])
      }
      for code in s.divisions {
        try run("INSERT INTO structure_division (structure_id, division_code) VALUES (?, ?)", [owner, code])
      }
    case .service(let s):
      try run(
        """
        INSERT INTO service (source_file_id, uai, year, line, structure_code, structure_kind, matiere_code,
          modalite_cours, heures, co_enseignement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, s.line, s.structureCode, s.structureKind.rawValue, s.matiere, s.modaliteCours, s.heures,
          s.coEnseignement,
        ])
      let owner = db.lastInsertedRowID
      for (position, teacher) in s.teachers.enumerated() {
        try run(
          "INSERT INTO service_teacher (service_id, position, sts_id, type, heures) VALUES (?, ?, ?, ?, ?)",
          [owner, position, teacher.id, teacher.type, teacher.heures])
      }
    case .eleve(let e):
      try run(
        """
        INSERT INTO eleve (source_file_id, uai, year, line, eleve_id, elenoet, nom, nom_usage, prenom, sexe,
          mef_code, statut, date_entree, date_sortie, motif_sortie) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, e.line, e.id, e.elenoet, e.nom, e.nomUsage, e.prenom, e.sexe, e.mef, e.statut,
          e.dateEntree, e.dateSortie, e.motifSortie,
        ])
    case .eleveOption(let o):
      try run(
        """
        INSERT INTO eleve_option (source_file_id, uai, year, line, eleve_id, rang, modalite, matiere_code)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """, [source, uai, year, o.line, o.eleveId, o.rang, o.modalite, o.matiere])
    case .gradebookDiscipline(let d):
      try run(
        """
        INSERT INTO gb_discipline (source_file_id, uai, year, line, discipline_id, code, code_national, modalite,
          libelle) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, [source, uai, year, d.line, d.id, d.code, d.codeNational, d.modalite, d.libelle])
    case .gradebookTeacher(let t):
      try run(
        """
        INSERT INTO gb_teacher (source_file_id, uai, year, line, teacher_id, type, id_sts, civilite, nom, prenom)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, [source, uai, year, t.line, t.id, t.type, t.idSTS, t.civilite, t.nom, t.prenom])
    case .gradebookPupil(let p):
      try run(
        """
        INSERT INTO gb_pupil (source_file_id, uai, year, line, pupil_id, id_be, nom, prenom, code_division)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, [source, uai, year, p.line, p.id, p.idBE, p.nom, p.prenom, p.codeDivision])
    case .gradebookPeriod(let p):
      try run(
        """
        INSERT INTO gb_period (source_file_id, uai, year, line, period_id, millesime, indice, nb_periodes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """, [source, uai, year, p.line, p.id, p.millesime, p.indice, p.nbPeriodes])
    case .gradebookBilan(let b):
      try run(
        """
        INSERT INTO gb_bilan (source_file_id, uai, year, line, pupil_ref, period_ref, date_conseil, date_scolarite,
          prof_princ_refs, has_council_appraisal, has_school_life) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, b.line, b.pupilRef, b.periodRef, b.dateConseil, b.dateScolarite,
          b.profPrincRefs.joined(separator: " "), b.hasCouncilAppraisal, b.hasSchoolLife,
        ])
      let owner = db.lastInsertedRowID
      for a in b.acquis {
        try run(
          """
          INSERT INTO gb_acquis (bilan_id, line, discipline_ref, teacher_refs, element_programme_refs, has_appraisal,
            moyenne, positionnement, statut_evaluation, non_note, moyenne_structure)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          [
            owner, a.line, a.disciplineRef, a.teacherRefs.joined(separator: " "),
            a.elementProgrammeRefs.joined(separator: " "), a.hasAppraisal, a.moyenne, a.positionnement,
            a.statutEvaluation, a.nonNote, a.moyenneStructure,
          ])
      }
    case .gradebookCycleBilan(let c):
      try run(
        """
        INSERT INTO gb_cycle_bilan (source_file_id, uai, year, line, pupil_ref, cycle, millesime, domains,
          has_synthesis, socle, complement_code, complement_positionnement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, c.line, c.pupilRef, c.cycle, c.millesime, c.domains, c.hasSynthesis, c.socleText,
          c.complementCode, c.complementPositionnement,
        ])
    case .gradebookService(let g):
      try run(
        """
        INSERT INTO gb_service (source_file_id, uai, year, line, structure, subject_label, subject_code, teacher_nom,
          teacher_prenom, teacher_sts_id, co_teaching) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          source, uai, year, g.line, g.structure, g.subjectLabel, g.subjectCode, g.teacherNom, g.teacherPrenom,
          g.teacherSTSId, g.coTeaching,
        ])
    case .eleveStructure(let s):
      try run(
        """
        INSERT INTO eleve_structure (source_file_id, uai, year, line, eleve_id, structure_code, kind)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """, [source, uai, year, s.line, s.eleveId, s.structureCode, s.kind.rawValue])
    }
  }
}

extension JSONEncoder {
  static var sorted: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}

extension StoredSourceFile: FetchableRecord {
  public init(row: Row) throws {
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
