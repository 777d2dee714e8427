import Foundation
import RaccordCore

extension AppDatabase {
  /// Reads what suggestions and checks need for a school year.
  /// - Parameter acquis: `false` to leave `bilans` empty and give `uses` once per discipline,
  ///   teachers and division instead of once per acquis: what suggestions and the LSU export
  ///   need, in memory that does not grow with the number of pupils.
  public func schoolYearData(uai: String, year: Int, acquis: Bool = true) throws -> SchoolYearData {
    try engine.read { db in
      var query = try SchoolYearDataQuery(db: db, uai: uai, year: year)
      try query.readClassSettings()
      if let nomenclature = query.current(.siecleNomenclature) ?? query.current(.stsEmp) {
        try query.readNomenclature(source: nomenclature)
      }
      try query.readNationalMatieres()
      try query.readStructures()
      if let sts = query.current(.stsEmp) { try query.readSTS(source: sts) }
      if let pupils = query.current(.siecleEleves) { try query.readPupils(source: pupils) }
      if let lsu = query.current(.lsuBilans) {
        try query.readGradebookPeople(source: lsu)
        if acquis {
          try query.readBilans(source: lsu)
        } else {
          try query.readUses(source: lsu)
        }
        try query.readCycleBilans(source: lsu)
        try query.readSchemaProblems(source: lsu)
      }
      if let csv = query.current(.gradebookServices) { try query.readGradebookServices(source: csv) }
      return query.data
    }
  }
}

/// The reads behind ``AppDatabase/schoolYearData(uai:year:acquis:)``, one per kind of data, each
/// from the current file of its kind.
private struct SchoolYearDataQuery {
  let db: any StoreConnection
  let files: [StoredSourceFile]
  var data: SchoolYearData

  init(db: any StoreConnection, uai: String, year: Int) throws {
    self.db = db
    files = try db.fetchAll(
      sql: "SELECT * FROM source_file WHERE uai = ? AND year = ? AND replaced_at IS NULL", arguments: [uai, year]
    ).map(StoredSourceFile.init(row:))
    data = SchoolYearData(uai: uai, year: year)
    data.loadedKinds = Set(files.compactMap { FileKind(rawValue: $0.kind) })
    for file in files { if let kind = FileKind(rawValue: file.kind) { data.fileNames[kind] = file.fileName } }
  }

  /// The id of the current file of `kind`.
  func current(_ kind: FileKind) -> Int64? { files.first { $0.kind == kind.rawValue }?.id }

  mutating func readClassSettings() throws {
    for row in try db.fetchAll(
      sql: "SELECT * FROM class_setting WHERE uai = ? AND year = ?", arguments: [data.uai, data.year])
    {
      guard let positioning = ClassSetting.Positioning(rawValue: row["positioning"]) else { continue }
      let division: String = row["division"]
      data.classSettings[division] = ClassSetting(
        division: division, positioning: positioning, classAverage: row["class_average"])
    }
  }

  /// The school's matières and programme, from the SIECLE nomenclature or else STS Web.
  mutating func readNomenclature(source: Int64) throws {
    for row in try db.fetchAll(sql: "SELECT * FROM matiere WHERE source_file_id = ?", arguments: [source]) {
      var m = MatiereRecord(code: row["code"], line: row["line"])
      m.codeGestion = row["code_gestion"]
      m.libelleCourt = row["libelle_court"]
      m.libelleLong = row["libelle_long"]
      m.libelleEdition = row["libelle_edition"]
      m.codeNational = row["code_national"]
      data.catalogue.append(m)
    }
    data.programme = try db.fetchAll(
      sql: "SELECT mef_code, matiere_code, modalite, horaire, line FROM programme WHERE source_file_id = ?",
      arguments: [source]
    ).map {
      ProgrammeRecord(
        mef: $0["mef_code"], matiere: $0["matiere_code"], modalite: $0["modalite"], horaire: $0["horaire"],
        line: $0["line"])
    }
  }

  mutating func readNationalMatieres() throws {
    for row in try db.fetchAll(sql: "SELECT * FROM national_matiere") {
      var m = NationalMatiere(code: row["code"])
      m.codeGestion = row["code_gestion"]
      m.libelleLong = row["libelle_long"]
      m.libelleEdition = row["libelle_edition"]
      m.dateOuverture = row["date_ouverture"]
      m.dateFermeture = row["date_fermeture"]
      data.national.append(m)
    }
  }

