import Exports
import Foundation
import Matching
import RaccordCore
import Store

extension SuggestionReport {
  /// The corrected mapping table: one row per subject context and per teacher.
  public func mappingRows() -> [MappingRow] {
    let year = self.year.description
    var rows: [MappingRow] = []
    for item in subjects {
      rows.append(
        MappingRow(
          uai: uai, year: year, kind: "matière", gradebookLabel: item.label, gradebookCode: item.code ?? "",
          divisions: item.divisions.joined(separator: " "), chosenCode: item.chosenCode ?? "",
          officialLabel: item.chosenLabel ?? "", modalite: item.chosenModalite ?? "",
          confidence: String(format: "%.2f", item.confidence), reason: item.reasons.joined(separator: " ; "),
          status: item.status.rawValue, fixIn: item.fixIn.map(\.rawValue).joined(separator: ", "), key: item.key))
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
          status: item.status.rawValue, fixIn: item.fixIn.map(\.rawValue).joined(separator: ", "), key: item.key))
    }
    return rows
  }

  /// The suggestions as French text, for a terminal.
  public func text() -> String {
    var lines = ["Suggestions pour l'établissement \(uai), année scolaire \(year)", ""]
    let counts = Dictionary(grouping: subjects, by: \.status).mapValues(\.count)
    lines.append(
      "Matières (\(subjects.count)) : "
        + SuggestionStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
        .joined(separator: ", "))
    for item in subjects {
      let code = item.code.map { " [\($0)\(item.modalite.map { " \($0)" } ?? "")]" } ?? ""
      let chosen =
        item.chosenCode.map { "\($0) \(item.chosenLabel ?? "")\(item.chosenModalite.map { ", modalité \($0)" } ?? "")" }
        ?? "aucun code"
      lines.append("")
      lines.append(
        "• « \(item.label) »\(code) en \(item.divisions.isEmpty ? "?" : item.divisions.joined(separator: ", "))")
      lines.append("  → \(chosen) — \(item.status.rawValue) (confiance \(Int((item.confidence * 100).rounded())) %)")
      for reason in item.reasons { lines.append("    - \(reason)") }
      let others = item.suggestion.candidates.dropFirst().prefix(2)
      if !others.isEmpty {
        lines.append(
          "    autres : "
            + others.map { "\($0.code) \($0.label) (\(Int(($0.confidence * 100).rounded())) %)" }.joined(
              separator: " ; "))
      }
      if !item.fixIn.isEmpty { lines.append("    où corriger : " + item.fixIn.map(\.rawValue).joined(separator: ", ")) }
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
