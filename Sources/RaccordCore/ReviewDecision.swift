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
  /// The store's revision of this decision: every save gets a new, higher one (`nil` before saving).
  public var revision: Int64?

  public init(
    uai: String, year: Int, kind: Kind, itemKey: String, verdict: Verdict, chosenCode: String?,
    chosenModalite: String? = nil, note: String? = nil, author: String? = nil, decidedAt: String = "",
    scope: String? = nil, revision: Int64? = nil
  ) {
    self.scope = scope
    self.revision = revision
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

/// The version of a review item a decision was taken on: the highest revision among the decisions
/// that govern it (on the item's key, on one of its groups `key|div:…`, or under an earlier key
/// `key|…`), 0 when none. A reviewer's decision names it so that it never overwrites unseen a
/// decision saved in the meantime by someone else.
public struct ReviewVersion: Sendable, Hashable {
  public var uai: String
  public var year: Int
  public var kind: ReviewDecision.Kind
  public var itemKey: String
  public var revision: Int64

  public init(uai: String, year: Int, kind: ReviewDecision.Kind, itemKey: String, revision: Int64) {
    self.uai = uai
    self.year = year
    self.kind = kind
    self.itemKey = itemKey
    self.revision = revision
  }

  /// Whether `decision` governs the item `itemKey` (the rule the store applies in SQL).
  public static func governs(_ decision: ReviewDecision, itemKey: String) -> Bool {
    decision.itemKey == itemKey || decision.itemKey.hasPrefix(itemKey + "|")
  }

  /// The item's version among `decisions` (all of the school's).
  public static func of(
    itemKey: String, kind: ReviewDecision.Kind, uai: String, year: Int, in decisions: [ReviewDecision]
  ) -> ReviewVersion {
    let revision =
      decisions.filter { $0.year == year && $0.kind == kind && governs($0, itemKey: itemKey) }
      .compactMap(\.revision).max() ?? 0
    return ReviewVersion(uai: uai, year: year, kind: kind, itemKey: itemKey, revision: revision)
  }

  /// Every item's revision among `decisions` at once, by item key: what
  /// ``of(itemKey:kind:uai:year:in:)`` gives each key, for all of them in one pass (a decision
  /// governs its own key and each of its keys' `|`-separated prefixes).
  public static func revisions(kind: ReviewDecision.Kind, year: Int, in decisions: [ReviewDecision]) -> [String: Int64]
  {
    var result: [String: Int64] = [:]
    for decision in decisions where decision.year == year && decision.kind == kind {
      guard let revision = decision.revision else { continue }
      var key = Substring(decision.itemKey)
      while true {
        result[String(key)] = max(result[String(key)] ?? 0, revision)
        guard let pipe = key.lastIndex(of: "|") else { break }
        key = key[..<pipe]
      }
    }
    return result
  }
}

/// A decision taken on a version of its item that is no longer the latest.
public struct StaleDecision: Error, Sendable {
  public var itemKey: String
  public var expected: Int64
  /// The decision saved since, if any (`nil` when the decisions were removed).
  public var current: ReviewDecision?

  public init(itemKey: String, expected: Int64, current: ReviewDecision?) {
    self.itemKey = itemKey
    self.expected = expected
    self.current = current
  }
}