  /// Structures with their MEFs and a group's divisions: STS first, SIECLE Structures.xml as a
  /// complement. A group without MEFs of its own takes its divisions'.
  mutating func readStructures() throws {
    var groupDivisions: [String: Set<String>] = [:]
    for kind in [FileKind.stsEmp, .siecleStructures] {
      guard let source = current(kind) else { continue }
      for row in try db.fetchAll(
        sql: """
          SELECT s.code, s.kind, m.mef_code, d.division_code FROM structure s
          LEFT JOIN structure_mef m ON m.structure_id = s.id
          LEFT JOIN structure_division d ON d.structure_id = s.id
          WHERE s.source_file_id = ?
          """, arguments: [source])
      {
        let code: String = row["code"]
        if let mef: String = row["mef_code"] { data.structureMEFs[code, default: []].insert(mef) }
        if let division: String = row["division_code"] { groupDivisions[code, default: []].insert(division) }
      }
    }
    data.groupDivisions = groupDivisions
    for (group, divisions) in groupDivisions where (data.structureMEFs[group] ?? []).isEmpty {
      data.structureMEFs[group] = divisions.reduce(into: Set<String>()) { $0.formUnion(data.structureMEFs[$1] ?? []) }
    }
  }

  /// STS Web's people and its services with their teachers, in the export's order.
  mutating func readSTS(source: Int64) throws {
    data.people = try db.fetchAll(sql: "SELECT * FROM individu WHERE source_file_id = ?", arguments: [source]).map {
      STSPerson(
        id: $0["sts_id"], list: $0["list"], type: $0["type"], civilite: $0["civilite"], nomUsage: $0["nom_usage"],
        nomPatronymique: $0["nom_patronymique"], prenom: $0["prenom"], fonction: $0["fonction"])
    }
    var services: [Int64: STSServiceRow] = [:]
    var order: [Int64] = []
    for row in try db.fetchAll(
      sql: """
        SELECT s.id, s.structure_code, s.structure_kind, s.matiere_code, s.modalite_cours, t.sts_id
        FROM service s LEFT JOIN service_teacher t ON t.service_id = s.id
        WHERE s.source_file_id = ? ORDER BY s.id, t.position
        """, arguments: [source])
    {
      let id: Int64 = row["id"]
      if services[id] == nil {
        order.append(id)
        services[id] = STSServiceRow(
          structure: row["structure_code"], kind: row["structure_kind"], matiere: row["matiere_code"],
          modaliteCours: row["modalite_cours"], teacherIDs: [])
      }
      if let teacher: String = row["sts_id"] { services[id]!.teacherIDs.append(teacher) }
    }
    data.services = order.compactMap { services[$0] }
  }

  /// SIECLE Élèves: each pupil's MEF, division, groups and options, and who left.
  mutating func readPupils(source: Int64) throws {
    for row in try db.fetchAll(
      sql: "SELECT eleve_id, mef_code, date_sortie FROM eleve WHERE source_file_id = ?", arguments: [source])
    {
      let id: String = row["eleve_id"]
      data.pupilMEFs[id] = row["mef_code"] ?? ""
      if let left: String = row["date_sortie"],
        left <= SchoolYear(data.year).firstDay.replacingOccurrences(of: "-09-01", with: "-12-31")
      {
        data.pupilsLeft.insert(id)
      }
    }
    for row in try db.fetchAll(
      sql: "SELECT eleve_id, structure_code FROM eleve_structure WHERE source_file_id = ? AND kind = 'D'",
      arguments: [source])
    {
      data.pupilDivisions[row["eleve_id"]] = row["structure_code"]
    }
    try readGroupMEFsFromPupils(source: source)
    for row in try db.fetchAll(sql: "SELECT * FROM eleve_option WHERE source_file_id = ?", arguments: [source]) {
      let option = EleveOptionRecord(
        eleveId: row["eleve_id"], rang: row["rang"], modalite: row["modalite"], matiere: row["matiere_code"],
        line: row["line"])
      data.pupilOptions[option.eleveId, default: []].append(option)
    }
  }

