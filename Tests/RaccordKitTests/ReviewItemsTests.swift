import Foundation
import Matching
import RaccordCore
import RaccordKit
import RaccordTestSupport
import Store
import Testing

/// The grouped review model: one item per gradebook label, split into groups only where divisions
/// need different codes, and decisions that come back when their scope changed.
@Suite final class ReviewItemsTests {
  let folder: URL
  let raccord: Raccord

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = try Fixtures.raccordWithExampleSchool()
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func item(_ label: String) throws -> ReviewItem {
    try #require(try raccord.suggestions().reviewItems().first { $0.label == label })
  }

  /// The services CSV of the example school with extra rows, imported in place of the original.
  func reimportServices(adding rows: [String] = [], removing prefixes: [String] = []) throws {
    let source = Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/services-pronote.csv")
    var data = try Data(contentsOf: source)
    if !prefixes.isEmpty {
      // Windows-1252 is ASCII for the prefixes matched here.
      let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      let kept = lines.filter { line in !prefixes.contains { line.starts(with: Array($0.utf8)) } }
      data = Data(kept.joined(separator: [UInt8(ascii: "\n")]))
    }
    for row in rows { data.append(contentsOf: Array((row + "\r\n").utf8)) }
    let copy = folder.appendingPathComponent("services-pronote.csv")
    try data.write(to: copy)
    _ = try raccord.importFiles(
      [copy.path], options: ImportOptions(force: true, uai: "0789990K", year: 2025), diagnostics: DiagnosticCollector())
  }

  @Test func oneItemPerGradebookLabelAndTeacher() throws {
    let report = try raccord.suggestions()
    let items = report.reviewItems()
    let labels = Set(report.subjects.map { $0.label })
    #expect(items.filter { $0.kind == .subject }.count == labels.count)
    #expect(items.filter { $0.kind == .teacher }.count == report.teachers.count)
    // Each label once, whatever its number of MEF contexts (LATIN is in four).
    let latin = try item("LATIN")
    #expect(latin.groups.count == 1)
    #expect(report.subjects.filter { $0.label == "LATIN" }.count > 1)
    #expect(latin.divisions.contains("3A") && latin.divisions.contains("5 LAT"))
    #expect(latin.groups[0].code == "020300")
    #expect(latin.key == "LATIN")
  }

  @Test func aLabelNeedingTwoCodesHasOneGroupPerCode() throws {
    let hg = try item("Histoire-Géographie")
    #expect(hg.groups.count == 2)
    let third = try #require(hg.groups.first { $0.divisions == ["3A", "3B"] })
    let others = try #require(hg.groups.first { $0.divisions == ["4A", "4B", "5A"] })
    #expect(third.code == "043700")
    #expect(others.code == "042100")
    #expect(third.key == "HISTOIRE GEOGRAPHIE|div:3A+3B")
    // The choices of a group are its candidates, then the rest of its programme.
    #expect(third.choices.contains { $0.code == "043800" && $0.inProgramme })
    #expect(!others.choices.contains { $0.code == "043700" && $0.inProgramme })
  }

  @Test func acceptingAGroupedItemRecordsOneDecisionPerGroup() throws {
    let decisions = try raccord.decide(key: "HISTOIRE GEOGRAPHIE", code: nil, author: "secrétariat")
    #expect(Set(decisions.map(\.itemKey)) == ["HISTOIRE GEOGRAPHIE|div:3A+3B", "HISTOIRE GEOGRAPHIE|div:4A+4B+5A"])
    #expect(Set(decisions.compactMap(\.chosenCode)) == ["043700", "042100"])
    let hg = try item("Histoire-Géographie")
    #expect(hg.status == .accepted)
    #expect(hg.groups.allSatisfy { $0.status == .accepted })
  }

  @Test func overridingOneGroupLeavesTheOther() throws {
    try raccord.decide(key: "HISTOIRE GEOGRAPHIE|div:4A+4B+5A", code: "043700", note: "HG seule")
    let hg = try item("Histoire-Géographie")
    let others = try #require(hg.groups.first { $0.divisions == ["4A", "4B", "5A"] })
    let third = try #require(hg.groups.first { $0.divisions == ["3A", "3B"] })
    #expect(others.status == .accepted && others.code == "043700")
    #expect(third.status == .proposed)
    #expect(hg.status == .proposed)
    // Choosing one code for the whole item replaces the group's decision.
    try raccord.decide(key: "HISTOIRE GEOGRAPHIE", code: "042100")
    let keys = try raccord.database.decisions(uai: "0789990K").map(\.itemKey)
    #expect(keys == ["HISTOIRE GEOGRAPHIE"])
    #expect(try item("Histoire-Géographie").groups.allSatisfy { $0.code == "042100" && $0.status == .accepted })
  }

