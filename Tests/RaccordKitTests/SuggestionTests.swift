import Exports
import Foundation
import Importers
import Matching
import RaccordCore
import RaccordTestSupport
import Store
import Testing

@testable import RaccordKit

/// Suggestions on the example school's gradebook files.
@Suite struct SuggestionTests {
  let raccord: Raccord
  let report: SuggestionReport

  init() throws {
    raccord = try Fixtures.raccordWithExampleSchool()
    report = try raccord.suggestions()
  }

  func subject(_ label: String, in division: String) throws -> SubjectItem {
    try #require(report.subjects.first { $0.label == label && $0.divisions.contains(division) })
  }

  func teacher(_ name: String) throws -> TeacherItem {
    try #require(report.teachers.first { $0.name.hasPrefix(name) })
  }

  @Test func worksOnTheLatestYearWithAGradebook() {
    #expect(report.year == SchoolYear(2025))
    #expect(report.uai == "0789990K")
    #expect(report.subjects.count > 20)
    #expect(report.teachers.count == 20)
  }

  @Test func latinUnderItsClosedCodeGoesToLCALatin() throws {
    let latin = try subject("LATIN", in: "3A")
    #expect(latin.code == "020100")
    #expect(latin.chosenCode == "020300")
    #expect(latin.chosenModalite == "F")
    #expect(latin.status == .proposed)
    #expect(latin.reasons.contains { $0.contains("020100 fermé le 31/08/2016, remplacé par 020300") })
    #expect(latin.fixIn.contains(.gradebook))
  }

  @Test func thirdGradeHistoryGoesToHGAndAsksForEMC() throws {
    let history = try subject("Histoire-Géographie", in: "3B")
    #expect(history.code == "042100")
    #expect(history.chosenCode == "043700")
    #expect(history.status == .proposed)
    #expect(history.reasons.contains { $0.contains("l'EMC (043800) est une matière distincte") })
    #expect(history.fixIn.contains(.sts))
    let sixth = try subject("HISTOIRE-GEOGRAPHIE-EMC", in: "6A")
    #expect(sixth.chosenCode == "042100")
  }

  @Test func modaliteComesFromTheProgramme() throws {
    let spanish = try subject("ESPAGNOL LV2", in: "4A")
    #expect(spanish.modalite == "S")
    #expect(spanish.chosenModalite == "O")
    #expect(
      spanish.reasons.contains { $0.contains("modalité O d'après le programme (le logiciel de notes indique S)") })
  }

  @Test func anUnknownCodeIsNotProposed() throws {
    let theatre = try subject("ATELIER THEATRE", in: "6A")
    #expect(theatre.status == .toCheck)
    #expect(theatre.suggestion.best?.inProgramme == false)
  }

  @Test func nothingOutsideTheProgrammeIsProposed() {
    for item in report.subjects where item.status == .proposed {
      #expect(item.suggestion.best?.inProgramme == true, "\(item.label) en \(item.divisions)")
    }
  }

  @Test func theReplacementTeacherIsToldToBeDeclaredAsCoTeacher() throws {
    let replacement = try teacher("NGUYEN-ROCHE")
    #expect(replacement.chosen?.id == "13086")
    #expect(replacement.chosen?.list == "suppleant")
    let advice = replacement.replacements.map { "\($0.structure) \($0.matiere) \($0.titulars.map(\.id))" }
    #expect(advice == ["4B 062900 [\"7415\"]", "5B 062900 [\"7415\"]"])
    let text = try #require(replacement.replacements.first?.text)
    #expect(text.contains("déclarer en co-enseignement avec Mme MARCIREAU Élodie (id STS 7415"))
    #expect(replacement.fixIn.contains(.sts))
  }

  @Test func aTeacherUnknownToSTSIsReported() throws {
    let unknown = try teacher("MAZERAND")
    #expect(unknown.chosen == nil)
    #expect(unknown.status == .toCheck)
    #expect(unknown.reasons.first?.contains("type « autre »") == true)
    #expect(unknown.fixIn == [.sts])
  }

  @Test func aMaidenNameIsMatched() throws {
    let teacher = try teacher("KERBRAT")
    #expect(teacher.chosen?.id == "8456")
    #expect(teacher.chosen?.nomUsage == "DUVERNOY")
    #expect(teacher.reasons.contains { $0.contains("même nom de naissance (KERBRAT)") })
  }

  @Test func theMappingExportMatchesItsGoldenFiles() throws {
    let rows = report.mappingRows()
    let csv = try MappingExport.render(rows, format: .csv)
    #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
    let text = String(decoding: csv, as: UTF8.self)
    #expect(text.contains("\r\n"))
    #expect(text.hasPrefix("\u{FEFF}UAI;Année scolaire;Type;Libellé logiciel de notes;"))
    try assertSnapshot(csv, named: "mappings-exemple.csv", in: "RaccordKitTests")
    try assertSnapshot(
      try MappingExport.render(rows, format: .json), named: "mappings-exemple.json", in: "RaccordKitTests")
  }
}

