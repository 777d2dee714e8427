import Checks
import Exports
import Foundation
import RaccordCore
import RaccordTestSupport
import Store
import Testing
import XMLStreaming

@testable import RaccordKit

/// The pre-flight checks on the example school, whose planted situations are listed in its README.
@Suite struct CheckRunTests {
  let raccord: Raccord
  let report: CheckReport

  init() throws {
    raccord = try Fixtures.raccordWithExampleSchool()
    report = try raccord.runChecks()
  }

  @Test func theFindingsMatchTheGoldenFile() throws {
    try assertSnapshot(try report.json(), named: "checks-exemple.json", in: "RaccordKitTests")
  }

  /// The example's gradebook file with plants G16–G18 (three 6B bilans without council date,
  /// council appraisal or vie scolaire), kept with the tests: the XSD sees those, so the main file
  /// must not carry them for its corrected export to be valid.
  static let incomplete = Fixtures.repositoryRoot.appendingPathComponent(
    "Tests/RaccordKitTests/Fixtures/lsu-bilans-2025-T1-incomplete.xml")

  func incompleteReport() throws -> CheckReport {
    _ = try raccord.importFiles([Self.incomplete.path], diagnostics: DiagnosticCollector())
    return try raccord.runChecks()
  }

  @Test func everyCheckIsPlanted() throws {
    let fired = Set(report.findings.map(\.rule)).union(try incompleteReport().findings.map(\.rule))
    // These two need a class setting recorded in the store, which no file carries: see ClassEvaluationTests.
    // A bilan de fin de cycle without its 8 domains or synthèse is XSD-invalid: see the check's examples.
    let needSettings: Set<String> = [ClassSettingMismatch.id, ClassAverageUnexpected.id, CycleBilanIncomplete.id]
    let all = Set(CheckRegistry.all.map { $0.id }).subtracting(needSettings)
    #expect(all.subtracting(fired).isEmpty, "\(all.subtracting(fired))")
  }

  @Test func blockingFindingsMeanExitCodeOne() {
    #expect(report.exitCode == 1)
  }

