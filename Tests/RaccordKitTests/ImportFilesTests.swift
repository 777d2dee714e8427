import Foundation
import Importers
import RaccordCore
import RaccordTestSupport
import Store
import Testing
import ZIPFoundation

@testable import RaccordKit

/// A snapshot of what the store holds, to prove that a failed import changed nothing.
struct StoreFingerprint: Equatable {
  var files: [[String: String?]]
  var counts: [Int]

  init(_ raccord: Raccord) throws {
    files = try raccord.database.rows("SELECT id, kind, sha256, replaced_at FROM source_file ORDER BY id")
    counts = try AppDatabaseTables.all.map { table in
      Int(try raccord.database.rows("SELECT count(*) AS n FROM \(table)").first?["n"]??.description ?? "0") ?? -1
    }
  }
}

enum AppDatabaseTables {
  static let all = [
    "school", "source_file", "mef", "matiere", "programme", "option_obligatoire", "modalite", "individu",
    "individu_discipline", "structure", "structure_mef", "service", "service_teacher", "eleve", "eleve_option",
    "eleve_structure", "national_matiere", "national_mef",
  ]
}

@Suite final class ImportFilesTests {
  let folder: URL

  init() throws { folder = try Fixtures.temporaryFolder() }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func importsTheRealNomenclatureAndIgnoresTheSameBytesAgain() throws {
    let raccord = try Fixtures.raccord()
    let first = try raccord.importFiles([Fixtures.realNomenclature2019.path], diagnostics: DiagnosticCollector())
    #expect(first.nationalLayerLoaded)
    guard case .imported(let counts, nil) = try #require(first.files.first).outcome else {
      Issue.record("not imported")
      return
    }
    #expect(counts["mef"] == 29)
    #expect(try raccord.database.count("mef", uai: "0750680G", year: 2019) == 29)
    #expect(try raccord.database.count("matiere", uai: "0750680G", year: 2019) == 108)
    #expect(try raccord.database.count("programme", uai: "0750680G", year: 2019) == 590)
    #expect(try raccord.database.count("option_obligatoire", uai: "0750680G", year: 2019) == 284)

