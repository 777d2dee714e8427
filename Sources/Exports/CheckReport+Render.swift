import Foundation
import RaccordCore

/// The formats of `raccord check`.
public enum CheckFormat: String, Sendable, CaseIterable {
  case text, json, csv, html
}

extension CheckReport {
  public func render(_ format: CheckFormat, colour: Bool = false) throws -> Data {
    switch format {
    case .text: Data((text(colour: colour) + "\n").utf8)
    case .json: try json()
    case .csv: csv()
    case .html: Data(html().utf8)
    }
  }

  /// One JSON object per finding.
  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(findings)
    data.append(0x0A)
    return data
  }

  static let csvHeader = [
    "Règle", "Gravité", "Message", "Où corriger", "UAI", "Année", "Division", "Groupe", "Code matière",
    "Id STS enseignant", "Enseignant", "Élève (id SIECLE)", "Fichier", "Ligne",
  ]

  /// Excel-friendly CSV, like the mapping export.
  public func csv() -> Data {
    CSVWriter().document(
      header: Self.csvHeader,
      rows: findings.map {
        [
          $0.rule, $0.severity.french, $0.message, $0.fixIn.french, $0.uai, String($0.year), $0.division ?? "",
          $0.group ?? "", $0.subjectCode ?? "", $0.teacherSTSId ?? "", $0.teacherName ?? "", $0.pupilId ?? "",
          $0.file ?? "", $0.line.map(String.init) ?? "",
        ]
      })
  }

  /// Grouped by severity then division, with counts.
  public func text(colour: Bool = false) -> String {
    func paint(_ text: String, _ severity: FindingSeverity) -> String {
      guard colour else { return text }
      let code = severity == .blocking ? "31" : severity == .warning ? "33" : "36"
      return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
    var lines = ["Vérifications avant l'export LSU — établissement \(uai), année scolaire \(year)"]
    let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
    lines.append(
      FindingSeverity.allCases.map { "\(counts[$0] ?? 0) \($0.french)\((counts[$0] ?? 0) > 1 ? "s" : "")" }
        .joined(separator: ", ") + (hidden > 0 ? " (\(hidden) déjà accepté(s), masqué(s))" : ""))
    for severity in FindingSeverity.allCases {
      let group = findings.filter { $0.severity == severity }
      guard !group.isEmpty else { continue }
      lines.append("")
      lines.append(paint("== \(severity.french.uppercased()) (\(group.count)) ==", severity))
      for (division, items) in Dictionary(grouping: group, by: { $0.division ?? $0.group ?? "" }).sorted(by: {
        $0.key < $1.key
      }) {
        lines.append("")
        lines.append(division.isEmpty ? "Établissement" : "Division \(division)")
        for finding in items {
          let place = finding.file.map { " [\($0)\(finding.line.map { ":\($0)" } ?? "")]" } ?? ""
          lines.append(
            "  \(paint("[\(finding.rule)]", severity)) \(finding.message) → à corriger dans : \(finding.fixIn.french)\(place)"
          )
        }
      }
    }
    if !classes.isEmpty {
      lines.append("")
      lines.append("État de l'export par classe :")
      for c in classes {
        let detail = ExportStatus.allCases.compactMap { s in c.counts[s.rawValue].map { "\($0) \(s.rawValue)" } }
          .joined(separator: ", ")
        let mode = c.evaluation.map { " ; évaluation : \($0)" } ?? ""
        let setting = c.setting.map { " ; paramétrage LSU : \($0)" } ?? ""
        lines.append("  \(c.division) : \(c.status.rawValue) (\(detail))\(mode)\(setting)\(c.endOfCycleText)")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// One self-contained page: a traffic-light table per class, then the findings with where to fix them.
  public func html() -> String {
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    let colours: [ExportStatus: String] = [
      .complete: "#2e7d32", .incomplete: "#9e9d24", .partial: "#ef6c00", .impossible: "#c62828",
    ]
    var rows = ""
    for c in classes {
      let cells = ExportStatus.allCases.map { "<td>\(c.counts[$0.rawValue] ?? 0)</td>" }.joined()
      rows +=
        "<tr><th>\(escape(c.division))</th><td><span class=\"dot\" style=\"background:\(colours[c.status]!)\"></span>\(c.status.rawValue)</td>\(cells)<td>\(escape(c.evaluation ?? ""))</td><td>\(escape(c.setting ?? "non enregistré"))</td><td>\(escape(c.endOfCycleSummary ?? "—"))</td></tr>\n"
    }
    var items = ""
    for severity in FindingSeverity.allCases {
      let group = findings.filter { $0.severity == severity }
      guard !group.isEmpty else { continue }
      items +=
        "<h2 class=\"\(severity.rawValue)\">\(severity.french.capitalized) (\(group.count))</h2>\n<table class=\"findings\"><tr><th>Division</th><th>Règle</th><th>Constat</th><th>Où corriger</th><th>Fichier</th></tr>\n"
      for f in group {
        let place = f.file.map { escape($0) + (f.line.map { ":\($0)" } ?? "") } ?? ""
        items +=
          "<tr><td>\(escape(f.division ?? f.group ?? ""))</td><td><code>\(f.rule)</code></td><td>\(escape(f.message))</td><td>\(f.fixIn.french)</td><td>\(place)</td></tr>\n"
      }
      items += "</table>\n"
    }
    let headers = ExportStatus.allCases.map { "<th>\($0.rawValue)</th>" }.joined()
    return """
      <!DOCTYPE html>
      <html lang="fr"><head><meta charset="utf-8">
      <title>Raccord — vérifications \(uai) \(year)</title>
      <style>
      body{font-family:system-ui,sans-serif;margin:2em;color:#222}
      table{border-collapse:collapse;margin:1em 0;width:100%}
      th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}
      .dot{display:inline-block;width:.9em;height:.9em;border-radius:50%;margin-right:.4em;vertical-align:middle}
      h2.blocking{color:#c62828}h2.warning{color:#ef6c00}h2.info{color:#1565c0}
      @media print{body{margin:0}tr{page-break-inside:avoid}}
      </style></head><body>
      <h1>Vérifications avant l'export LSU</h1>
      <p>Établissement \(uai), année scolaire \(year) : \(findings.filter { $0.severity == .blocking }.count) constat(s) bloquant(s), \(findings.filter { $0.severity == .warning }.count) avertissement(s).</p>
      <h2>État de l'export par classe</h2>
      <table class="classes"><tr><th>Classe</th><th>État</th>\(headers)<th>Évaluation</th><th>Paramétrage LSU</th><th>Bilans de fin de cycle</th></tr>
      \(rows)</table>
      \(items)
      </body></html>

      """
  }
}

extension ClassStatus {
  /// ` ; bilans de fin de cycle 4 : …` for the text report, empty without such bilans.
  var endOfCycleText: String {
    endOfCycleSummary.map { " ; bilans de \($0)" } ?? ""
  }
}
