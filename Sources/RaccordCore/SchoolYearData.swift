/// A service of STS Web with its teachers.
public struct STSServiceRow: Sendable, Hashable {
  public var structure: String
  public var kind: String
  public var matiere: String
  public var modaliteCours: String?
  public var teacherIDs: [String]

  public init(structure: String, kind: String, matiere: String, modaliteCours: String?, teacherIDs: [String]) {
    self.structure = structure
    self.kind = kind
    self.matiere = matiere
    self.modaliteCours = modaliteCours
    self.teacherIDs = teacherIDs
  }
}

/// Who teaches what where: a discipline, its teachers and a division, as the gradebook's acquis
/// give them (once, however many pupils share it).
public struct GradebookUse: Sendable, Hashable {
  public var disciplineID: String
  public var teacherRefs: [String]
  public var division: String?

  public init(disciplineID: String, teacherRefs: [String], division: String?) {
    self.disciplineID = disciplineID
    self.teacherRefs = teacherRefs
    self.division = division
  }
}

/// Everything the suggestions need for one school year, read in one go.
public struct SchoolYearData: Sendable {
  public var uai: String
  public var year: Int
  public var catalogue: [MatiereRecord] = []
  public var national: [NationalMatiere] = []
  public var programme: [ProgrammeRecord] = []
  /// Structure code → its MEFs (a group without its own MEF gets its divisions').
  public var structureMEFs: [String: Set<String>] = [:]
  /// Group code → the divisions its pupils come from.
  public var groupDivisions: [String: Set<String>] = [:]
  public var people: [STSPerson] = []
  public var services: [STSServiceRow] = []
  /// Pupil (SIECLE `ELEVE_ID`) → division.
  public var pupilDivisions: [String: String] = [:]
  /// The LSU class settings the school recorded, by division.
  public var classSettings: [String: ClassSetting] = [:]
  /// Groups whose MEFs come from their pupils' divisions, for want of STS or Structures.xml data.
  public var groupMEFsFromPupils: Set<String> = []
  /// Pupil → options.
  public var pupilOptions: [String: [EleveOptionRecord]] = [:]
  public var disciplines: [GradebookDiscipline] = []
  public var teachers: [GradebookTeacher] = []
  public var pupils: [GradebookPupil] = []
  public var uses: [GradebookUse] = []
  public var gradebookServices: [GradebookService] = []
  /// Kinds of files loaded for the year.
  public var loadedKinds: Set<FileKind> = []
  /// The current file of each kind, by name.
  public var fileNames: [FileKind: String] = [:]
  /// The bilans périodiques of the gradebook's LSU file.
  public var bilans: [GradebookBilan] = []
  /// The bilans de fin de cycle of the gradebook's LSU file.
  public var cycleBilans: [GradebookCycleBilan] = []
  public var periods: [GradebookPeriod] = []
  /// XSD problems recorded when the LSU file was imported.
  public var schemaProblems: [(line: Int, message: String)] = []
  /// The schema version the LSU file was validated against.
  public var schemaVersion: String?
  /// Pupils of the SIECLE file: id → MEF.
  public var pupilMEFs: [String: String] = [:]
  /// Pupils who left (SIECLE `DATE_SORTIE`).
  public var pupilsLeft: Set<String> = []

  public init(uai: String, year: Int) {
    self.uai = uai
    self.year = year
  }
}

extension SchoolYearData {
  /// Division → the groups its pupils belong to: ``groupDivisions`` the other way round.
  public func groupsByDivision() -> [String: [String]] {
    var groups: [String: [String]] = [:]
    for (group, divisions) in groupDivisions {
      for division in divisions { groups[division, default: []].append(group) }
    }
    return groups
  }
}