    let before = try StoreFingerprint(raccord)
    for path in [Fixtures.realNomenclature2019.path, Fixtures.realNomenclature2019Zip.path] {
      let again = try raccord.importFiles([path], diagnostics: DiagnosticCollector())
      guard case .unchanged = try #require(again.files.first).outcome else {
        Issue.record("\(path) imported twice")
        return
      }
      #expect(again.text().contains("Déjà importé, rien à faire"))
    }
    #expect(try StoreFingerprint(raccord) == before)
  }

  @Test func aNewerExportReplacesTheOlderInOneGo() throws {
    let raccord = try Fixtures.raccord()
    let old = try nomenclature(stamp: "01/09/2025 08:00:00", mefs: ["10010012110", "10110001110"])
    let new = try nomenclature(stamp: "15/09/2025 08:00:00", mefs: ["10010012110"])
    _ = try raccord.importFiles([old.path], diagnostics: DiagnosticCollector())
    #expect(try raccord.database.count("mef", uai: "0789990K", year: 2025) == 2)
    let report = try raccord.importFiles([new.path], diagnostics: DiagnosticCollector())
    guard case .imported(_, let replaced) = try #require(report.files.first).outcome else {
      Issue.record("not imported")
      return
    }
    #expect(replaced?.exportedAt == "2025-09-01T08:00:00")
    #expect(try raccord.database.count("mef", uai: "0789990K", year: 2025) == 1)
    let status = try raccord.status(databasePath: ":memory:")
    #expect(status.schools.first?.files.count == 1)
    #expect(status.schools.first?.replacedFiles == 1)
  }

  @Test func anOlderExportIsRefusedUnlessForced() throws {
    let raccord = try Fixtures.raccord()
    let new = try nomenclature(stamp: "15/09/2025 08:00:00", mefs: ["10010012110"], name: "new.xml")
    let old = try nomenclature(stamp: "01/09/2025 08:00:00", mefs: ["10010012110", "10110001110"], name: "old.xml")
    _ = try raccord.importFiles([new.path], diagnostics: DiagnosticCollector())
    let before = try StoreFingerprint(raccord)
    #expect(throws: StoreError.self) { try raccord.importFiles([old.path], diagnostics: DiagnosticCollector()) }
    #expect(try StoreFingerprint(raccord) == before)
    _ = try raccord.importFiles([old.path], options: ImportOptions(force: true), diagnostics: DiagnosticCollector())
    #expect(try raccord.database.count("mef", uai: "0789990K", year: 2025) == 2)
  }

  @Test func aSecondSchoolMixedInImportsNothing() throws {
    let raccord = try Fixtures.raccord()
    let ours = try nomenclature(stamp: "01/09/2025 08:00:00", mefs: ["10010012110"], name: "a.xml")
    let theirs = try nomenclature(
      stamp: "01/09/2025 08:00:00", mefs: ["10010012110"], uai: "0750680G", name: "b.xml")
    let before = try StoreFingerprint(raccord)
    let error = try #require(throws: RaccordError.self) {
      try raccord.importFiles([ours.path, theirs.path], diagnostics: DiagnosticCollector())
    }
    #expect(error == .mixedSchools(file: theirs.path, uai: "0750680G", firstFile: ours.path, firstUAI: "0789990K"))
    #expect(error.errorDescription?.contains("Rien n'a été importé") == true)
    #expect(try StoreFingerprint(raccord) == before)
  }

  @Test func filesOfTwoYearsAreReported() throws {
    let raccord = try Fixtures.raccord()
    let a = try nomenclature(stamp: "01/09/2024 08:00:00", mefs: ["10010012110"], year: "2024", name: "a.xml")
    let b = try nomenclature(stamp: "01/09/2025 08:00:00", mefs: ["10010012110"], name: "b.xml")
    let diagnostics = DiagnosticCollector()
    _ = try raccord.importFiles([a.path, b.path], diagnostics: diagnostics)
    #expect(diagnostics.diagnostics.map(\.id) == ["mixed-years"])
    #expect(try raccord.status(databasePath: "").schools.map(\.year) == [SchoolYear(2024), SchoolYear(2025)])
  }

  /// Each bad input: a French error naming the file and an unchanged store.
  @Test(arguments: BadInput.allCases)
  func badInputChangesNothing(_ bad: BadInput) throws {
    let raccord = try Fixtures.raccord()
    let good = try nomenclature(stamp: "01/09/2025 08:00:00", mefs: ["10010012110"], name: "bon.xml")
    _ = try raccord.importFiles([good.path], diagnostics: DiagnosticCollector())
    let before = try StoreFingerprint(raccord)
    let url = try bad.write(in: folder)
    // The good file comes first in the same command: it must be rolled back too.
    let other = try nomenclature(stamp: "02/09/2025 08:00:00", mefs: ["10110001110"], name: "autre.xml")
    let error = try #require(throws: (any Error).self) {
      try raccord.importFiles([other.path, url.path], diagnostics: DiagnosticCollector())
    }
    let message = try #require((error as? any LocalizedError)?.errorDescription)
    #expect(message.contains(url.lastPathComponent), "\(message)")
    #expect(try StoreFingerprint(raccord) == before)
  }

  func nomenclature(
    stamp: String, mefs: [String], uai: String = "0789990K", year: String = "2025", name: String = "Nomenclature.xml"
  ) throws -> URL {
    let mefXML = mefs.map { #"<MEF CODE_MEF="\#($0)"><FORMATION>X</FORMATION></MEF>"# }.joined()
    let sub = folder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    return try Fixtures.write(
      """
      <?xml version="1.0" encoding="ISO-8859-15"?>
      <BEE_NOMENCLATURES VERSION="3.1">
        <PARAMETRES><UAJ>\(uai)</UAJ><ANNEE_SCOLAIRE>\(year)</ANNEE_SCOLAIRE><HORODATAGE>\(stamp)</HORODATAGE></PARAMETRES>
        <DONNEES><MEFS>\(mefXML)</MEFS></DONNEES>
      </BEE_NOMENCLATURES>
      """, named: name, in: sub)
  }
}

/// The bad inputs the foundation issue lists.
enum BadInput: String, CaseIterable, CustomTestStringConvertible {
  case notXML, empty, truncated, undeclaredEncoding, unsupportedEncoding, wrongRoot, timetableFile, zipWithoutXML
  case externalEntity, billionLaughs, duplicateMEF, duplicateMatiere, secondSchool

