import Foundation
import Matching
import RaccordCore
import Store

/// One thing a reviewer decides on.
public struct ReviewItem: Sendable {
  public enum Kind: Sendable { case subject, teacher }

  public var kind: Kind
  public var key: String
  /// What is shown: the gradebook's name and context.
  public var title: String
  public var status: SuggestionStatus
  /// Numbered choices: (code or STS id, description).
  public var choices: [(code: String, text: String)]
  public var reasons: [String]
}

extension SuggestionReport {
  /// The items still to review: not accepted nor rejected this year, "à vérifier" first.
  public func pendingReview() -> [ReviewItem] {
    var items: [ReviewItem] = []
    for item in subjects where item.status == .proposed || item.status == .toCheck {
      items.append(
        ReviewItem(
          kind: .subject, key: item.key,
          title:
            "Matière « \(item.label) »\(item.code.map { " [\($0)]" } ?? "") en \(item.divisions.joined(separator: ", "))",
          status: item.status,
          choices: item.suggestion.candidates.map {
            (
              $0.code,
              "\($0.code) \($0.label)\($0.modalite.map { ", modalité \($0)" } ?? "") — \(Int(($0.confidence * 100).rounded())) %\($0.inProgramme ? "" : " (hors programme)")"
            )
          }, reasons: item.reasons))
    }
    for item in teachers where item.status == .proposed || item.status == .toCheck {
      items.append(
        ReviewItem(
          kind: .teacher, key: item.key, title: "Enseignant \(item.name)\(item.idSTS.map { " (id STS \($0))" } ?? "")",
          status: item.status,
          choices: item.candidates.map {
            (
              $0.person.id,
              "\($0.person.displayName), id STS \($0.person.id) — \(Int(($0.confidence * 100).rounded())) %"
            )
          },
          reasons: item.reasons + item.replacements.map(\.text)))
    }
    return items.sorted { ($0.status == .toCheck ? 0 : 1) < ($1.status == .toCheck ? 0 : 1) }
  }
}

extension Raccord {
  /// Accepts every "proposée" suggestion at or above `minimumConfidence`.
  /// - Returns: how many were accepted.
  @discardableResult
  public func acceptProposed(
    uai: String? = nil, year: Int? = nil, minimumConfidence: Double, author: String?
  ) throws -> Int {
    let report = try suggestions(uai: uai, year: year)
    var decisions: [ReviewDecision] = []
    for item in report.subjects where item.status == .proposed && item.confidence >= minimumConfidence {
      decisions.append(
        ReviewDecision(
          uai: report.uai, year: report.year.start, kind: .subject, itemKey: item.key, verdict: .accept,
          chosenCode: item.chosenCode, chosenModalite: item.chosenModalite, note: "acceptée en lot", author: author))
    }
    for item in report.teachers where item.status == .proposed && item.confidence >= minimumConfidence {
      decisions.append(
        ReviewDecision(
          uai: report.uai, year: report.year.start, kind: .teacher, itemKey: item.key, verdict: .accept,
          chosenCode: item.chosen?.id, note: "acceptée en lot", author: author))
    }
    try database.save(decisions)
    return decisions.count
  }

  /// Records one decision. A subject code unknown to the year's nomenclature, or an STS id
  /// unknown to the year's STS export, is refused.
  /// - Parameters:
  ///   - key: the item's key, as `raccord suggest --format csv|json` shows it.
  ///   - code: the chosen code (subject) or STS id (teacher); `nil` to accept the suggestion.
  ///   - reject: reject the suggestion instead.
  public func decide(
    uai: String? = nil, year: Int? = nil, key: String, code: String?, modalite: String? = nil, reject: Bool = false,
    note: String? = nil, author: String? = nil
  ) throws -> ReviewDecision {
    let report = try suggestions(uai: uai, year: year)
    let data = try database.schoolYearData(uai: report.uai, year: report.year.start)
    let kind: ReviewDecision.Kind
    var chosen = code
    if let subject = report.subjects.first(where: { $0.key == key }) {
      kind = .subject
      if let code {
        guard data.catalogue.contains(where: { $0.code == code }) else {
          throw RaccordError.invalidArgument(
            "Le code « \(code) » n'est pas dans la nomenclature \(report.year) de l'établissement : décision refusée. "
              + "Choisissez un code de Nomenclature.xml (SIECLE), ou faites ajouter la matière au programme.")
        }
      } else {
        chosen = subject.chosenCode
      }
    } else if let teacher = report.teachers.first(where: { $0.key == key }) {
      kind = .teacher
      if let code {
        guard data.people.contains(where: { $0.id == code }) else {
          throw RaccordError.invalidArgument(
            "L'identifiant STS « \(code) » n'est pas dans l'export STS Web \(report.year) : décision refusée.")
        }
      } else {
        chosen = teacher.chosen?.id
      }
    } else {
      throw RaccordError.invalidArgument(
        "Aucune suggestion n'a la clé « \(key) » : voyez les clés avec « raccord suggest --format csv ».")
    }
    if !reject && chosen == nil {
      throw RaccordError.invalidArgument(
        "Aucune suggestion à accepter pour « \(key) » : choisissez un code (ou un identifiant STS) avec --code, ou rejetez."
      )
    }
    let decision = ReviewDecision(
      uai: report.uai, year: report.year.start, kind: kind, itemKey: key,
      verdict: reject ? .reject : (code == nil ? .accept : .choose),
      chosenCode: reject ? nil : chosen, chosenModalite: modalite, note: note, author: author)
    try database.save([decision])
    return decision
  }
}