/// Review decisions: kept apart from imports, and carried over.
@Suite final class ReviewDecisionTests {
  let folder: URL
  let raccord: Raccord

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = try Fixtures.raccord()
    _ = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func latinKey() throws -> String {
    try #require(try raccord.suggestions().subjects.first { $0.label == "LATIN" && $0.divisions.contains("3A") }).key
  }

  @Test func aCodeUnknownToTheNomenclatureIsRefused() throws {
    let key = try latinKey()
    let error = try #require(throws: RaccordError.self) { try raccord.decide(key: key, code: "999999") }
    #expect(error.errorDescription?.contains("n'est pas dans la nomenclature 2025-2026") == true)
    #expect(try raccord.database.decisions(uai: "0789990K").isEmpty)
  }

  @Test func decisionsSurviveReimportingEveryFile() throws {
    let key = try latinKey()
    _ = try raccord.decide(key: key, code: "020300", note: "LCA latin", author: "secrétariat")
    let proposedGroups = try raccord.suggestions().reviewItems().flatMap(\.groups).filter {
      $0.status == .proposed && $0.confidence >= 0.9
    }
    let accepted = try raccord.acceptProposed(minimumConfidence: 0.9, author: "secrétariat")
    #expect(accepted == proposedGroups.count)
    #expect(accepted > 30)
    let before = try raccord.suggestions()

    // New bytes for every file: each import replaces the previous export.
    let copy = folder.appendingPathComponent("exemple")
    try FileManager.default.copyItem(at: Fixtures.exampleSchool, to: copy)
    for file in FileManager.default.enumerator(atPath: copy.path)!.compactMap({ $0 as? String })
    where file.hasSuffix(".xml") || file.hasSuffix(".csv") {
      let url = copy.appendingPathComponent(file)
      var data = try Data(contentsOf: url)
      data.append(contentsOf: file.hasSuffix(".xml") ? Array("<!-- réexport -->\n".utf8) : [0x0D, 0x0A])
      try data.write(to: url)
    }
    let report = try raccord.importFiles(
      [copy.path], options: ImportOptions(force: true), diagnostics: DiagnosticCollector())
    #expect(
      report.files.allSatisfy { if case .imported(_, let replaced) = $0.outcome { replaced != nil } else { false } })

    let after = try raccord.suggestions()
    let latin = try #require(after.subjects.first { $0.key == key })
    #expect(latin.status == .accepted)
    #expect(latin.chosenCode == "020300")
    #expect(latin.reasons.first?.contains("par secrétariat : LCA latin") == true)
    #expect(after.subjects.map(\.status) == before.subjects.map(\.status))
    #expect(try raccord.database.decisions(uai: "0789990K").count == accepted + 1)
  }

  @Test func decisionsCarryIntoTheNextYear() throws {
    let key = try latinKey()
    _ = try raccord.decide(key: key, code: "020300", author: "secrétariat")
    // The same school a year later: the 2025 exports with their year moved to 2026.
    let next = folder.appendingPathComponent("2026")
    try FileManager.default.createDirectory(at: next, withIntermediateDirectories: true)
    let source = Fixtures.exampleSchool.appendingPathComponent("2025")
    let replacements = [
      ("<ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>", "<ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>"),
      ("ANNEE=\"2025\"", "ANNEE=\"2026\""), ("millesime=\"2025\"", "millesime=\"2026\""),
    ]
    for name in [
      "Nomenclature.xml", "sts_emp_0789990K_2025.xml", "ElevesSansAdresses.xml", "gradebook/lsu-bilans-2025-T1.xml",
    ] {
      var text = String(decoding: try Data(contentsOf: source.appendingPathComponent(name)), as: UTF8.self)
      let latin1 = !text.contains("UTF-8")
      if latin1 {
        text = String(data: try Data(contentsOf: source.appendingPathComponent(name)), encoding: .isoLatin1)!
      }
      for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
      let target = next.appendingPathComponent((name as NSString).lastPathComponent)
      try (latin1 ? text.data(using: .isoLatin1)! : Data(text.utf8)).write(to: target)
    }
    _ = try raccord.importFiles([next.path], diagnostics: DiagnosticCollector())
    let report = try raccord.suggestions()
    #expect(report.year == SchoolYear(2026))
    let latin = try #require(report.subjects.first { $0.key == key })
    #expect(latin.status == .accepted)
    #expect(latin.reasons.first?.hasPrefix("décidé l'an dernier (2025-2026)") == true)
    let untouched = try #require(report.subjects.first { $0.label == "ESPAGNOL LV2" && $0.divisions.contains("4A") })
    #expect(untouched.status == .proposed)
  }

  @Test func aRejectionIsKept() throws {
    let key = try latinKey()
    _ = try raccord.decide(key: key, code: nil, reject: true, note: "matière supprimée")
    #expect(try raccord.suggestions().subjects.first { $0.key == key }?.status == .rejected)
  }
}

