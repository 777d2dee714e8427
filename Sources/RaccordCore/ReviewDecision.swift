/// A reviewer's decision, kept apart from imports.
public struct ReviewDecision: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Codable { case subject, teacher }
  public enum Verdict: String, Sendable, Codable { case accept, reject, choose }

  public var uai: String
  public var year: Int
  public var kind: Kind
  public var itemKey: String
  public var verdict: Verdict
  /// The code (subject) or STS id (teacher) chosen or accepted.
  public var chosenCode: String?
  public var chosenModalite: String?
  public var note: String?
  public var author: String?
  public var decidedAt: String
  /// The divisions and their MEFs when the decision was taken (`6A=10010012110+10010027110,6B=…`),
  /// to tell when the scope of the item changed since.
  public var scope: String?

  public init(
    uai: String, year: Int, kind: Kind, itemKey: String, verdict: Verdict, chosenCode: String?,
    chosenModalite: String? = nil, note: String? = nil, author: String? = nil, decidedAt: String = "",
    scope: String? = nil
  ) {
    self.scope = scope
    self.uai = uai
    self.year = year
    self.kind = kind
    self.itemKey = itemKey
    self.verdict = verdict
    self.chosenCode = chosenCode
    self.chosenModalite = chosenModalite
    self.note = note
    self.author = author
    self.decidedAt = decidedAt
  }
}
