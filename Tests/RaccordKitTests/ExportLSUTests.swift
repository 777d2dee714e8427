import Checks
import Exports
import Foundation
import Matching
import RaccordCore
import RaccordTestSupport
import Store
import Testing

@testable import RaccordKit

/// `raccord export lsu`: the gradebook's own LSU file rewritten with the review's decisions.
@Suite final class ExportLSUTests {
  let folder: URL
  let raccord: Raccord
  static let example = Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/lsu-bilans-2025-T1.xml")

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = try Fixtures.raccordWithExampleSchool(storedIn: folder)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// A copy of the example's LSU file in the test folder, to edit or move without touching the original.
  func exampleCopy(named name: String = "lsu-copie.xml") throws -> URL {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.copyItem(at: Self.example, to: url)
    return url
  }

  static func attribute(_ name: String, in line: String) -> String? {
    guard let range = line.range(of: " \(name)=\"") else { return nil }
    return String(line[range.upperBound...].prefix { $0 != "\"" })
  }

  @Test func theExampleSchoolIsCorrectedWithoutNewErrors() throws {
    let before = try raccord.runChecks()
    try raccord.acceptProposed(minimumConfidence: 0.5, author: "secrétariat")
    let output = folder.appendingPathComponent("lsu-corrige.xml")
    let report = try raccord.exportLSU(output: output)
    let written = try String(contentsOf: output, encoding: .utf8)
    #expect(written.contains(#"<discipline id="DI_020100F" code="020300" modalite-election="F" libelle="LATIN"/>"#))
    #expect(written.contains(#"<discipline id="DI_HG3" code="043700""#))
    #expect(!written.contains(#"<discipline id="DI_EPS""#))  // merged into DI_100100S: same code and modalité
    #expect(report.result.merged == 2)  // and DI_HG3's 4A variant into DI_042100S
    #expect(report.notes.contains { $0.contains("043800") && $0.contains("3A, 3B") })
    #expect(report.undecided.contains { $0.contains("ATELIER THEATRE") })
    // Outside the rewritten elements, the bytes are those of the original.
    let original = try String(contentsOf: Self.example, encoding: .utf8)
    #expect(written.hasPrefix(String(original.prefix(2000))))
    #expect(written.hasSuffix(String(original.suffix(300))))
    #expect(written.components(separatedBy: "\n").count == original.components(separatedBy: "\n").count)

    // Round trip: in a store without any decision, the corrected file as the gradebook clears what
    // the decisions covered and adds nothing.
    let fresh = try Fixtures.raccord()
    _ = try fresh.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
    _ = try fresh.importFiles(
      [output.path], options: ImportOptions(force: true), diagnostics: DiagnosticCollector())
    let after = try fresh.runChecks()
    func keys(_ report: CheckReport) -> Set<String> {
      Set(report.findings.map { "\($0.rule)|\($0.division ?? "")|\($0.pupilId ?? "")|\($0.teacherSTSId ?? "")" })
    }
    // Only what the summary says to fix in STS Web may appear: the service still in the old code.
    let added = keys(after).subtracting(keys(before))
    #expect(added.allSatisfy { $0.hasPrefix("teacher-without-service|3B|") }, "\(added)")
    #expect(
      report.notes.contains {
        $0.contains("Dans STS Web, le service de « Histoire-Géographie » en 3B est encore déclaré en 042100")
      })
    #expect(!after.findings.contains { $0.rule == SubjectClosed.id && $0.subjectCode == "020100" })
    #expect(!after.findings.contains { $0.rule == DisciplineDuplicate.id })
    #expect(after.findings.count < before.findings.count)
    // The changes are listed beside the file, with the decision that caused each.
    let csv = try String(contentsOf: report.changesCSV, encoding: .utf8)
    #expect(csv.contains("discipline;DI_020100F;"))
    #expect(csv.contains(";020100 F;020300 F;LATIN;secrétariat;"))
    // Exporting again replaces the file in place.
    _ = try raccord.exportLSU(output: output)
    #expect(try String(contentsOf: output, encoding: .utf8) == written)
  }

  @Test func onRequestRecodedDisciplinesTakeTheNomenclatureLibelle() throws {
    try raccord.acceptProposed(minimumConfidence: 0.5, author: "secrétariat")
    let plain = folder.appendingPathComponent("lsu-fichier.xml")
    let relabelled = folder.appendingPathComponent("lsu-nomenclature.xml")
    _ = try raccord.exportLSU(output: plain)
    let report = try raccord.exportLSU(output: relabelled, labels: .nomenclature)
    let written = try String(contentsOf: relabelled, encoding: .utf8)
    func split(_ text: String) throws -> (before: Substring, block: Substring, after: Substring) {
      let start = try #require(text.range(of: "<disciplines>"))
      let end = try #require(text.range(of: "</disciplines>"))
      return (text[..<start.lowerBound], text[start.lowerBound..<end.upperBound], text[end.upperBound...])
    }
    let parts = try split(written)
    let plainParts = try split(try String(contentsOf: plain, encoding: .utf8))
    // Only libellés inside the disciplines change: every other byte is the plain export's.
    #expect(parts.before == plainParts.before)
    #expect(parts.after == plainParts.after)
    try assertSnapshot(Data(parts.block.utf8), named: "lsu-disciplines-libelles-exemple.xml", in: "RaccordKitTests")
    let changes = report.result.changes.filter { $0.element == "discipline (libellé)" }.map {
      [$0.id, $0.division, $0.before, $0.after, $0.cause?.key ?? "", $0.cause?.author ?? ""].joined(separator: ";")
    }
    try assertSnapshot(
      Data((changes.joined(separator: "\n") + "\n").utf8), named: "lsu-libelles-modifications-exemple.txt",
      in: "RaccordKitTests")
    #expect(report.result.relabelled == changes.count)
    #expect(report.text().contains("avec le libellé de la nomenclature"))
    // Round trip: the relabelled file is valid, and imported again it brings back nothing decided.
    #expect(try raccord.validateLSU(relabelled, version: .current).isEmpty)
    let decided = try raccord.suggestions()
    let decidedKeys = Set(decided.subjects.filter { $0.status == .accepted }.map(\.key))
    _ = try raccord.importFiles([relabelled.path], diagnostics: DiagnosticCollector())
    #expect(try !raccord.suggestions().subjects.contains { $0.status == .scopeChanged })
    let after = try raccord.runChecks()
    #expect(!after.findings.contains { $0.reviewKey.map(decidedKeys.contains) == true })
    #expect(
      !after.findings.contains {
        [SubjectClosed.id, SubjectOffProgramme.id].contains($0.rule) && $0.subjectCode != "999999"
      })
    let csv = try String(contentsOf: report.changesCSV, encoding: .utf8)
    #expect(csv.contains("discipline (libellé);DI_020100F;"))
  }

  @Test func theNomenclatureLibelleFitsLSUsFortyCharacters() {
    var data = SchoolYearData(uai: "0789990K", year: 2025)
    var long = MatiereRecord(code: "123456")
    long.libelleEdition = "Un libellé d'édition beaucoup trop long pour LSU, au-delà de quarante caractères"
    long.libelleLong = "  UN LIBELLE   LONG  "
    data.catalogue = [long]
    #expect(Raccord.nomenclatureLabel("123456", in: data) == "UN LIBELLE LONG")
    var national = NationalMatiere(code: "654321")
    national.libelleEdition = String(repeating: "é", count: 40)
    data.national = [national]
    #expect(Raccord.nomenclatureLabel("654321", in: data) == String(repeating: "é", count: 40))
    national.libelleEdition = String(repeating: "é", count: 41)
    data.national = [national]
    #expect(Raccord.nomenclatureLabel("654321", in: data) == nil)
    #expect(Raccord.nomenclatureLabel("000000", in: data) == nil)
  }

  /// The "done when" of the corrected file, as a user runs it: import, accept every proposal, export;
  /// the file passes the LSU 10.0 XSD, and in the same store (decisions kept) the corrected file
  /// imported again as the gradebook leaves no finding on any decided item.
  @Test func theCorrectedExampleIsValidAndItsRecheckIsCleanForEveryDecidedItem() throws {
    #expect(try raccord.validateLSU(Self.example, version: .current).isEmpty)
    try raccord.acceptProposed(minimumConfidence: 0.5, author: "secrétariat")
    let decided = try raccord.suggestions()
    let output = folder.appendingPathComponent("lsu-corrige.xml")
    let report = try raccord.exportLSU(output: output)
    #expect(try raccord.validateLSU(output, version: .current).isEmpty)
    #expect(report.result.recoded >= 3 && report.result.split == 1 && report.result.teachersCorrected == 1)

    _ = try raccord.importFiles([output.path], diagnostics: DiagnosticCollector())
    let again = try raccord.suggestions()
    // Merging duplicates widened two decided subjects to classes that had the same code already:
    // nothing comes back to review.
    #expect(
      !again.subjects.contains { $0.status == .scopeChanged },
      "\(again.subjects.filter { $0.status == .scopeChanged }.map(\.label))")
    let after = try raccord.runChecks()
    let decidedKeys = Set(decided.subjects.filter { $0.status == .accepted }.map(\.key))
      .union(decided.teachers.filter { $0.status == .accepted }.map(\.key))
    let left = after.findings.filter { $0.reviewKey.map(decidedKeys.contains) == true }
    #expect(left.isEmpty, "\(left.map(\.message))")
    for rule in [
      SubjectOffProgramme.id, SubjectClosed.id, DisciplineDuplicate.id, ModalityInvalid.id,
    ] {
      let found = after.findings.filter { $0.rule == rule && $0.subjectCode != "999999" }
      #expect(found.isEmpty, "\(found.map(\.message))")
    }
    #expect(!after.findings.contains { $0.rule == TeacherWithoutSTSId.id && $0.teacherSTSId == "99998" })
    #expect(!after.findings.contains { $0.rule == TeacherWithoutService.id && $0.teacherSTSId == "13086" })
    // 3e's history is now 043700 in the file: no pupil lacks it any more; EMC (043800) still lacks.
    #expect(!after.findings.contains { $0.rule == MandatorySubjectMissing.id && $0.subjectCode == "043700" })
    #expect(after.findings.contains { $0.rule == MandatorySubjectMissing.id && $0.subjectCode == "043800" })
  }

  /// The export reads the store without the acquis (uses once per discipline, teachers and
  /// division): the suggestions, hence the plan, are the same.
  @Test func theReadingWithoutAcquisGivesTheSameSuggestions() throws {
    let full = try raccord.database.schoolYearData(uai: "0789990K", year: 2025)
    let light = try raccord.database.schoolYearData(uai: "0789990K", year: 2025, acquis: false)
    #expect(light.bilans.isEmpty && !full.bilans.isEmpty)
    // Both readings keep one use per discipline, teachers and division.
    #expect(Set(light.uses) == Set(full.uses) && light.uses.count == full.uses.count)
    #expect(try raccord.suggestions(for: light).mappingRows() == raccord.suggestions(for: full).mappingRows())
  }

  @Test func aTargetThatCannotBeWrittenLeavesNothing() throws {
    // A folder stands where the file should go: the rename fails (root ignores permissions).
    let blocked = folder.appendingPathComponent("lsu-corrige.xml")
    try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
    let error = try #require(throws: RaccordError.self) { try self.raccord.exportLSU(output: blocked) }
    #expect(error.errorDescription?.contains("Impossible d'écrire") == true)
    #expect(error.errorDescription?.contains("Rien n'a été écrit") == true)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(!left.contains { $0.hasSuffix(".partiel") || $0.contains("modifications") }, "\(left)")
  }

  /// In the example, 4A's history is sent under the 3e discipline "Histoire-Géographie" (so one
  /// discipline needs 043700 in 3e and 042100 in 4e: plant G25), and KERBRAT carries a placeholder
  /// STS id with the type `autre`, as a teacher entered by hand before the STS import would (G26).
  @Test func aDisciplineNeedingTwoCodesIsSplitAndTeachersCorrected() throws {
    let kerbrat = try #require(try raccord.suggestions().teachers.first { $0.name.hasPrefix("KERBRAT") })
    #expect(kerbrat.chosen?.id == "8456")
    try raccord.acceptProposed(minimumConfidence: 0.5, author: "CPE")
    let output = folder.appendingPathComponent("corrige.xml")
    let report = try raccord.exportLSU(output: output)
    let written = try String(contentsOf: output, encoding: .utf8)
    #expect(report.result.split == 1)
    // 3e keeps the discipline, recoded 043700; 4A's variant (042100) is merged into DI_042100S.
    #expect(written.contains(#"<discipline id="DI_HG3" code="043700""#))
    #expect(!written.contains("DI_HG3_042100\""))
    var division: [String: String] = [:]
    var current = ""
    var refs: [String: Set<String>] = [:]
    for line in written.components(separatedBy: "\n") {
      if line.contains("<eleve "), let id = Self.attribute("id", in: line) {
        division[id] = Self.attribute("code-division", in: line)
      }
      if line.contains("<bilan-periodique "), let pupil = Self.attribute("eleve-ref", in: line) {
        current = division[pupil] ?? ""
      }
      if line.contains("<acquis "), let ref = Self.attribute("discipline-ref", in: line) {
        refs[current, default: []].insert(ref)
      }
    }
    #expect(refs["4A"]?.contains("DI_042100S") == true)
    #expect(refs["4A"]?.contains("DI_HG3") == false)
    #expect(refs["3A"]?.contains("DI_HG3") == true)
    // The placeholder id becomes the STS individual review confirmed.
    #expect(written.contains(#"<enseignant id="ENS_8456" type="epp" id-sts="8456""#))
    #expect(report.result.teachersCorrected >= 1)
  }

  @Test func aPlaceholderIdNamesTheSTSIndividualAndWhereToFixIt() throws {
    let findings = try raccord.runChecks().findings.filter { $0.rule == TeacherWithoutSTSId.id }
    let kerbrat = try #require(findings.first { $0.teacherName?.hasPrefix("KERBRAT") == true })
    #expect(kerbrat.message.contains("c'est Mme DUVERNOY Maëlle, id STS 8456"))
    #expect(kerbrat.message.contains("porte dans le logiciel de notes l'identifiant STS 99998"))
    #expect(kerbrat.message.contains("correspondance « KERBRAT MAELLE »"))
    #expect(!kerbrat.message.contains("créez-le dans STS Web"))
    #expect(kerbrat.fixIn == .gradebook)
    // MAZERAND, whom STS Web does not know, is still to be created there.
    let mazerand = try #require(findings.first { $0.teacherName?.hasPrefix("MAZERAND") == true })
    #expect(mazerand.message.contains("créez-le dans STS Web"))
  }

  @Test func aReplacementWithAPlaceholderIdGetsTheCoTeachingProposal() throws {
    // NGUYEN-ROCHE, the suppléante who teaches 4B's SVT (MARCIREAU's service), entered with a placeholder id.
    let text = try String(contentsOf: Self.example, encoding: .utf8).replacingOccurrences(
      of: #"<enseignant id="ENS_13086" type="epp" id-sts="13086""#,
      with: #"<enseignant id="ENS_13086" type="autre" id-sts="99997""#)
    let url = folder.appendingPathComponent("lsu-remplacante.xml")
    try Data(text.utf8).write(to: url)
    _ = try raccord.importFiles([url.path], diagnostics: DiagnosticCollector())
    let findings = try raccord.runChecks().findings
    let identifier = try #require(
      findings.first { $0.rule == TeacherWithoutSTSId.id && $0.teacherName?.hasPrefix("NGUYEN-ROCHE") == true })
    #expect(identifier.message.contains("id STS 13086"))
    let service = try #require(
      findings.first { $0.rule == TeacherWithoutService.id && $0.message.contains("NGUYEN-ROCHE") })
    #expect(service.message.contains("d'après la relecture"))
    #expect(service.message.contains("co-enseignement avec MARCIREAU"))
    #expect(service.division == "4B")
  }

  @Test func refusals() throws {
    // Nothing decided: the file is still written (unchanged but for merges), never over its input.
    let error = try #require(throws: RaccordError.self) { try self.raccord.exportLSU(output: Self.example) }
    #expect(error.errorDescription?.contains("ne peut pas remplacer le fichier importé") == true)
    // The kept copy gone and the original changed: import again.
    let copy = try #require(raccord.database.filesFolder)
    try FileManager.default.removeItem(at: copy)
    let moved = folder.appendingPathComponent("ailleurs.xml")
    let changed = try String(contentsOf: Self.example, encoding: .utf8).replacingOccurrences(
      of: "<appliVersion>2025.0.3</appliVersion>", with: "<appliVersion>2025.0.4</appliVersion>")
    try Data(changed.utf8).write(to: folder.appendingPathComponent("lsu-copie.xml"))
    _ = try raccord.importFiles(
      [folder.appendingPathComponent("lsu-copie.xml").path], diagnostics: DiagnosticCollector())
    try FileManager.default.removeItem(at: try #require(raccord.database.filesFolder))
    try FileManager.default.moveItem(at: folder.appendingPathComponent("lsu-copie.xml"), to: moved)
    let gone = try #require(throws: RaccordError.self) {
      try self.raccord.exportLSU(output: self.folder.appendingPathComponent("x.xml"))
    }
    #expect(gone.errorDescription?.contains("importez-le à nouveau") == true)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.xml").path))
  }

  @Test func anOlderSchemaIsRefused() throws {
    let text = try String(contentsOf: Self.example, encoding: .utf8).replacingOccurrences(
      of: "schemaVersion=\"10.0\"", with: "schemaVersion=\"7.0\"")
    let older = folder.appendingPathComponent("lsu-7.xml")
    try Data(text.utf8).write(to: older)
    _ = try raccord.importFiles([older.path], diagnostics: DiagnosticCollector())
    let error = try #require(throws: RaccordError.self) {
      try self.raccord.exportLSU(output: self.folder.appendingPathComponent("y.xml"))
    }
    #expect(error.errorDescription?.contains("« 7.0 »") == true)
  }
}