/// The services CSV: bad input.
@Suite final class ServicesCSVTests {
  let folder: URL
  let raccord: Raccord

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = try Fixtures.raccord()
    _ = try raccord.importFiles(
      [Fixtures.exampleSchool.appendingPathComponent("2025/Nomenclature.xml").path], diagnostics: DiagnosticCollector())
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func importCSV(_ bytes: Data, named name: String = "services.csv") throws {
    let url = folder.appendingPathComponent(name)
    try bytes.write(to: url)
    _ = try raccord.importFiles([url.path], diagnostics: DiagnosticCollector())
  }

  @Test func readsWindows1252WithSemicolons() throws {
    try importCSV("Classe;Matière;Nom;Prénom\r\n4A;Français;DUPRÉ;Léa\r\n".data(using: .windowsCP1252)!)
    let rows = try raccord.database.rows("SELECT structure, subject_label, teacher_nom, year FROM gb_service")
    #expect(rows.first?["subject_label"] == "Français")
    #expect(rows.first?["teacher_nom"] == "DUPRÉ")
    #expect(rows.first?["year"] == "2025")
  }

  @Test func refusesAnUnknownColumnAndChangesNothing() throws {
    let before = try StoreFingerprint(raccord)
    let error = try #require(throws: ImporterError.self) {
      try importCSV(Data("Classe,Matière,Nom,Salle\n4A,Maths,DUPONT,B12\n".utf8))
    }
    #expect(error.errorDescription?.contains("colonne « Salle » inconnue") == true)
    #expect(error.errorDescription?.contains("ligne 1") == true)
    #expect(try StoreFingerprint(raccord) == before)
  }

  @Test func refusesAMissingRequiredColumn() throws {
    let error = try #require(throws: ImporterError.self) { try importCSV(Data("Classe;Nom\n4A;DUPONT\n".utf8)) }
    #expect(error.errorDescription?.contains("la colonne obligatoire « Matière » manque") == true)
  }

  @Test func refusesAnUnreadableEncoding() throws {
    let before = try StoreFingerprint(raccord)
    let utf16 = "Classe;Matière;Nom\n4A;Maths;DUPONT\n".data(using: .utf16)!
    let error = try #require(throws: ImporterError.self) { try importCSV(utf16, named: "services-utf16.csv") }
    #expect(error.errorDescription?.contains("services-utf16.csv") == true)
    #expect(error.errorDescription?.contains("encodage illisible") == true)
    #expect(try StoreFingerprint(raccord) == before)
  }

  @Test func aGradebookWithoutItsNomenclatureIsRefusedAtImport() throws {
    let other = try Fixtures.raccord()
    let error = try #require(throws: RaccordError.self) {
      try other.importFiles(
        [Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/lsu-bilans-2025-T1.xml").path],
        diagnostics: DiagnosticCollector())
    }
    let message = try #require(error.errorDescription)
    #expect(message.contains("lsu-bilans-2025-T1.xml"))
    #expect(message.contains("0789990K"))
    #expect(message.contains("SIECLE > Exportations > En XML"))
    #expect(try other.database.appliedMigrations().isEmpty == false)
    #expect(throws: RaccordError.self) { try other.suggestions() }
  }

  @Test func anLSUFileThatIsNotWellFormedChangesNothing() throws {
    let before = try StoreFingerprint(raccord)
    let data = try Data(
      contentsOf: Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/lsu-bilans-2025-T1.xml"))
    let url = folder.appendingPathComponent("lsu-tronque.xml")
    try data.prefix(20_000).write(to: url)
    let error = try #require(throws: ImporterError.self) {
      try raccord.importFiles([url.path], diagnostics: DiagnosticCollector())
    }
    #expect(error.errorDescription?.contains("lsu-tronque.xml") == true)
    #expect(error.errorDescription?.contains("ligne") == true)
    #expect(try StoreFingerprint(raccord) == before)
  }

  @Test func refusesARowWithoutSubjectWithItsLine() throws {
    let error = try #require(throws: ImporterError.self) {
      try importCSV(Data("Classe;Matière;Nom\n4A;Maths;DUPONT\n4B;;MARTIN\n".utf8))
    }
    #expect(error.errorDescription?.contains("ligne 3") == true)
  }
}
