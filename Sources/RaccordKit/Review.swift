import Foundation
import Matching
import RaccordCore
import Store

/// A code (subject) or STS individual (teacher) a reviewer can choose.
public struct ReviewChoice: Sendable, Hashable, Codable {
  public var code: String
  public var label: String
  public var modalite: String?
  /// From 0 to 1; `nil` for a code offered only because it is in the programme.
  public var confidence: Double?
  public var inProgramme: Bool

  /// `042100 HISTOIRE-GEOGRAPHIE…, modalité S — 95 %`.
  public var text: String {
    "\(code) \(label)\(modalite.map { ", modalité \($0)" } ?? "")"
      + (confidence.map { " — \(Int(($0 * 100).rounded())) %" } ?? "") + (inProgramme ? "" : " (hors programme)")
  }
}

/// The divisions of a review item that share one proposed code, with the key their decision is stored
/// under. An item has one group unless its divisions need different codes.
public struct ReviewGroup: Sendable, Equatable {
  public var key: String
  public var divisions: [String]
  public var mefs: [String]
  public var status: SuggestionStatus
  /// The code (or STS id) retained: the decision's, else the proposal.
  public var code: String?
  public var label: String?
  public var modalite: String?
  public var confidence: Double
  public var reasons: [String]
  /// Proposed candidates first, then the other codes of the programme of these divisions' MEFs.
  public var choices: [ReviewChoice]
  public var fixIn: [FixIn]
}

/// One thing a reviewer decides on: a gradebook subject (whatever its divisions) or a gradebook teacher.
public struct ReviewItem: Sendable, Equatable {
  public enum Kind: String, Sendable, Codable { case subject, teacher }

  public var kind: Kind
  /// The key of a decision on the whole item.
  public var key: String
  /// The gradebook's label, or the teacher's name.
  public var label: String
  /// The gradebook's code, or the teacher's STS id.
  public var gradebookCode: String?
  public var divisions: [String]
  public var groups: [ReviewGroup]
  public var status: SuggestionStatus
  public var sources: [String]
  /// For teachers: the co-teaching proposals, naming the titulars.
  public var coTeaching: [ReplacementAdvice]
  /// The version of the item's decisions (see ``ReviewVersion``) when it was read: a decision sent
  /// with it is refused if someone decided on the item since.
  public var version: Int64 = 0

  /// The lowest confidence of its groups.
  public var confidence: Double { groups.map(\.confidence).min() ?? 0 }
  /// Still to decide: proposed, to check, or decided on a scope that changed since.
  public var isPending: Bool { [.proposed, .toCheck, .scopeChanged].contains(status) }

  /// What is shown: the gradebook's name and context.
  public var title: String {
    switch kind {
    case .subject:
      "Matière « \(label) »\(gradebookCode.map { " [\($0)]" } ?? "")"
        + (divisions.isEmpty ? "" : " en \(divisions.joined(separator: ", "))")
    case .teacher:
      "Enseignant \(label)\(gradebookCode.map { " (id STS \($0))" } ?? "")"
    }
  }

  /// The status of several parts together: what is left to do comes first.
  static func status(of parts: [SuggestionStatus]) -> SuggestionStatus {
    let order: [SuggestionStatus] = [.scopeChanged, .toCheck, .proposed, .rejected, .accepted]
    return order.first { parts.contains($0) } ?? .toCheck
  }
}