  @Test func thePlantsAreWhereTheREADMESays() throws {
    func has(_ rule: String, _ match: (Finding) -> Bool) -> Bool {
      report.findings.contains { $0.rule == rule && match($0) }
    }
    #expect(has("service-off-programme") { $0.division == "6B" && $0.subjectCode == "062300" })
    #expect(has("service-off-programme") { $0.division == "3B" && $0.subjectCode == "042100" })
    #expect(has("service-without-teacher") { $0.division == "4B" && $0.subjectCode == "081300" })
    #expect(has("service-teacher-absent") { $0.teacherSTSId == "7415" })
    #expect(has("teacher-without-service") { $0.teacherSTSId == "13086" && $0.division == "4B" })
    #expect(has("teacher-without-sts-id") { $0.teacherSTSId == "99999" })
    #expect(has("subject-closed") { $0.subjectCode == "020100" && $0.message.contains("remplacé par 020300") })
    #expect(has("subject-unknown") { $0.subjectCode == "999999" })
    #expect(has("pupil-unknown") { $0.pupilId == "2731717" })
    #expect(has("pupil-wrong-division") { $0.pupilId == "2732073" })
    #expect(has("pupil-subject-off-programme") { $0.pupilId == "2731555" })
    #expect(has("reference-broken") { $0.message.contains("ENS_9930") })
    #expect(has("teacher-without-sts-id") { $0.teacherSTSId == "99998" && $0.message.contains("DUVERNOY") })
    #expect(has("discipline-duplicate") { $0.message.contains("DI_042100S") && $0.message.contains("DI_HG3") })
    #expect(!has("schema-invalid") { _ in true })
    #expect(has("mandatory-subject-missing") { $0.subjectCode == "043800" && $0.division == "3A" })
    #expect(has("modality-invalid") { $0.subjectCode == "030602" })
    #expect(has("mef-without-programme") { $0.message.contains("10310031110") && $0.message.contains("3 LAT") })
    #expect(
      has("cycle-bilans-missing") {
        $0.division == "3A" && $0.pupilId == nil
          && ["NOUVEL Maxime", "PELTIER Enzo", "RAMBAUD Juliette"].allSatisfy($0.message.contains)
          && !$0.message.contains("ORSINI")
      })
    #expect(!has("cycle-bilans-missing") { $0.division == "3B" })
    #expect(has("cycle-bilan-wrong-cycle") { $0.pupilId == "2732739" && $0.message.contains("CHAUVIN Sami") })
    #expect(has("complement-positioning-missing") { $0.pupilId == "2732406" })
    #expect(has("complement-without-option") { $0.pupilId == "2732406" })
    #expect(has("complement-missing") { $0.pupilId == "2732480" })
    #expect(
      !report.findings.contains { ["2732369", "2732702"].contains($0.pupilId) && $0.rule.contains("complement") })
  }

  @Test func endOfCycleStatuses() throws {
    let threeA = try #require(report.classes.first { $0.division == "3A" })
    #expect(threeA.endOfCycle == .impossible)
    #expect(threeA.cycle == 4)
    #expect(threeA.endOfCycleCounts == ["complet": 1, "incomplet": 1, "impossible": 4])
    let threeB = try #require(report.classes.first { $0.division == "3B" })
    #expect(threeB.endOfCycleCounts == ["complet": 4, "impossible": 1])
    #expect(report.classes.filter { $0.endOfCycle != nil }.map(\.division) == ["3A", "3B"])
    let missing = try #require(report.pupils.first { $0.pupilId == "2732443" })
    #expect(missing.endOfCycle == .impossible && missing.endOfCycleMissing == ["Bilan de fin de cycle absent"])
    // The end-of-cycle findings do not touch the periodic state.
    let wrongCycle = try #require(report.pupils.first { $0.pupilId == "2732739" })
    #expect(!wrongCycle.missing.contains(CycleBilanWrongCycle.title))
    #expect(wrongCycle.endOfCycleMissing == [CycleBilanWrongCycle.title])
    #expect(
      report.text().contains(
        "3A : partiel (6 partiel) ; évaluation : avec notes ; bilans de fin de cycle 4 : impossible"))
  }

  @Test func theIncompleteBilansAreFoundInTheirOwnFile() throws {
    let report = try incompleteReport()
    func has(_ rule: String, _ match: (Finding) -> Bool) -> Bool {
      report.findings.contains { $0.rule == rule && match($0) }
    }
    #expect(has("council-date-missing") { $0.pupilId == "2731296" && $0.division == "6B" })
    #expect(has("council-appraisal-missing") { $0.pupilId == "2731333" })
    #expect(has("school-life-missing") { $0.pupilId == "2731407" })
    #expect(has("schema-invalid") { $0.line == 366 && $0.file == "lsu-bilans-2025-T1-incomplete.xml" })
    #expect(report.findings.filter { $0.rule == "schema-invalid" }.count == 3)
    let missingDate = try #require(report.pupils.first { $0.pupilId == "2731296" })
    #expect(missingDate.status == .impossible)
    #expect(missingDate.missing.contains("Date du conseil de classe manquante"))
  }

  @Test func pupilAndClassStatuses() throws {
    let sixA = try #require(report.classes.first { $0.division == "6A" })
    #expect(sixA.status == .partial)
    #expect(report.classes.count == 8)
  }

  @Test func anAcceptedCoTeachingSilencesTheReplacementFinding() throws {
    let key = try #require(try raccord.suggestions().teachers.first { $0.name.hasPrefix("NGUYEN-ROCHE") }).key
    _ = try raccord.decide(key: key, code: "13086", note: "co-enseignement déclaré dans STS Web")
    let after = try raccord.runChecks()
    #expect(!after.findings.contains { $0.rule == "teacher-without-service" && $0.teacherSTSId == "13086" })
  }

  @Test func anAcceptedMappingSilencesSubjectUnknown() throws {
    let item = try #require(
      try raccord.suggestions().subjects.first { $0.code == "999999" && $0.divisions.contains("6A") })
    _ = try raccord.decide(key: item.key, code: "020700")
    let after = try raccord.runChecks()
    #expect(!after.findings.contains { $0.rule == "subject-unknown" })
  }

  @Test func theBaselineHidesAcceptedFindings() throws {
    let baseline = Array(report.findings.prefix(5))
    let filtered = try raccord.runChecks(baseline: baseline)
    #expect(filtered.findings.count == report.findings.count - 5)
    #expect(filtered.hidden == 5)
  }

  @Test func formats() throws {
    let csv = String(decoding: report.csv(), as: UTF8.self)
    #expect(csv.hasPrefix("\u{FEFF}Règle;Gravité;Message;Où corriger;UAI;"))
    let html = report.html()
    #expect(html.contains("<h2>État de l'export par classe</h2>"))
    #expect(html.contains("<code>service-off-programme</code>"))
    let text = report.text()
    #expect(text.contains("== BLOQUANT ("))
    #expect(text.contains("Division 6B"))
  }

  @Test func missingSTSSaysWhatToImport() throws {
    let fresh = try Fixtures.raccord()
    _ = try fresh.importFiles(
      [Fixtures.exampleSchool.appendingPathComponent("2025/Nomenclature.xml").path], diagnostics: DiagnosticCollector())
    let error = try #require(throws: RaccordError.self) { try fresh.runChecks() }
    #expect(error.errorDescription?.contains("STS Web > Exports > Emploi du temps") == true)
  }
}

/// The official LSU sample against the bundled schemas.
@Suite struct OfficialSampleTests {
  let sample = Fixtures.sharedReference.appendingPathComponent("lsu/samples/sample-bilan-complet_2020-03.xml")

  @Test func validAgainst3And7() throws {
    let raccord = try Fixtures.raccord()
    #expect(try raccord.validateLSU(sample, version: .v3).isEmpty)
    #expect(try raccord.validateLSU(sample, version: .v7).isEmpty)
  }

  @Test func reportsThe10Incompatibilities() throws {
    let problems = try Fixtures.raccord().validateLSU(sample, version: .v10).map(\.message).joined(separator: "\n")
    #expect(problems.contains("moyenne-eleve"))
    #expect(problems.contains("eleve-non-note"))
    #expect(problems.contains("date-verrou"))
  }

  @Test func checkingTheSampleDirectlyGivesSchemaFindingsWithLines() throws {
    let report = try Fixtures.raccord().checkLSUFile(sample.path)
    let schema = report.findings.filter { $0.rule == "schema-invalid" }
    #expect(!schema.isEmpty)
    #expect(schema.allSatisfy { ($0.line ?? 0) > 0 && $0.file == "sample-bilan-complet_2020-03.xml" })
    let v7 = try Fixtures.raccord().checkLSUFile(sample.path, schema: .v7)
    #expect(!v7.findings.contains { $0.rule == "schema-invalid" })
  }

  @Test func aFileThatIsNotWellFormedIsUnusable() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try Fixtures.write(
      "<lsun-bilans schemaVersion=\"10.0\">\n<entete>\n<etablissement>0789990K</etablissement>\n</ent",
      named: "lsu.xml", in: folder)
    let error = try #require(throws: CheckFileError.self) { try Fixtures.raccord().checkLSUFile(file.path) }
    #expect(error.errorDescription?.hasPrefix("[schema-invalid]") == true)
    #expect(error.line == 4)
  }
}
