import Exports
import Foundation
import RaccordCore
import Testing

/// The four renderings of `raccord check`, on a report small enough to read whole.
@Suite struct CheckReportRenderTests {
  static var report: CheckReport {
    var finding = Finding(
      rule: "subject-unknown", severity: .blocking, message: "LATIN <LCA> ; code \"020399\" inconnu.",
      fixIn: .gradebook, uai: "0789990K", year: 2025)
    finding.division = "3A"
    finding.subjectCode = "020399"
    finding.file = "lsu.xml"
    finding.line = 12
    let info = Finding(
      rule: "programme-elements-missing", severity: .info, message: "Rien de grave.", fixIn: .sts, uai: "0789990K",
      year: 2025)
    let klass = ClassStatus(
      division: "3A", status: .impossible, counts: ["impossible": 1], evaluation: "avec notes", endOfCycle: .partial,
      endOfCycleCounts: ["partiel": 1], cycle: 4)
    return CheckReport(uai: "0789990K", year: SchoolYear(2025), findings: [finding, info], hidden: 2, classes: [klass])
  }

  @Test func theCSVHasOneQuotedRowPerFindingUnderAFrenchHeader() throws {
    let text = String(decoding: try Self.report.render(.csv), as: UTF8.self)
    let lines = text.dropFirst().components(separatedBy: "\r\n")
    #expect(text.hasPrefix("\u{FEFF}Règle;Gravité;Message;Où corriger;"))
    #expect(
      lines[1]
        == "subject-unknown;bloquant;\"LATIN <LCA> ; code \"\"020399\"\" inconnu.\";logiciel de notes;0789990K;2025;3A;;020399;;;;lsu.xml;12"
    )
    #expect(lines.count == 4 && lines[3].isEmpty)
  }

  @Test func theJSONUsesSnakeCaseKeys() throws {
    let json = try JSONSerialization.jsonObject(with: try Self.report.render(.json)) as? [[String: Any]]
    #expect(json?.count == 2)
    #expect(json?.first?["fix_in"] as? String == "gradebook")
    #expect(json?.first?["subject_code"] as? String == "020399")
    #expect(json?.first?["line"] as? Int == 12)
  }

  @Test func theTextGroupsBySeverityThenDivisionAndSaysWhereToFix() throws {
    let text = String(decoding: try Self.report.render(.text), as: UTF8.self)
    #expect(text.contains("1 bloquant, 0 avertissement, 1 information (2 déjà accepté(s), masqué(s))"))
    #expect(text.contains("== BLOQUANT (1) ==\n\nDivision 3A\n  [subject-unknown] LATIN"))
    #expect(text.contains("→ à corriger dans : logiciel de notes [lsu.xml:12]"))
    #expect(text.contains("== INFORMATION (1) ==\n\nÉtablissement\n"))
    #expect(
      text.contains(
        "3A : impossible (1 impossible) ; évaluation : avec notes ; bilans de fin de cycle 4 : partiel (1 partiel)"))
    #expect(!text.contains("\u{1B}["))
    #expect(String(decoding: try Self.report.render(.text, colour: true), as: UTF8.self).contains("\u{1B}[31m"))
  }

  @Test func theHTMLPageEscapesWhatTheFilesSaid() throws {
    let html = String(decoding: try Self.report.render(.html), as: UTF8.self)
    #expect(html.contains("LATIN &lt;LCA&gt; ; code &quot;020399&quot; inconnu."))
    #expect(!html.contains("<LCA>"))
    #expect(html.contains("1 constat(s) bloquant(s), 0 avertissement(s)"))
    #expect(html.contains("fin de cycle 4 : partiel (1 partiel)"))
  }
}