extension SuggestionReport {
  /// Every review item: one per gradebook subject label, then one per gradebook teacher.
  public func reviewItems() -> [ReviewItem] {
    var items: [ReviewItem] = []
    var order: [String] = []
    var contextsByItem: [String: [SubjectItem]] = [:]
    for subject in subjects {
      if contextsByItem[subject.itemKey] == nil { order.append(subject.itemKey) }
      contextsByItem[subject.itemKey, default: []].append(subject)
    }
    for itemKey in order {
      let contexts = contextsByItem[itemKey]!
      var groupOrder: [String] = []
      var byGroup: [String: [SubjectItem]] = [:]
      for context in contexts {
        if byGroup[context.key] == nil { groupOrder.append(context.key) }
        byGroup[context.key, default: []].append(context)
      }
      let groups = groupOrder.map { subjectGroup(byGroup[$0]!) }
      let first = contexts[0]
      items.append(
        ReviewItem(
          kind: .subject, key: itemKey, label: first.label, gradebookCode: first.code,
          divisions: contexts.flatMap(\.divisions).sorted(), groups: groups,
          status: ReviewItem.status(of: groups.map(\.status)),
          sources: first.sources, coTeaching: []))
    }
    for teacher in teachers {
      let candidateIDs = Set(teacher.candidates.map(\.person.id))
      var choices = teacher.candidates.map {
        ReviewChoice(
          code: $0.person.id, label: $0.person.displayName, modalite: nil, confidence: $0.confidence, inProgramme: true)
      }
      if let chosen = teacher.chosen, !candidateIDs.contains(chosen.id) {
        choices.insert(
          ReviewChoice(code: chosen.id, label: chosen.displayName, modalite: nil, confidence: nil, inProgramme: true),
          at: 0)
      }
      let divisions = Array(Set(teacher.teaching.map(\.structure))).sorted()
      let group = ReviewGroup(
        key: teacher.key, divisions: divisions, mefs: [], status: teacher.status, code: teacher.chosen?.id,
        label: teacher.chosen?.displayName, modalite: nil, confidence: teacher.confidence,
        reasons: teacher.reasons, choices: choices, fixIn: teacher.fixIn)
      items.append(
        ReviewItem(
          kind: .teacher, key: teacher.key, label: teacher.name, gradebookCode: teacher.idSTS, divisions: divisions,
          groups: [group], status: teacher.status, sources: teacher.sources, coTeaching: teacher.replacements))
    }
    let revisions: [ReviewItem.Kind: [String: Int64]] = [
      .subject: ReviewVersion.revisions(kind: .subject, year: year.start, in: decisions),
      .teacher: ReviewVersion.revisions(kind: .teacher, year: year.start, in: decisions),
    ]
    for index in items.indices {
      items[index].version = revisions[items[index].kind]?[items[index].key] ?? 0
    }
    return items
  }

  func subjectGroup(_ contexts: [SubjectItem]) -> ReviewGroup {
    let first = contexts[0]
    var choices: [ReviewChoice] = []
    var seen: Set<String> = []
    for context in contexts {
      for candidate in context.suggestion.candidates where seen.insert(candidate.code).inserted {
        choices.append(
          ReviewChoice(
            code: candidate.code, label: candidate.label, modalite: candidate.modalite,
            confidence: candidate.confidence, inProgramme: candidate.inProgramme))
      }
    }
    if let code = first.chosenCode, seen.insert(code).inserted {
      choices.insert(
        ReviewChoice(
          code: code, label: first.chosenLabel ?? code, modalite: first.chosenModalite, confidence: nil,
          inProgramme: contexts.allSatisfy { $0.programmeCodes.contains(code) }),
        at: 0)
    }
    let programme = Set(contexts.flatMap(\.programmeCodes))
    for entry in catalogue where programme.contains(entry.code) && seen.insert(entry.code).inserted {
      choices.append(
        ReviewChoice(code: entry.code, label: entry.label, modalite: nil, confidence: nil, inProgramme: true))
    }
    var reasons: [String] = []
    for context in contexts {
      for reason in context.reasons where !reasons.contains(reason) { reasons.append(reason) }
    }
    return ReviewGroup(
      key: first.key, divisions: contexts.flatMap(\.divisions).sorted(),
      mefs: Array(Set(contexts.flatMap(\.mefs))).sorted(),
      status: ReviewItem.status(of: contexts.map(\.status)),
      code: first.chosenCode, label: first.chosenLabel, modalite: first.chosenModalite,
      confidence: contexts.map(\.confidence).min() ?? 0, reasons: reasons, choices: choices,
      fixIn: contexts.flatMap(\.fixIn).reduce(into: []) { places, place in
        if !places.contains(place) { places.append(place) }
      })
  }

