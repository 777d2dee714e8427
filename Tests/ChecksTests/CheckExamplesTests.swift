import RaccordCore
import RaccordTestSupport
import Testing

@testable import Checks

/// Each check's documented examples, run as tests.
@Suite struct CheckExamplesTests {
  static let cases: [(check: String, example: Int)] = CheckRegistry.all.flatMap { check in
    check.examples.indices.map { (check.id, $0) }
  }

  @Test(arguments: cases.map { "\($0.check)#\($0.example)" })
  func example(_ name: String) throws {
    let parts = name.split(separator: "#")
    let check = try #require(CheckRegistry.check(String(parts[0])))
    let example = check.examples[Int(parts[1])!]
    var findings: [Finding] = []
    check.run(example.input, index: CheckIndex(example.input)) { findings.append($0) }
    #expect(findings.count == example.expected, "\(check.id) : \(example.description) — \(findings.map(\.message))")
    for finding in findings {
      #expect(finding.rule == check.id)
      #expect(finding.uai == "0789990K")
      #expect(!finding.message.isEmpty)
    }
  }

  @Test func theCatalogueHasEveryRequiredCheckOnce() {
    let ids = CheckRegistry.all.map { $0.id }
    #expect(Set(ids).count == ids.count)
    let required = [
      "subject-unknown", "subject-closed", "subject-unmapped", "subject-off-programme", "modality-invalid",
      "mef-without-programme", "service-off-programme", "service-without-teacher", "service-teacher-absent",
      "teacher-without-service", "teacher-without-sts-id", "pupil-unknown", "pupil-wrong-division",
      "pupil-subject-off-programme", "council-date-missing", "council-appraisal-missing", "appraisal-missing",
      "grade-or-positioning-missing", "school-life-missing", "programme-elements-missing", "discipline-duplicate",
      "reference-broken", "schema-invalid", "mandatory-subject-missing",
    ]
    #expect(Set(required).isSubset(of: Set(ids)))
    for check in CheckRegistry.all {
      #expect(!check.title.isEmpty && check.rationale.hasSuffix("."), "\(check.id)")
      #expect(
        check.examples.contains { $0.expected > 0 } && check.examples.contains { $0.expected == 0 }, "\(check.id)")
    }
  }

  @Test func theBaseFixtureIsCleanButForThirdGradeSubjects() {
    let findings = CheckRegistry.run(CheckFixture.input())
    #expect(findings.map(\.rule) == Array(repeating: "mandatory-subject-missing", count: 4))
  }
}
