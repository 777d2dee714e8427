/// The kinds of file Raccord imports.
public enum FileKind: String, Sendable, Codable, CaseIterable {
  /// SIECLE `Nomenclature.xml` (root `BEE_NOMENCLATURES`).
  case siecleNomenclature = "siecle-nomenclature"
  /// SIECLE `ElevesSansAdresses.xml` / `ElevesAvecAdresses.xml` (root `BEE_ELEVES`).
  case siecleEleves = "siecle-eleves"
  /// SIECLE `Structures.xml` (root `BEE_STRUCTURES`).
  case siecleStructures = "siecle-structures"
  /// STS Web `sts_emp_<UAI>_<année>.xml` (root `STS_EDT`).
  case stsEmp = "sts-emp"
  /// The gradebook's LSU file (root `lsun-bilans`).
  case lsuBilans = "lsu-bilans"
  /// A gradebook's services, as CSV.
  case gradebookServices = "services-csv"

  /// How the file is named to users.
  public var frenchName: String {
    switch self {
    case .siecleNomenclature: "nomenclature SIECLE"
    case .siecleEleves: "élèves SIECLE"
    case .siecleStructures: "structures SIECLE"
    case .stsEmp: "export STS Web (emploi du temps)"
    case .lsuBilans: "fichier LSU du logiciel de notes"
    case .gradebookServices: "services du logiciel de notes (CSV)"
    }
  }
}

/// What a file says about itself in its `PARAMETRES`.
public struct FileHeader: Sendable, Hashable, Codable {
  public var kind: FileKind
  public var uai: UAI
  public var year: SchoolYear
  /// The export time written in the file, ISO 8601 (`2019-07-08T17:46:24`), when there is one.
  public var exportedAt: String?
  /// The root's `VERSION` attribute, when there is one.
  public var version: String?
  /// The school's name, when the file gives it (STS Web).
  public var schoolName: String?

  public init(
    kind: FileKind, uai: UAI, year: SchoolYear, exportedAt: String? = nil, version: String? = nil,
    schoolName: String? = nil
  ) {
    self.kind = kind
    self.uai = uai
    self.year = year
    self.exportedAt = exportedAt
    self.version = version
    self.schoolName = schoolName
  }
}

public struct MEFRecord: Sendable, Hashable, Codable {
  public var code: String
  public var formation: String?
  public var libelleLong: String?
  public var libelleEdition: String?
  public var mefStat: String?
  public var rattachement: String?
  public var nbOptionsObligatoires: Int?
  public var selected: Bool?
  public var dateOuverture: String?
  public var dateFermeture: String?
  public var line: Int?

  public init(code: String, line: Int? = nil) {
    self.code = code
    self.line = line
  }
}

public struct MatiereRecord: Sendable, Hashable, Codable {
  public var code: String
  public var codeGestion: String?
  public var libelleCourt: String?
  public var libelleLong: String?
  public var libelleEdition: String?
  public var codeNational: String?
  public var line: Int?

  public init(code: String, line: Int? = nil) {
    self.code = code
    self.line = line
  }
}

/// One row of a MEF's programme: the matière is taught in that MEF with that modalité d'élection.
public struct ProgrammeRecord: Sendable, Hashable, Codable {
  public var mef: String
  public var matiere: String
  /// `S`, `O`, `F`, `N`, `X`, `L`, `R`; absent in STS Web programmes.
  public var modalite: String?
  /// Weekly hours as written (`4.00`, `0.00`).
  public var horaire: String?
  public var line: Int?

  public init(mef: String, matiere: String, modalite: String?, horaire: String?, line: Int? = nil) {
    self.mef = mef
    self.matiere = matiere
    self.modalite = modalite
    self.horaire = horaire
    self.line = line
  }
}

public struct OptionObligatoireRecord: Sendable, Hashable, Codable {
  public var mef: String
  public var matiere: String
  public var rang: Int?
  public var line: Int?