  @Test func aDivisionAddedSinceTheDecisionBringsTheItemBack() throws {
    try raccord.decide(key: "LATIN", code: "020300", author: "secrétariat")
    #expect(try item("LATIN").status == .accepted)
    try reimportServices(adding: ["6A;Latin;020100;BELLANGER;Sarah;;Non"])
    let latin = try item("LATIN")
    #expect(latin.status == .scopeChanged)
    #expect(latin.isPending)
    #expect(latin.groups[0].code == "020300")
    let reason = try #require(latin.groups[0].reasons.first)
    #expect(reason.contains("périmètre changé"))
    #expect(reason.contains("ajouté 6A"))
    #expect(try raccord.suggestions().pendingReview().first?.key == "LATIN")
    // Confirming again settles it on the new scope.
    try raccord.decide(key: "LATIN", code: nil)
    #expect(try item("LATIN").status == .accepted)
  }

  @Test func aDecisionOnAnOlderVersionOfTheItemIsRefused() throws {
    let first = try item("Histoire-Géographie")
    #expect(first.version == 0)
    // One reviewer accepts both groups; another, who saw the item before, chooses one code for it.
    let saved = try raccord.decide(key: first.key, code: nil, author: "CPE", expectedVersion: first.version)
    #expect(saved.count == 2 && saved.allSatisfy { ($0.revision ?? 0) > 0 })
    let after = try item("Histoire-Géographie")
    #expect(after.version == saved.compactMap(\.revision).max())
    let before = try raccord.database.decisions(uai: "0789990K")
    let error = try #require(throws: RaccordError.self) {
      try self.raccord.decide(key: first.key, code: "042100", author: "principal", expectedVersion: first.version)
    }
    #expect(error.errorDescription?.contains("« Histoire-Géographie » a été modifié entre-temps") == true)
    #expect(error.errorDescription?.contains("par CPE") == true)
    #expect(try raccord.database.decisions(uai: "0789990K") == before)
    // On the version it now has, the decision goes through and replaces the groups' decisions.
    try raccord.decide(key: first.key, code: "042100", author: "principal", expectedVersion: after.version)
    #expect(try item("Histoire-Géographie").version > after.version)
    #expect(
      try raccord.database.decisions(uai: "0789990K").filter { $0.itemKey.hasPrefix("HISTOIRE GEOGRAPHIE") }.count == 1)
    // A teacher's item has its version too; no version given decides whatever the state (the terminal's set).
    let teacher = try #require(try raccord.suggestions().reviewItems().first { $0.kind == .teacher })
    try raccord.decide(key: teacher.key, code: nil, reject: true, author: "CPE")
    #expect(throws: RaccordError.self) {
      try self.raccord.decide(key: teacher.key, code: nil, author: "principal", expectedVersion: teacher.version)
    }
  }

  /// The versions of all items read in one pass are those each item's own reading gives, for
  /// whole-item keys, group keys and keys that hold a `|` themselves.
  @Test func everyItemsVersionAtOnceMatchesItsOwnReading() throws {
    func decision(_ kind: ReviewDecision.Kind, _ key: String, _ revision: Int64, year: Int = 2025) -> ReviewDecision {
      var decision = ReviewDecision(
        uai: "0789990K", year: year, kind: kind, itemKey: key, verdict: .accept, chosenCode: nil)
      decision.revision = revision
      return decision
    }
    let decisions = [
      decision(.subject, "LATIN", 4), decision(.subject, "HISTOIRE GEOGRAPHIE|div:5A+5B", 9),
      decision(.subject, "HISTOIRE GEOGRAPHIE|div:6A", 7), decision(.subject, "HISTOIRE", 12),
      decision(.teacher, "MARTIN|CLAIRE", 5), decision(.teacher, "MARTIN|CLAIRE|2", 11),
      decision(.subject, "ANGLAIS", 30, year: 2024),
    ]
    let keys = [
      "LATIN", "HISTOIRE GEOGRAPHIE", "HISTOIRE GEOGRAPHIE|div:6A", "HISTOIRE", "ANGLAIS", "MARTIN", "MARTIN|CLAIRE",
      "GREC",
    ]
    for kind in [ReviewDecision.Kind.subject, .teacher] {
      let all = ReviewVersion.revisions(kind: kind, year: 2025, in: decisions)
      for key in keys {
        let own = ReviewVersion.of(itemKey: key, kind: kind, uai: "0789990K", year: 2025, in: decisions).revision
        #expect((all[key] ?? 0) == own, "\(kind) \(key)")
      }
    }
    #expect(ReviewVersion.revisions(kind: .subject, year: 2025, in: decisions)["HISTOIRE GEOGRAPHIE"] == 9)
    #expect(ReviewVersion.revisions(kind: .teacher, year: 2025, in: decisions)["MARTIN|CLAIRE"] == 11)
  }

  @Test func aClassRemovedSinceTheDecisionLeavesItDecided() throws {
    try raccord.decide(key: "LATIN", code: "020300", author: "secrétariat")
    try reimportServices(removing: ["3 LAT;Latin;"])
    let latin = try item("LATIN")
    #expect(!latin.groups.flatMap(\.divisions).contains("3 LAT"))
    #expect(latin.status == .accepted)
    let note = try #require(latin.groups[0].reasons.first { $0.contains("périmètre réduit") })
    #expect(note.contains("retiré 3 LAT"))
  }

  @Test func aDecisionUnderAnEarlierKeyStillApplies() throws {
    // Decisions stored by earlier versions were keyed by label, code and MEFs.
    try raccord.database.save([
      ReviewDecision(
        uai: "0789990K", year: 2025, kind: .subject, itemKey: "LATIN|020100|10310019110", verdict: .choose,
        chosenCode: "020300")
    ])
    let report = try raccord.suggestions()
    let third = try #require(report.subjects.first { $0.label == "LATIN" && $0.divisions.contains("3A") })
    #expect(third.status == .accepted)
    let fourth = try #require(report.subjects.first { $0.label == "LATIN" && $0.divisions.contains("4A") })
    #expect(fourth.status == .proposed)
  }

  @Test func theTerminalAnswersAreParsed() throws {
    let hg = try item("Histoire-Géographie")
    let choices = ReviewPrompt.choices(of: hg)
    #expect(ReviewPrompt.parse("a", item: hg, choices: choices) == .decide(key: hg.key, code: nil, reject: false))
    #expect(
      ReviewPrompt.parse("g2:1", item: hg, choices: choices)
        == .decide(key: hg.groups[1].key, code: choices[0].code, reject: false))
    #expect(ReviewPrompt.parse(" Q ", item: hg, choices: choices) == .quit)
    guard case .notUnderstood(let help) = ReviewPrompt.parse("g9:1", item: hg, choices: choices) else {
      Issue.record("g9:1 should not be understood")
      return
    }
    #expect(help.contains("g1:2"))
  }
}

