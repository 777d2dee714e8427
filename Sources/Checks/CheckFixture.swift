import RaccordCore

/// A tiny collège year used by the checks' examples: one 3e division `3A` (MEF 10310019110) with a
/// latin group, one pupil with one bilan, one teacher, and the matching STS services.
public enum CheckFixture {
  public static let mef = "10310019110"

  /// The base input, changed by `change`.
  public static func input(_ change: (inout CheckInput) -> Void = { _ in }) -> CheckInput {
    var data = SchoolYearData(uai: "0789990K", year: 2025)
    data.loadedKinds = [.siecleNomenclature, .stsEmp, .siecleEleves, .lsuBilans]
    data.fileNames = [
      .lsuBilans: "lsu.xml", .stsEmp: "sts_emp_0789990K_2025.xml", .siecleNomenclature: "Nomenclature.xml",
    ]
    let matieres: [(String, String)] = [
      ("020700", "Français"), ("061300", "Mathématiques"), ("043700", "Histoire-géographie"),
      ("043800", "Enseignement moral et civique"), ("030201", "Anglais lv1"), ("020300", "LCA latin"),
      ("100100", "Education physique et sportive"),
    ]
    data.catalogue = matieres.map {
      var m = MatiereRecord(code: $0.0)
      m.libelleEdition = $0.1
      return m
    }
    data.national = matieres.map {
      var n = NationalMatiere(code: $0.0)
      n.libelleLong = $0.1.uppercased()
      return n
    }
    var latin = NationalMatiere(code: "020100")
    latin.libelleLong = "LATIN"
    latin.dateFermeture = "2016-08-31"
    data.national.append(latin)
    let rows: [(String, String)] = [
      ("020700", "S"), ("061300", "S"), ("043700", "S"), ("043800", "S"), ("030201", "O"), ("020300", "F"),
      ("100100", "S"), ("100100", "F"),
    ]
    data.programme = rows.map { ProgrammeRecord(mef: mef, matiere: $0.0, modalite: $0.1, horaire: "1.00") }
    data.structureMEFs = ["3A": [mef], "3 LAT": [mef]]
    data.groupDivisions = ["3 LAT": ["3A"]]
    data.people = [
      STSPerson(
        id: "4189", list: "individu", type: "epp", civilite: "2", nomUsage: "MARTIN", nomPatronymique: "MARTIN",
        prenom: "Claire", fonction: "ENS"),
      STSPerson(
        id: "7415", list: "individu", type: "epp", civilite: "2", nomUsage: "DUVAL", nomPatronymique: "DUVAL",
        prenom: "Lise", fonction: nil),
      STSPerson(
        id: "13086", list: "suppleant", type: "eppsup", civilite: "1", nomUsage: "PETIT", nomPatronymique: "PETIT",
        prenom: "Noé", fonction: "ENS"),
    ]
    data.services = [
      STSServiceRow(structure: "3A", kind: "D", matiere: "020700", modaliteCours: "CG", teacherIDs: ["4189"]),
      STSServiceRow(structure: "3A", kind: "D", matiere: "030201", modaliteCours: "CG", teacherIDs: ["4189"]),
    ]
    data.pupilDivisions = ["1000001": "3A"]
    data.pupilMEFs = ["1000001": mef]
    data.pupilOptions = ["1000001": [EleveOptionRecord(eleveId: "1000001", rang: 1, modalite: "O", matiere: "030201")]]
    var pupil = GradebookPupil(id: "EL_1000001", line: 10)
    pupil.idBE = "1000001"
    pupil.codeDivision = "3A"
    data.pupils = [pupil]
    var period = GradebookPeriod(id: "P_1", line: 12)
    period.millesime = "2025"
    data.periods = [period]
    var teacher = GradebookTeacher(id: "ENS_4189", line: 14)
    teacher.type = "epp"
    teacher.idSTS = "4189"
    teacher.nom = "MARTIN"
    teacher.prenom = "Claire"
    data.teachers = [teacher]
    data.disciplines = [
      discipline("DI_FR", "020700", "S", "FRANCAIS", line: 16),
      discipline("DI_AGL1", "030201", "O", "ANGLAIS LV1", line: 17),
    ]
    var bilan = GradebookBilan(pupilRef: "EL_1000001", periodRef: "P_1", line: 20)
    bilan.dateConseil = "2025-12-10"
    bilan.hasCouncilAppraisal = true
    bilan.hasSchoolLife = true
    bilan.acquis = [acquis("DI_FR", line: 21), acquis("DI_AGL1", line: 22)]
    data.bilans = [bilan]
    var input = CheckInput(data: data, successors: ["020100": "020300"])
    change(&input)
    return input
  }

  public static func discipline(_ id: String, _ code: String?, _ modalite: String?, _ label: String, line: Int = 18)
    -> GradebookDiscipline
  {
    var d = GradebookDiscipline(id: id, line: line)
    d.code = code
    d.modalite = modalite
    d.libelle = label
    return d
  }

  /// A complete acquis taught by ENS_4189.
  public static func acquis(_ discipline: String, teacher: String = "ENS_4189", line: Int = 23) -> GradebookAcquis {
    var a = GradebookAcquis(disciplineRef: discipline, line: line)
    a.teacherRefs = [teacher]
    a.elementProgrammeRefs = ["EP_1"]
    a.hasAppraisal = true
    a.moyenne = "14.5"
    return a
  }

  /// Adds a discipline taught to the fixture's pupil.
  public static func teach(
    _ input: inout CheckInput, _ id: String, _ code: String?, _ modalite: String?, _ label: String,
    teacher: String = "ENS_4189"
  ) {
    input.data.disciplines.append(discipline(id, code, modalite, label))
    input.data.bilans[0].acquis.append(acquis(id, teacher: teacher))
  }
}