  public init(mef: String, matiere: String, rang: Int?, line: Int? = nil) {
    self.mef = mef
    self.matiere = matiere
    self.rang = rang
    self.line = line
  }
}

public struct ModaliteRecord: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Codable {
    /// Modalité d'élection (S, O, F…).
    case election
    /// Modalité de cours (CG, TD…).
    case cours
  }

  public var kind: Kind
  public var code: String
  public var libelleCourt: String?
  public var libelleLong: String?
  public var coEnseignement: Bool?
  public var line: Int?

  public init(kind: Kind, code: String, line: Int? = nil) {
    self.kind = kind
    self.code = code
    self.line = line
  }
}

/// A person of the STS Web export: an `INDIVIDU` or a `SUPPLEANT`.
public struct IndividuRecord: Sendable, Hashable, Codable {
  public enum List: String, Sendable, Codable {
    case individu
    case suppleant
  }

  public struct Discipline: Sendable, Hashable, Codable {
    public var code: String
    public var libelleCourt: String?
    public var nbHeures: String?

    public init(code: String, libelleCourt: String?, nbHeures: String?) {
      self.code = code
      self.libelleCourt = libelleCourt
      self.nbHeures = nbHeures
    }
  }

  public var id: String
  public var list: List
  public var type: String?
  public var sexe: String?
  public var civilite: String?
  public var nomUsage: String?
  public var nomPatronymique: String?
  public var prenom: String?
  public var grade: String?
  /// `ENS`, `DIR`, `EDU`…; absent for people on leave and for some local people.
  public var fonction: String?
  public var disciplines: [Discipline] = []
  /// Divisions where the person is professeur principal.
  public var profPrincipal: [String] = []
  public var line: Int?

  public init(id: String, list: List, line: Int? = nil) {
    self.id = id
    self.list = list
    self.line = line
  }
}

/// A division (class) or a group, with its MEFs.
public struct StructureRecord: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Codable {
    case division = "D"
    case group = "G"
  }

  public var code: String
  public var kind: Kind
  public var libelle: String?
  public var mefs: [String] = []
  /// For a group, the divisions its pupils come from.
  public var divisions: [String] = []
  public var line: Int?

  public init(code: String, kind: Kind, line: Int? = nil) {
    self.code = code
    self.kind = kind
    self.line = line
  }
}

/// An STS Web service: one matière taught to one structure with one modalité de cours.
public struct ServiceRecord: Sendable, Hashable, Codable {
  public struct Teacher: Sendable, Hashable, Codable {
    public var id: String
    public var type: String?
    public var heures: String?

    public init(id: String, type: String?, heures: String?) {
      self.id = id
      self.type = type
      self.heures = heures
    }
  }

  public var structureCode: String
  public var structureKind: StructureRecord.Kind
  public var matiere: String
  public var modaliteCours: String?
  public var heures: String?
  /// The raw `CO_ENS` value, when present.
  public var coEnseignement: String?
  public var teachers: [Teacher] = []
  public var line: Int?

  public init(structureCode: String, structureKind: StructureRecord.Kind, matiere: String, line: Int? = nil) {
    self.structureCode = structureCode
    self.structureKind = structureKind
    self.matiere = matiere
    self.line = line
  }

  /// Co-taught when two or more teachers hold it, or when `CO_ENS` says so.
  public var isCoTaught: Bool {
    if teachers.count >= 2 { return true }
    guard let flag = coEnseignement?.uppercased() else { return false }
    return ["O", "OUI", "1", "TRUE"].contains(flag)
  }
}

/// A pupil of the SIECLE export. Addresses, birth data and INE are never kept.
public struct EleveRecord: Sendable, Hashable, Codable {
  public var id: String
  public var elenoet: String?
  public var nom: String?
  public var nomUsage: String?
  public var prenom: String?
  public var sexe: String?
  public var mef: String?
  public var statut: String?
  public var dateEntree: String?
  public var dateSortie: String?
  public var motifSortie: String?
  public var line: Int?

  public init(id: String, line: Int? = nil) {
    self.id = id
    self.line = line
  }
}

