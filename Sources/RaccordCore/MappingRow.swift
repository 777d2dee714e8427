/// One row of the corrected mapping table: a gradebook subject (in one division context) or teacher,
/// and what it maps to.
public struct MappingRow: Sendable, Hashable, Codable {
  public var uai: String
  public var year: String
  /// `matière` or `enseignant`.
  public var kind: String
  public var gradebookLabel: String
  public var gradebookCode: String
  public var divisions: String
  public var chosenCode: String
  public var officialLabel: String
  public var modalite: String
  public var confidence: String
  public var reason: String
  public var status: String
  public var fixIn: String
  /// The stable key under which a review decision is stored.
  public var key: String

  public init(
    uai: String, year: String, kind: String, gradebookLabel: String, gradebookCode: String, divisions: String,
    chosenCode: String, officialLabel: String, modalite: String, confidence: String, reason: String, status: String,
    fixIn: String, key: String
  ) {
    self.key = key
    self.uai = uai
    self.year = year
    self.kind = kind
    self.gradebookLabel = gradebookLabel
    self.gradebookCode = gradebookCode
    self.divisions = divisions
    self.chosenCode = chosenCode
    self.officialLabel = officialLabel
    self.modalite = modalite
    self.confidence = confidence
    self.reason = reason
    self.status = status
    self.fixIn = fixIn
  }

  /// Column titles, in French, in file order.
  public static let headers = [
    "UAI", "Année scolaire", "Type", "Libellé logiciel de notes", "Code logiciel de notes", "Divisions",
    "Code retenu", "Libellé officiel", "Modalité", "Confiance", "Raison", "Statut", "Où corriger", "Clé",
  ]

  public var fields: [String] {
    [
      uai, year, kind, gradebookLabel, gradebookCode, divisions, chosenCode, officialLabel, modalite, confidence,
      reason,
      status, fixIn, key,
    ]
  }
}
