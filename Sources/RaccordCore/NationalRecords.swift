/// A matière enseignée of the national BCN tables (6-character code).
public struct NationalMatiere: Sendable, Hashable, Codable {
  public var code: String
  public var codeGestion: String?
  public var libelleCourt: String?
  public var libelleLong: String?
  public var libelleEdition: String?
  /// ISO date, when known.
  public var dateOuverture: String?
  /// ISO date; `nil` while open.
  public var dateFermeture: String?

  public init(code: String) { self.code = code }
}

/// A national MEF of the BCN (N_MEF), in its 11-character SIECLE form.
public struct NationalMEF: Sendable, Hashable, Codable {
  public var code: String
  public var codeBCN: String
  public var dispositifFormation: String?
  public var formationDiplome: String?
  public var libelleCourt: String?
  public var libelleLong: String?
  public var libelleEdition: String?
  public var mefStat11: String?
  public var dateOuverture: String?
  public var dateFermeture: String?
  public var nbOptionsObligatoires: Int?

  public init(code: String, codeBCN: String) {
    self.code = code
    self.codeBCN = codeBCN
  }
}

/// The national layer as shipped in `Nomenclatures/national/`.
public struct NationalTables: Sendable {
  public var matieres: [NationalMatiere]
  public var mefs: [NationalMEF]
  /// A hash of the table files, to reload them only when they change.
  public var fingerprint: String

  public init(matieres: [NationalMatiere], mefs: [NationalMEF], fingerprint: String) {
    self.matieres = matieres
    self.mefs = mefs
    self.fingerprint = fingerprint
  }
}