  /// A group that neither STS nor Structures.xml ties to a MEF or a division takes the MEFs of
  /// its pupils' divisions (SIECLE Élèves lists each pupil's groups).
  private mutating func readGroupMEFsFromPupils(source: Int64) throws {
    var pupilsOfGroup: [String: [String]] = [:]
    for row in try db.fetchAll(
      sql: "SELECT eleve_id, structure_code FROM eleve_structure WHERE source_file_id = ? AND kind = 'G'",
      arguments: [source])
    {
      pupilsOfGroup[row["structure_code"], default: []].append(row["eleve_id"])
    }
    for (group, members) in pupilsOfGroup where (data.structureMEFs[group] ?? []).isEmpty {
      let divisions = Set(members.compactMap { data.pupilDivisions[$0] })
      let mefs = divisions.reduce(into: Set<String>()) { $0.formUnion(data.structureMEFs[$1] ?? []) }
      guard !mefs.isEmpty else { continue }
      data.structureMEFs[group] = mefs
      data.groupMEFsFromPupils.insert(group)
      if (data.groupDivisions[group] ?? []).isEmpty { data.groupDivisions[group] = divisions }
    }
  }

  /// The LSU file's disciplines, teachers, pupils and periods.
  mutating func readGradebookPeople(source: Int64) throws {
    data.disciplines = try db.fetchAll(
      sql: "SELECT * FROM gb_discipline WHERE source_file_id = ? ORDER BY id", arguments: [source]
    ).map {
      var d = GradebookDiscipline(id: $0["discipline_id"], line: $0["line"])
      d.code = $0["code"]
      d.codeNational = $0["code_national"]
      d.modalite = $0["modalite"]
      d.libelle = $0["libelle"]
      return d
    }
    data.teachers = try db.fetchAll(
      sql: "SELECT * FROM gb_teacher WHERE source_file_id = ? ORDER BY id", arguments: [source]
    ).map {
      var t = GradebookTeacher(id: $0["teacher_id"], line: $0["line"])
      t.type = $0["type"]
      t.idSTS = $0["id_sts"]
      t.civilite = $0["civilite"]
      t.nom = $0["nom"]
      t.prenom = $0["prenom"]
      return t
    }
    data.pupils = try db.fetchAll(
      sql: "SELECT * FROM gb_pupil WHERE source_file_id = ? ORDER BY id", arguments: [source]
    ).map {
      var p = GradebookPupil(id: $0["pupil_id"], line: $0["line"])
      p.idBE = $0["id_be"]
      p.nom = $0["nom"]
      p.prenom = $0["prenom"]
      p.codeDivision = $0["code_division"]
      return p
    }
    data.periods = try db.fetchAll(sql: "SELECT * FROM gb_period WHERE source_file_id = ?", arguments: [source])
      .map {
        var p = GradebookPeriod(id: $0["period_id"], line: $0["line"])
        p.millesime = $0["millesime"]
        p.indice = $0["indice"]
        p.nbPeriodes = $0["nb_periodes"]
        return p
      }
  }

  /// Who teaches what where, without the acquis themselves (the LSU export needs no more).
  mutating func readUses(source: Int64) throws {
    let divisions = Dictionary(data.pupils.map { ($0.id, $0.codeDivision) }, uniquingKeysWith: { a, _ in a })
    var seen: Set<[String]> = []
    try db.forEachRow(
      sql: """
        SELECT a.discipline_ref, a.teacher_refs, b.pupil_ref FROM gb_acquis a JOIN gb_bilan b ON b.id = a.bilan_id
        WHERE b.source_file_id = ? ORDER BY a.id
        """, arguments: [source]
    ) { row in
      let discipline: String = row[0]
      let teachers: String = row[1]
      let pupil: String = row[2]
      let division = divisions[pupil] ?? nil
      guard seen.insert([discipline, teachers, division ?? ""]).inserted else { return }
      data.uses.append(
        GradebookUse(
          disciplineID: discipline, teacherRefs: teachers.split(separator: " ").map(String.init),
          division: division))
    }
  }

