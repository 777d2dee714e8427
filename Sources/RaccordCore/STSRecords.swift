// What an STS Web export holds beyond its nomenclature: people, structures and services.

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
