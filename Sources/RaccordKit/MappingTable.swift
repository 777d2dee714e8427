import Exports
import Foundation
import Matching
import RaccordCore
import Store

extension SuggestionReport {
  /// The corrected mapping table: one row per subject and group of divisions sharing a code, and one
  /// per teacher, each with the key its decision is stored under.
  public func mappingRows() -> [MappingRow] {
    let year = self.year.description
    var rows: [MappingRow] = []
    for item in reviewItems() where item.kind == .subject {
      for group in item.groups {
        rows.append(
          MappingRow(
            uai: uai, year: year, kind: "matière", gradebookLabel: item.label, gradebookCode: item.gradebookCode ?? "",
            divisions: group.divisions.joined(separator: " "), chosenCode: group.code ?? "",
            officialLabel: group.label ?? "", modalite: group.modalite ?? "",
            confidence: String(format: "%.2f", group.confidence), reason: group.reasons.joined(separator: " ; "),
            status: group.status.rawValue, fixIn: group.fixIn.map(\.french).joined(separator: ", "), key: group.key))
      }
    }
    for item in teachers {
      let reasons = item.reasons + item.replacements.map(\.text)
      rows.append(
        MappingRow(
          uai: uai, year: year, kind: "enseignant", gradebookLabel: item.name, gradebookCode: item.idSTS ?? "",
          divisions: Array(Set(item.teaching.map(\.structure))).sorted().joined(separator: " "),
          chosenCode: item.chosen?.id ?? "", officialLabel: item.chosen?.displayName ?? "",
          modalite: item.chosen.map { $0.list == "suppleant" ? "suppléant" : ($0.type ?? "") } ?? "autre",
          confidence: String(format: "%.2f", item.confidence), reason: reasons.joined(separator: " ; "),
          status: item.status.rawValue, fixIn: item.fixIn.map(\.french).joined(separator: ", "), key: item.key))
    }
    return rows
  }

  /// The suggestions as French text, for a terminal.
  public func text() -> String {
    var lines = ["Suggestions pour l'établissement \(uai), année scolaire \(year)", ""]
    let subjectItems = reviewItems().filter { $0.kind == .subject }
    let counts = Dictionary(grouping: subjectItems, by: \.status).mapValues(\.count)
    lines.append(
      "Matières (\(subjectItems.count)) : "
        + SuggestionStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
        .joined(separator: ", "))
    for item in subjectItems {
      lines.append("")
      lines.append("• \(item.title)\(item.groups.count > 1 ? " — codes différents selon les classes" : "")")
      for group in item.groups {
        let chosen =
          group.code.map { "\($0) \(group.label ?? "")\(group.modalite.map { ", modalité \($0)" } ?? "")" }
          ?? "aucun code"
        let scope = item.groups.count > 1 ? "\(group.divisions.joined(separator: ", ")) " : ""
        lines.append(
          "  → \(scope)\(chosen) — \(group.status.rawValue) (confiance \(Int((group.confidence * 100).rounded())) %)")
        for reason in group.reasons { lines.append("    - \(reason)") }
        let others = group.choices.filter { $0.code != group.code && $0.confidence != nil }.prefix(2)
        if !others.isEmpty {
          lines.append("    autres : " + others.map(\.text).joined(separator: " ; "))
        }
        if !group.fixIn.isEmpty {
          lines.append("    où corriger : " + group.fixIn.map(\.french).joined(separator: ", "))
        }
        if item.groups.count > 1 { lines.append("    clé du groupe : \(group.key)") }
      }
      lines.append("    clé : \(item.key)")
    }
    lines.append("")
    lines.append("Enseignants (\(teachers.count))")
    for item in teachers {
      lines.append("")
      let given = item.idSTS.map { " (id STS \($0)\(item.type.map { ", \($0)" } ?? ""))" } ?? ""
      lines.append("• \(item.name)\(given)")
      let chosen =
        item.chosen.map { "\($0.displayName), id STS \($0.id)\($0.list == "suppleant" ? " (suppléant)" : "")" }
        ?? "inconnu de STS Web"
      lines.append("  → \(chosen) — \(item.status.rawValue) (confiance \(Int((item.confidence * 100).rounded())) %)")
      for reason in item.reasons { lines.append("    - \(reason)") }
      for advice in item.replacements { lines.append("    ! \(advice.text)") }
    }
    return lines.joined(separator: "\n")
  }
}

extension Raccord {
  /// Writes the corrected mapping table.
  public func exportMappings(uai: String? = nil, year: Int? = nil, format: ExportFormat) throws -> Data {
    try MappingExport.render(suggestions(uai: uai, year: year).mappingRows(), format: format)
  }
}