  /// The bilans périodiques with their acquis, then who teaches what where.
  mutating func readBilans(source: Int64) throws {
    var bilans: [Int64: GradebookBilan] = [:]
    var order: [Int64] = []
    // The largest tables of a lycée (tens of thousands of acquis): read by cursor, columns by
    // position (a lookup by name folds the name's case on every row).
    try db.forEachRow(
      sql: """
        SELECT id, pupil_ref, period_ref, line, date_conseil, date_scolarite, prof_princ_refs,
          has_council_appraisal, has_school_life
        FROM gb_bilan WHERE source_file_id = ? ORDER BY id
        """, arguments: [source]
    ) { row in
      var b = GradebookBilan(pupilRef: row[1], periodRef: row[2], line: row[3])
      b.dateConseil = row[4]
      b.dateScolarite = row[5]
      b.profPrincRefs = (row[6] as String? ?? "").split(separator: " ").map(String.init)
      b.hasCouncilAppraisal = row[7]
      b.hasSchoolLife = row[8]
      let id: Int64 = row[0]
      bilans[id] = b
      order.append(id)
    }
    try db.forEachRow(
      sql: """
        SELECT a.bilan_id, a.discipline_ref, a.line, a.teacher_refs, a.element_programme_refs,
          a.moyenne_structure, a.has_appraisal, a.moyenne, a.positionnement, a.statut_evaluation, a.non_note
        FROM gb_acquis a JOIN gb_bilan b ON b.id = a.bilan_id WHERE b.source_file_id = ? ORDER BY a.id
        """, arguments: [source]
    ) { row in
      var a = GradebookAcquis(disciplineRef: row[1], line: row[2])
      a.teacherRefs = (row[3] as String).split(separator: " ").map(String.init)
      a.elementProgrammeRefs = (row[4] as String).split(separator: " ").map(String.init)
      a.moyenneStructure = row[5]
      a.hasAppraisal = row[6]
      a.moyenne = row[7]
      a.positionnement = row[8]
      a.statutEvaluation = row[9]
      a.nonNote = row[10]
      let bilan: Int64 = row[0]
      bilans[bilan]?.acquis.append(a)
    }
    data.bilans = order.compactMap { bilans[$0] }
    let divisions = Dictionary(data.pupils.map { ($0.id, $0.codeDivision) }, uniquingKeysWith: { a, _ in a })
    var uses: Set<GradebookUse> = []
    for bilan in data.bilans {
      let division = divisions[bilan.pupilRef] ?? nil
      for acquis in bilan.acquis {
        let use = GradebookUse(disciplineID: acquis.disciplineRef, teacherRefs: acquis.teacherRefs, division: division)
        if !uses.contains(use) {
          uses.insert(use)
          data.uses.append(use)
        }
      }
    }
  }

  mutating func readCycleBilans(source: Int64) throws {
    data.cycleBilans = try db.fetchAll(
      sql: "SELECT * FROM gb_cycle_bilan WHERE source_file_id = ? ORDER BY id", arguments: [source]
    ).map {
      var c = GradebookCycleBilan(
        pupilRef: $0["pupil_ref"], cycle: $0["cycle"], millesime: $0["millesime"], domains: $0["domains"],
        hasSynthesis: $0["has_synthesis"], line: $0["line"])
      c.socle = GradebookCycleBilan.socle(parsing: $0["socle"])
      c.complementCode = $0["complement_code"]
      c.complementPositionnement = $0["complement_positionnement"]
      return c
    }
  }

  /// The XSD problems recorded when the LSU file was imported, and the schema version it was validated against.
  mutating func readSchemaProblems(source: Int64) throws {
    data.schemaProblems = try db.fetchAll(
      sql: "SELECT line, message, schema_version FROM gb_schema_problem WHERE source_file_id = ? ORDER BY id",
      arguments: [source]
    ).map { ($0["line"] ?? 0, $0["message"]) }
    data.schemaVersion = files.first { $0.id == source }?.version
  }

  /// The gradebook's CSV list of services.
  mutating func readGradebookServices(source: Int64) throws {
    data.gradebookServices = try db.fetchAll(
      sql: "SELECT * FROM gb_service WHERE source_file_id = ? ORDER BY id", arguments: [source]
    ).map {
      var s = GradebookService(structure: $0["structure"], subjectLabel: $0["subject_label"], line: $0["line"])
      s.subjectCode = $0["subject_code"]
      s.teacherNom = $0["teacher_nom"]
      s.teacherPrenom = $0["teacher_prenom"]
      s.teacherSTSId = $0["teacher_sts_id"]
      s.coTeaching = $0["co_teaching"]
      return s
    }
  }
}
