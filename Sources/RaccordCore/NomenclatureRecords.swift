// What a nomenclature (SIECLE's, or the one inside an STS Web export) holds: MEF, matières,
// programme rows, options obligatoires and modalités.

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