  /// The items still to review: "périmètre changé" first, then "à vérifier", then "proposée".
  public func pendingReview() -> [ReviewItem] {
    let items = reviewItems()
    return [SuggestionStatus.scopeChanged, .toCheck, .proposed].flatMap { status in
      items.filter { $0.status == status }
    }
  }
}

extension Raccord {
  /// Accepts every "proposée" suggestion at or above `minimumConfidence`, group by group.
  /// - Returns: how many decisions were recorded.
  @discardableResult
  public func acceptProposed(
    uai: String? = nil, year: Int? = nil, minimumConfidence: Double, author: String?
  ) throws -> Int {
    let report = try suggestions(uai: uai, year: year)
    var decisions: [ReviewDecision] = []
    for item in report.reviewItems() {
      for group in item.groups where group.status == .proposed && group.confidence >= minimumConfidence {
        decisions.append(
          ReviewDecision(
            uai: report.uai, year: report.year.start, kind: item.kind == .subject ? .subject : .teacher,
            itemKey: group.key, verdict: .accept, chosenCode: group.code, chosenModalite: group.modalite,
            note: "acceptée en lot", author: author, scope: report.scope(of: group.key)))
      }
    }
    try database.save(decisions)
    return decisions.count
  }

  /// Records a decision on a review item, or on one group of its divisions.
  ///
  /// Accepting an item whose divisions need different codes records one decision per group;
  /// choosing a code or rejecting it as a whole replaces its groups' decisions. A subject code
  /// unknown to the year's nomenclature, or an STS id unknown to the year's STS export, is refused.
  /// - Parameters:
  ///   - key: an item's or a group's key, as `raccord suggest --format csv|json` and the page show it.
  ///   - code: the chosen code (subject) or STS id (teacher); `nil` to accept the proposal.
  ///   - reject: reject the proposal instead.
  ///   - expectedVersion: the item's ``ReviewItem/version`` the reviewer saw; when someone decided
  ///     on the item since, nothing is saved and ``RaccordError/staleDecision(label:current:)``
  ///     shows their decision. `nil` decides whatever the item's state (the terminal's review).
  /// - Returns: the decisions recorded.
  @discardableResult
  public func decide(
    uai: String? = nil, year: Int? = nil, key: String, code: String?, modalite: String? = nil, reject: Bool = false,
    note: String? = nil, author: String? = nil, expectedVersion: Int64? = nil
  ) throws -> [ReviewDecision] {
    try decide(
      on: suggestions(uai: uai, year: year), key: key, code: code, modalite: modalite, reject: reject, note: note,
      author: author, expectedVersion: expectedVersion)
  }

