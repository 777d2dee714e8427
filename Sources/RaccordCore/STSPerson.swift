/// A person of the STS Web export.
public struct STSPerson: Sendable, Hashable {
  public var id: String
  /// `individu` or `suppleant`.
  public var list: String
  public var type: String?
  public var civilite: String?
  public var nomUsage: String?
  public var nomPatronymique: String?
  public var prenom: String?
  /// `nil` for people on leave.
  public var fonction: String?

  public init(
    id: String, list: String, type: String? = nil, civilite: String? = nil, nomUsage: String? = nil,
    nomPatronymique: String? = nil, prenom: String? = nil, fonction: String? = nil
  ) {
    self.id = id
    self.list = list
    self.type = type
    self.civilite = civilite
    self.nomUsage = nomUsage
    self.nomPatronymique = nomPatronymique
    self.prenom = prenom
    self.fonction = fonction
  }

  /// `Mme MARTIN Claire`.
  public var displayName: String {
    let title =
      switch civilite {
      case "1", "M", "M.": "M. "
      case "2", "3", "MME", "Mme", "MLLE": "Mme "
      default: ""
      }
    return title + [nomUsage ?? nomPatronymique, prenom].compactMap { $0 }.joined(separator: " ")
  }
}