/// Where a group's MEFs come from when neither STS Web nor Structures.xml give them.
@Suite final class GroupMEFTests {
  let folder: URL
  let raccord: Raccord

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = try Fixtures.raccord()
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func aGroupKnownOnlyFromItsPupilsTakesTheirDivisionsMEFs() throws {
    // The example's pupils, with the theatre workshop added to the groups of the first pupil (6A).
    let source = Fixtures.exampleSchool.appendingPathComponent("2025/ElevesSansAdresses.xml")
    let text = try #require(String(data: try Data(contentsOf: source), encoding: .isoLatin1))
    let marker =
      "<CODE_STRUCTURE>6 ALL</CODE_STRUCTURE>\n          <TYPE_STRUCTURE>G</TYPE_STRUCTURE>\n        </STRUCTURE>"
    #expect(text.contains(marker))
    let edited = text.replacingOccurrences(
      of: marker,
      with: marker
        + "\n        <STRUCTURE>\n          <CODE_STRUCTURE>6 THEATRE</CODE_STRUCTURE>\n          <TYPE_STRUCTURE>G</TYPE_STRUCTURE>\n        </STRUCTURE>"
    )
    let copy = folder.appendingPathComponent("ElevesSansAdresses.xml")
    try #require(edited.data(using: .isoLatin1)).write(to: copy)
    let year = Fixtures.exampleSchool.appendingPathComponent("2025")
    _ = try raccord.importFiles(
      ["Nomenclature.xml", "sts_emp_0789990K_2025.xml", "gradebook"].map { year.appendingPathComponent($0).path }
        + [copy.path], diagnostics: DiagnosticCollector())
    let data = try raccord.database.schoolYearData(uai: "0789990K", year: 2025)
    #expect(data.structureMEFs["6 THEATRE"] == ["10010012110", "10010027110"])
    #expect(data.groupMEFsFromPupils == ["6 THEATRE"])
    let theatre = try #require(try raccord.suggestions().subjects.first { $0.divisions.contains("6 THEATRE") })
    #expect(theatre.divisions == ["6 THEATRE", "6A", "6B"])  // one context: the same MEFs
    #expect(theatre.reasons.joined().contains("d'après les classes des élèves de 6 THEATRE"))
    #expect(!theatre.reasons.joined().contains("inconnu"))
  }
}