  var testDescription: String { rawValue }

  func write(in folder: URL) throws -> URL {
    let header = #"<?xml version="1.0" encoding="ISO-8859-15"?>"#
    let parameters = "<PARAMETRES><UAJ>0789990K</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE></PARAMETRES>"
    switch self {
    case .notXML:
      return try Fixtures.write("%PDF-1.4\nceci n'est pas du XML", named: "bulletin.pdf", in: folder)
    case .empty:
      return try Fixtures.write("", named: "Nomenclature-vide.xml", in: folder)
    case .truncated:
      return try Fixtures.write(
        "\(header)\n<BEE_NOMENCLATURES>\n\(parameters)\n<DONNEES>\n<MEFS>\n<MEF CODE_MEF=\"10010012110\">\n<FORMA",
        named: "Nomenclature-tronquee.xml", in: folder)
    case .undeclaredEncoding:
      return try Fixtures.write(
        "<BEE_NOMENCLATURES>\(parameters)<DONNEES><MATIERES><MATIERE CODE_MATIERE=\"020700\"><LIBELLE_EDITION>Français</LIBELLE_EDITION></MATIERE></MATIERES></DONNEES></BEE_NOMENCLATURES>",
        named: "Nomenclature-latin1.xml", in: folder, encoding: .isoLatin1)
    case .unsupportedEncoding:
      return try Fixtures.write(
        "<?xml version=\"1.0\" encoding=\"x-macthai\"?>\n<BEE_NOMENCLATURES>\(parameters)</BEE_NOMENCLATURES>",
        named: "Nomenclature-thai.xml", in: folder)
    case .wrongRoot:
      return try Fixtures.write(
        "\(header)\n<BEE_RESPONSABLES VERSION=\"2.1\">\(parameters)</BEE_RESPONSABLES>",
        named: "ResponsablesSansAdresses.xml", in: folder)
    case .timetableFile:
      return try Fixtures.write(
        "\(header)\n<EDT_STS>\(parameters)</EDT_STS>", named: "export_edt.xml", in: folder)
    case .zipWithoutXML:
      let text = try Fixtures.write("rien", named: "note.txt", in: folder)
      let zip = folder.appendingPathComponent("ExportXML_Nomenclature.zip")
      try FileManager.default.zipItem(at: text, to: zip)
      return zip
    case .externalEntity:
      return try Fixtures.write(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE BEE_NOMENCLATURES [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<BEE_NOMENCLATURES>\(parameters)<DONNEES>&x;</DONNEES></BEE_NOMENCLATURES>",
        named: "Nomenclature-xxe.xml", in: folder)
    case .billionLaughs:
      var entities = "<!ENTITY a0 \"ha\">"
      for level in 1...9 {
        entities += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">"
      }
      return try Fixtures.write(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE BEE_NOMENCLATURES [\(entities)]>\n<BEE_NOMENCLATURES>\(parameters)<DONNEES>&a9;</DONNEES></BEE_NOMENCLATURES>",
        named: "Nomenclature-bombe.xml", in: folder)
    case .duplicateMEF:
      return try Fixtures.write(
        "\(header)\n<BEE_NOMENCLATURES>\(parameters)<DONNEES><MEFS><MEF CODE_MEF=\"10010012110\"/>\n<MEF CODE_MEF=\"10010012110\"/></MEFS></DONNEES></BEE_NOMENCLATURES>",
        named: "Nomenclature-doublon-mef.xml", in: folder)
    case .duplicateMatiere:
      return try Fixtures.write(
        "\(header)\n<BEE_NOMENCLATURES>\(parameters)<DONNEES><MATIERES><MATIERE CODE_MATIERE=\"020700\"/>\n<MATIERE CODE_MATIERE=\"020700\"/></MATIERES></DONNEES></BEE_NOMENCLATURES>",
        named: "Nomenclature-doublon-matiere.xml", in: folder)
    case .secondSchool:
      return try Fixtures.write(
        "\(header)\n<BEE_NOMENCLATURES><PARAMETRES><UAJ>0750680G</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE></PARAMETRES></BEE_NOMENCLATURES>",
        named: "Nomenclature-autre-college.xml", in: folder)
    }
  }
}