  /// Records a decision as ``decide(uai:year:key:code:modalite:reject:note:author:expectedVersion:)``
  /// does, on suggestions already made for the current state of the store (the page keeps them):
  /// only the decision is written, nothing is read or matched again.
  /// - Parameter items: `report`'s ``SuggestionReport/reviewItems()``, when already made.
  @discardableResult
  public func decide(
    on report: SuggestionReport, items: [ReviewItem]? = nil, key: String, code: String?, modalite: String? = nil,
    reject: Bool = false, note: String? = nil, author: String? = nil, expectedVersion: Int64? = nil
  ) throws -> [ReviewDecision] {
    let items = items ?? report.reviewItems()
    let school = report.uai
    let year = report.year.start
    func decision(_ kind: ReviewDecision.Kind, _ key: String, _ chosen: String?, _ chosenModalite: String?)
      -> ReviewDecision
    {
      ReviewDecision(
        uai: school, year: year, kind: kind, itemKey: key,
        verdict: reject ? .reject : (code == nil ? .accept : .choose), chosenCode: reject ? nil : chosen,
        chosenModalite: reject ? nil : chosenModalite, note: note, author: author, scope: report.scope(of: key))
    }
    if let item = items.first(where: { $0.key == key }) ?? items.first(where: { $0.groups.contains { $0.key == key } })
    {
      try validate(code, for: item.kind, report: report)
      let kind: ReviewDecision.Kind = item.kind == .subject ? .subject : .teacher
      let groups = item.key == key ? item.groups : item.groups.filter { $0.key == key }
      var decisions: [ReviewDecision]
      var superseded: [String] = []
      if code == nil && !reject {
        decisions = groups.map { decision(kind, $0.key, $0.code, modalite ?? $0.modalite) }
        if let missing = decisions.first(where: { $0.chosenCode == nil }) {
          throw RaccordError.nothingToAccept(key: missing.itemKey)
        }
      } else if item.key == key {
        decisions = [decision(kind, key, code, modalite)]
        superseded = item.groups.map(\.key)
      } else {
        decisions = [decision(kind, key, code, modalite)]
      }
      let expected = expectedVersion.map {
        ReviewVersion(uai: school, year: year, kind: kind, itemKey: item.key, revision: $0)
      }
      do {
        return try database.save(decisions, superseding: superseded, expected: expected)
      } catch let stale as StaleDecision {
        throw RaccordError.staleDecision(label: item.label, current: stale.current)
      }
    }
    throw RaccordError.unknownReviewKey(key)
  }

  private func validate(_ code: String?, for kind: ReviewItem.Kind, report: SuggestionReport) throws {
    guard let code else { return }
    switch kind {
    case .subject:
      guard report.catalogue.contains(where: { $0.code == code }) else {
        throw RaccordError.unknownCode(code, year: report.year.start)
      }
    case .teacher:
      guard report.people.contains(where: { $0.id == code }) else {
        throw RaccordError.unknownSTSIdentifier(code, year: report.year.start)
      }
    }
  }
}

extension SuggestionReport {
  /// The divisions and MEFs a decision under `key` covers now.
  func scope(of key: String) -> String? {
    let contexts = subjects.filter { $0.key == key || $0.itemKey == key }
    guard !contexts.isEmpty else { return nil }
    return contexts.contains { $0.key == key } ? contexts.first { $0.key == key }!.scope : contexts[0].itemScope
  }
}

/// The answers of the terminal review, apart from the terminal so they can be tested.
public enum ReviewPrompt {
  public enum Answer: Equatable, Sendable {
    case quit, skip
    case decide(key: String, code: String?, reject: Bool)
    case notUnderstood(String)
  }

  /// The numbered choices of an item: every group's choices, once each.
  public static func choices(of item: ReviewItem) -> [ReviewChoice] {
    var seen: Set<String> = []
    return item.groups.flatMap(\.choices).filter { seen.insert($0.code).inserted }.prefix(9).map { $0 }
  }

  /// `a`, `r`, `p`, `q`, a choice number, or `g2:3` (choice 3 for group 2 only).
  public static func parse(_ line: String, item: ReviewItem, choices: [ReviewChoice]) -> Answer {
    let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
    switch answer {
    case "q": return .quit
    case "p", "": return .skip
    case "a": return .decide(key: item.key, code: nil, reject: false)
    case "r": return .decide(key: item.key, code: nil, reject: true)
    default: break
    }
    if let number = Int(answer), choices.indices.contains(number - 1) {
      return .decide(key: item.key, code: choices[number - 1].code, reject: false)
    }
    let parts = answer.dropFirst().split(separator: ":")
    if answer.hasPrefix("g"), parts.count == 2, let group = Int(parts[0]), let number = Int(parts[1]),
      item.groups.indices.contains(group - 1), choices.indices.contains(number - 1)
    {
      return .decide(key: item.groups[group - 1].key, code: choices[number - 1].code, reject: false)
    }
    let range = choices.isEmpty ? "" : "un numéro de 1 à \(choices.count), "
    let groups = item.groups.count > 1 ? "g1:2 (groupe 1, choix 2), " : ""
    return .notUnderstood("Réponse non comprise : \(range)\(groups)a, r, p ou q.")
  }
}
