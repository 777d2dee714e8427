import Checks
import Foundation
import RaccordCore
import RaccordKit
import RaccordTestSupport
import Store
import Testing

/// One evaluation mode per class: detection, the checks and the recorded LSU class settings.
@Suite final class ClassEvaluationTests {
  let folder: URL
  let raccord: Raccord

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = try Fixtures.raccordWithExampleSchool()
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// The example's LSU file where 3A's English is positioned (1 to 4) instead of graded.
  func importMixedThirdGrade() throws {
    let source = Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/lsu-bilans-2025-T1.xml")
    var division: [String: String] = [:]
    var current = ""
    var lines: [String] = []
    for var line in try String(contentsOf: source, encoding: .utf8).components(separatedBy: "\n") {
      if line.contains("<eleve "), let id = ExportLSUTests.attribute("id", in: line) {
        division[id] = ExportLSUTests.attribute("code-division", in: line)
      }
      if line.contains("<bilan-periodique "), let pupil = ExportLSUTests.attribute("eleve-ref", in: line) {
        current = division[pupil] ?? ""
      }
      if current == "3A", line.contains("discipline-ref=\"DI_030201O\""),
        let grade = ExportLSUTests.attribute("moyenne-eleve", in: line)
      {
        line = line.replacingOccurrences(of: "moyenne-eleve=\"\(grade)\"", with: "positionnement=\"3\"")
      }
      lines.append(line)
    }
    let url = folder.appendingPathComponent("lsu-3A-mixte.xml")
    try Data(lines.joined(separator: "\n").utf8).write(to: url)
    _ = try raccord.importFiles([url.path], diagnostics: DiagnosticCollector())
  }

  @Test func theExampleSchoolShowsItsPlantedClasses() throws {
    let report = try raccord.runChecks()
    let modes = Dictionary(uniqueKeysWithValues: report.classes.map { ($0.division, $0.evaluation ?? "") })
    #expect(modes["5B"] == "mixte (notes et positionnements)")
    #expect(modes["3B"] == "mixte (notes et positionnements)")
    #expect(["3A", "4A", "4B", "5A", "6A", "6B"].allSatisfy { modes[$0] == "avec notes" })
    #expect(report.findings.filter { $0.rule == ClassMixedPositioning.id }.compactMap(\.division) == ["3B", "5B"])
    #expect(report.findings.filter { $0.rule == ThirdGradePositioning.id }.compactMap(\.division) == ["3B"])
    #expect(report.findings.filter { $0.rule == ServiceWithoutEvaluation.id }.compactMap(\.division) == ["4B"])
    // Without a recorded class setting, nothing is measured against one.
    #expect(!report.findings.contains { [ClassSettingMismatch.id, ClassAverageUnexpected.id].contains($0.rule) })
  }

  @Test func aMixedThirdGradeClassIsNamedWithItsServices() throws {
    try importMixedThirdGrade()
    let report = try raccord.runChecks()
    let mixed = try #require(report.findings.first { $0.rule == ClassMixedPositioning.id && $0.division == "3A" })
    #expect(mixed.division == "3A")
    #expect(mixed.message.contains("positionnés de 1 à 4 — ANGLAIS LV1 (6 acquis)"))
    #expect(mixed.message.contains("FRANCAIS"))
    #expect(mixed.fixIn == .gradebook)
    let brevet = try #require(report.findings.first { $0.rule == ThirdGradePositioning.id && $0.division == "3A" })
    #expect(brevet.message.contains("brevet 2026"))
    #expect(report.classes.first { $0.division == "3A" }?.evaluation == "mixte (notes et positionnements)")
    #expect(report.classes.first { $0.division == "4A" }?.evaluation == "avec notes")
  }

  @Test func aRecordedSettingMakesTheMismatchBlocking() throws {
    try importMixedThirdGrade()
    try raccord.setClass("3A", positioning: .notes, classAverage: false)
    let report = try raccord.runChecks()
    #expect(!report.findings.contains { $0.rule == ClassMixedPositioning.id && $0.division == "3A" })
    let mismatch = try #require(report.findings.first { $0.rule == ClassSettingMismatch.id })
    #expect(mismatch.severity == .blocking)
    #expect(mismatch.message.contains("« avec notes », mais le fichier envoie des positionnements — ANGLAIS LV1"))
    // The example's file sends class averages: a class set "sans moyenne de classe" is warned.
    let average = try #require(report.findings.first { $0.rule == ClassAverageUnexpected.id })
    #expect(average.severity == .warning && average.division == "3A")
    #expect(report.classes.first { $0.division == "3A" }?.setting == "avec notes, sans moyenne de classe")
    // The setting is listed, and an unknown class is refused.
    #expect(try raccord.classes().first { $0.division == "3A" }?.setting?.positioning == .notes)
    #expect(throws: RaccordError.self) { try self.raccord.setClass("7Z", positioning: .notes, classAverage: true) }
  }
}
