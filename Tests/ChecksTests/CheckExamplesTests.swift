import Foundation
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
      #expect(finding.severity == check.severity)
      #expect(finding.uai == "0789990K" && finding.year == 2025)
      // A sentence that says what is wrong and what to do, not a bare label.
      #expect(finding.message.count > 30, "\(finding.message)")
      // Where the problem is: a division, group, pupil, subject or teacher, or a line of a file.
      let places: [String?] = [
        finding.division, finding.group, finding.pupilId, finding.subjectCode, finding.teacherSTSId, finding.file,
      ]
      #expect(places.contains { $0 != nil }, "\(check.id) : \(finding.message)")
      if let file = finding.file { #expect(CheckFixture.input().data.fileNames.values.contains(file)) }
    }
  }

  /// Every check type declared in `Sources/Checks/Rules/` (one per file) is in the registry, once.
  @Test func theRegistryListsEveryCheckOfTheRulesFolderOnce() throws {
    let folder = Fixtures.repositoryRoot.appendingPathComponent("Sources/Checks/Rules")
    var declared: [String] = []
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let names = text.components(separatedBy: "\n").compactMap { line -> String? in
        guard line.hasPrefix("public enum "), line.hasSuffix(": Check {") else { return nil }
        return String(line.dropFirst("public enum ".count).dropLast(": Check {".count))
      }
      #expect(names == [String(file.dropLast(6))], "\(file) : une vérification par fichier, du même nom")
      declared += names
    }
    let registered = CheckRegistry.all.map { String(describing: $0) }
    #expect(registered.sorted() == declared.sorted())
    #expect(Set(registered).count == registered.count)
  }

  static let ids: [String] = CheckRegistry.all.map { $0.id }

  @Test(arguments: ids)
  func eachCheckDescribesItself(_ id: String) throws {
    let check = try #require(CheckRegistry.check(id))
    let words = id.split(separator: "-", omittingEmptySubsequences: false)
    let isKebabCase =
      words.count > 1 && words.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0.isNumber } }
    #expect(isKebabCase, "identifiant stable en kebab-case")
    #expect(CheckRegistry.all.filter { $0.id == id }.count == 1)
    #expect(!check.title.isEmpty && check.title.first?.isUppercase == true)
    #expect(check.rationale.hasSuffix("."))
    #expect(check.examples.contains { $0.expected > 0 }, "au moins un exemple où la vérification signale")
    #expect(check.examples.contains { $0.expected == 0 }, "au moins un exemple où elle ne signale rien")
  }

  @Test func theBaseFixtureIsCleanButForThirdGradeSubjects() {
    let findings = CheckRegistry.run(CheckFixture.input())
    #expect(findings.map(\.rule) == Array(repeating: "mandatory-subject-missing", count: 4))
  }
}