public struct EleveOptionRecord: Sendable, Hashable, Codable {
  public var eleveId: String
  public var rang: Int?
  public var modalite: String?
  public var matiere: String
  public var line: Int?

  public init(eleveId: String, rang: Int?, modalite: String?, matiere: String, line: Int? = nil) {
    self.eleveId = eleveId
    self.rang = rang
    self.modalite = modalite
    self.matiere = matiere
    self.line = line
  }
}

public struct EleveStructureRecord: Sendable, Hashable, Codable {
  public var eleveId: String
  public var structureCode: String
  public var kind: StructureRecord.Kind
  public var line: Int?

  public init(eleveId: String, structureCode: String, kind: StructureRecord.Kind, line: Int? = nil) {
    self.eleveId = eleveId
    self.structureCode = structureCode
    self.kind = kind
    self.line = line
  }
}

/// One imported row, as importers emit them.
public enum ImportRecord: Sendable, Hashable {
  case mef(MEFRecord)
  case matiere(MatiereRecord)
  case programme(ProgrammeRecord)
  case optionObligatoire(OptionObligatoireRecord)
  case modalite(ModaliteRecord)
  case individu(IndividuRecord)
  case structure(StructureRecord)
  case service(ServiceRecord)
  case eleve(EleveRecord)
  case eleveOption(EleveOptionRecord)
  case eleveStructure(EleveStructureRecord)
  case gradebookDiscipline(GradebookDiscipline)
  case gradebookTeacher(GradebookTeacher)
  case gradebookPupil(GradebookPupil)
  case gradebookPeriod(GradebookPeriod)
  case gradebookBilan(GradebookBilan)
  case gradebookCycleBilan(GradebookCycleBilan)
  case gradebookService(GradebookService)

  /// The key under which the record is counted in a file's summary.
  public var countKey: String {
    switch self {
    case .mef: "mef"
    case .matiere: "matiere"
    case .programme: "programme"
    case .optionObligatoire: "option_obligatoire"
    case .modalite(let m): m.kind == .election ? "modalite_election" : "modalite_cours"
    case .individu(let i): i.list == .individu ? "individu" : "suppleant"
    case .structure(let s): s.kind == .division ? "division" : "groupe"
    case .service: "service"
    case .eleve: "eleve"
    case .eleveOption: "option_eleve"
    case .eleveStructure: "structure_eleve"
    case .gradebookDiscipline: "discipline"
    case .gradebookTeacher: "enseignant"
    case .gradebookPupil: "eleve_lsu"
    case .gradebookPeriod: "periode"
    case .gradebookBilan: "bilan_periodique"
    case .gradebookCycleBilan: "bilan_cycle"
    case .gradebookService: "service_notes"
    }
  }

  /// French labels for count keys, in display order.
  public static let countLabels: [(key: String, label: String)] = [
    ("mef", "MEF"),
    ("matiere", "matières"),
    ("programme", "lignes de programme"),
    ("option_obligatoire", "options obligatoires"),
    ("modalite_election", "modalités d'élection"),
    ("modalite_cours", "modalités de cours"),
    ("individu", "individus"),
    ("suppleant", "suppléants"),
    ("division", "divisions"),
    ("groupe", "groupes"),
    ("service", "services"),
    ("eleve", "élèves"),
    ("option_eleve", "options d'élèves"),
    ("structure_eleve", "rattachements d'élèves"),
    ("discipline", "disciplines"),
    ("enseignant", "enseignants"),
    ("eleve_lsu", "élèves"),
    ("periode", "périodes"),
    ("bilan_periodique", "bilans périodiques"),
    ("bilan_cycle", "bilans de cycle"),
    ("service_notes", "services"),
  ]
}

/// Receives what an importer reads, in file order.
public protocol ImportSink: AnyObject {
  /// Called once, when the file's `PARAMETRES` have been read, before any record.
  func begin(_ header: FileHeader) throws
  func add(_ record: ImportRecord) throws
}
