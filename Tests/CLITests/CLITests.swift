import Checks
import Foundation
import RaccordTestSupport
import Testing

/// End-to-end: the built `raccord` program on real and bad files.
@Suite final class CLITests {
  let folder: URL
  let database: URL

  init() throws {
    folder = try Fixtures.temporaryFolder()
    database = folder.appendingPathComponent("raccord.sqlite")
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func importsTheRealNomenclatureThenSaysNothingChanged() throws {
    let first = try CommandRunner.run(["import", Fixtures.realNomenclature2019.path], database: database)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("29 MEF, 108 matières, 590 lignes de programme, 284 options obligatoires"))
    #expect(first.stderr.isEmpty)
    let second = try CommandRunner.run(["import", Fixtures.realNomenclature2019Zip.path], database: database)
    #expect(second.status == 0)
    #expect(second.stdout.contains("Déjà importé, rien à faire"))
    let status = try CommandRunner.run(["status"], database: database)
    #expect(status.stdout.contains("Établissement 0750680G, année scolaire 2019-2020"))
    #expect(status.stdout.contains("exporté le 08/07/2019 17:46:24"))
  }

  @Test func aTruncatedFileExitsWithAFrenchErrorAndChangesNothing() throws {
    let good = try CommandRunner.run(["import", Fixtures.realNomenclature2019.path], database: database)
    #expect(good.status == 0)
    let before = try CommandRunner.run(["status"], database: database).stdout
    let data = try Data(contentsOf: Fixtures.realNomenclature2019)
    let truncated = folder.appendingPathComponent("Nomenclature.xml")
    try data.prefix(data.count / 2).write(to: truncated)
    let result = try CommandRunner.run(["import", truncated.path], database: database)
    #expect(result.status == 2)
    #expect(result.stderr.contains("erreur : Le fichier « \(truncated.path) » est incomplet (tronqué) ligne"))
    #expect(result.stdout.contains("Rien n'a été importé"))
    #expect(try CommandRunner.run(["status"], database: database).stdout == before)
  }

  @Test func runStopsWhenTheMappingTableCannotBeWritten() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A file stands where the output folder should be created.
    try Data("x".utf8).write(to: folder.appendingPathComponent("bloque"))
    let missing = folder.appendingPathComponent("bloque/sorties")
    let result = try CommandRunner.run(
      ["run", "Nomenclatures/exemple", "--output-dir", missing.path],
      database: folder.appendingPathComponent("r.sqlite"))
    #expect(result.status != 0)
    #expect(result.stderr.contains("Impossible d'écrire"))
    #expect(result.stderr.contains("correspondances-0789990K-2025.csv"))
  }

  @Test func theTimetableFileIsExplained() throws {
    let file = try Fixtures.write(
      "<?xml version=\"1.0\"?>\n<EDT_STS><PARAMETRES><UAJ>0789990K</UAJ></PARAMETRES></EDT_STS>",
      named: "sts_emp_0789990K_2025.xml", in: folder)
    let result = try CommandRunner.run(["import", file.path], database: database)
    #expect(result.status == 2)
    #expect(result.stderr.contains("Exports > Emploi du temps"))
  }

  @Test func statusOfAnEmptyStoreSaysWhatToDo() throws {
    let result = try CommandRunner.run(["status"], database: database)
    #expect(result.status == 0)
    #expect(result.stdout.contains("Aucun établissement : importez des fichiers avec « raccord import"))
  }

  @Test func aBadYearIsAUsageError() throws {
    let result = try CommandRunner.run(["diff", "--from", "2024", "--to", "vingt"], database: database)
    #expect(result.status != 0)
    #expect(result.stderr.contains("« vingt » n'est pas une année de rentrée"))
  }
}

/// The README's main command, as written there.
@Suite struct READMECommandTests {
  @Test func theMainCommandImportsTheExampleSchoolAndPrintsItsStatus() throws {
    let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("swift run raccord run Nomenclatures/exemple\n"))
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = folder.appendingPathComponent("raccord.sqlite")
    let imported = try CommandRunner.run(
      ["run", "Nomenclatures/exemple", "--output-dir", folder.path], database: database)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout.contains("Importé : Nomenclatures/exemple/2025/sts_emp_0789990K_2025.xml"))
    #expect(imported.stdout.contains("NGUYEN-ROCHE Camille : déclarer en co-enseignement avec Mme MARCIREAU Élodie"))
    #expect(imported.stdout.contains("MAZERAND Hugo : inconnu de STS Web"))
    let table = folder.appendingPathComponent("correspondances-0789990K-2025.csv")
    let csv = try String(contentsOf: table, encoding: .utf8)
    #expect(csv.contains("0789990K;2025-2026;matière;LATIN;020100;"))
    let again = try CommandRunner.run(
      ["run", "Nomenclatures/exemple", "--output-dir", folder.path], database: database)
    #expect(again.stdout.contains("Déjà importé, rien à faire"))
    let status = try CommandRunner.run(["status"], database: database)
    #expect(status.stdout.contains("Établissement 0789990K — CLG COLLEGE JEANNE-BARRET, année scolaire 2025-2026"))
    #expect(status.stdout.contains("48 élèves"))
    let diff = try CommandRunner.run(["diff", "--from", "2024", "--to", "2025"], database: database)
    #expect(diff.status == 0)
    #expect(diff.stdout.contains("+ 043700 Histoire-géographie"))
  }
}

/// Suggestions, review and export from the command line.
@Suite final class MappingCommandTests {
  let folder: URL
  let database: URL

  init() throws {
    folder = try Fixtures.temporaryFolder()
    database = folder.appendingPathComponent("raccord.sqlite")
    let imported = try CommandRunner.run(["import", "Nomenclatures/exemple"], database: database)
    guard imported.status == 0 else { throw SetupError.importFailed(imported.stderr) }
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func suggestPrintsReasonsAndKeys() throws {
    let table = try CommandRunner.run(["suggest"], database: database)
    #expect(table.status == 0)
    #expect(table.stdout.contains("• Matière « LATIN » [020100] en 3 LAT, 3A, 3B, 4 LAT"))
    #expect(table.stdout.contains("020100 fermé le 31/08/2016, remplacé par 020300"))
    let csv = try CommandRunner.run(["suggest", "--format", "csv"], database: database)
    #expect(csv.stdout.hasPrefix("\u{FEFF}UAI;"))
    #expect(csv.stdout.contains(";LATIN\r\n"))
  }

  @Test func reviewInteractivelyThenQuitAndResume() throws {
    let first = try CommandRunner.run(["review", "--author", "CPE"], database: database, input: "2\nr\nq\n")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("[1/"))
    #expect(first.stdout.contains("n'est pas dans la nomenclature 2025-2026"))
    #expect(first.stdout.contains("Relecture interrompue"))
    let second = try CommandRunner.run(["review"], database: database, input: "x\nq\n")
    #expect(second.stdout.contains("Réponse non comprise"))
    let before = first.stdout.components(separatedBy: "élément(s) à relire").first ?? ""
    let after = second.stdout.components(separatedBy: "élément(s) à relire").first ?? ""
    #expect(Int(before.filter(\.isNumber)) == Int(after.filter(\.isNumber))! + 1)
  }

  @Test func setRefusesAnUnknownCode() throws {
    let result = try CommandRunner.run(
      ["review", "set", "--key", "LATIN", "--code", "123456"], database: database)
    #expect(result.status == 2)
    #expect(result.stderr.contains("n'est pas dans la nomenclature 2025-2026"))
    let ok = try CommandRunner.run(
      ["review", "set", "--key", "LATIN", "--code", "020300", "--author", "secrétariat"],
      database: database)
    #expect(ok.status == 0, "\(ok.stderr)")
    let export = folder.appendingPathComponent("table.json")
    let written = try CommandRunner.run(
      ["export", "mappings", "--format", "json", "-o", export.path], database: database)
    #expect(written.status == 0)
    let json = try String(contentsOf: export, encoding: .utf8)
    #expect(json.contains("\"status\" : \"acceptée\""))
  }
}

/// `raccord check` and `raccord checks` from the command line.
@Suite final class CheckCommandTests {
  let folder: URL
  let database: URL

  init() throws {
    folder = try Fixtures.temporaryFolder()
    database = folder.appendingPathComponent("raccord.sqlite")
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func exitCodesFollowTheFindings() throws {
    let empty = try CommandRunner.run(["check"], database: database)
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("importez d'abord"))
    _ = try CommandRunner.run(["import", "Nomenclatures/exemple"], database: database)
    let blocking = try CommandRunner.run(["check", "--format", "json"], database: database)
    #expect(blocking.status == 1)
    let findings = try JSONSerialization.jsonObject(with: Data(blocking.stdout.utf8)) as? [[String: Any]]
    #expect(findings?.first?["rule"] != nil)
    #expect(findings?.first?["fix_in"] != nil)
    // With every finding accepted as baseline, nothing blocks any more.
    let baseline = folder.appendingPathComponent("baseline.json")
    try Data(blocking.stdout.utf8).write(to: baseline)
    let clean = try CommandRunner.run(["check", "--baseline", baseline.path], database: database)
    #expect(clean.status == 0, "\(clean.stdout)")
    #expect(clean.stdout.contains("déjà accepté(s), masqué(s)"))
    let html = folder.appendingPathComponent("rapport.html")
    let written = try CommandRunner.run(["check", "--format", "html", "-o", html.path], database: database)
    #expect(written.status == 1)
    #expect(try String(contentsOf: html, encoding: .utf8).contains("<html lang=\"fr\">"))
  }

  @Test func aFileThatIsNotLSUIsUnusable() throws {
    let file = try Fixtures.write("pas du XML", named: "lsu.xml", in: folder)
    let result = try CommandRunner.run(["check", file.path], database: database)
    #expect(result.status == 2)
    #expect(result.stderr.contains("[schema-invalid]"))
    #expect(result.stderr.contains("lsu.xml"))
  }

  @Test func theCatalogueIsListedAndExplained() throws {
    let list = try CommandRunner.run(["checks"], database: database)
    #expect(list.stdout.contains("service-off-programme"))
    // One line per check of the registry, each naming its id.
    #expect(list.stdout.split(separator: "\n").count == CheckRegistry.all.count)
    for check in CheckRegistry.all { #expect(list.stdout.contains(check.id)) }
    let one = try CommandRunner.run(["checks", "service-off-programme"], database: database)
    #expect(one.stdout.contains("Exemples :"))
    #expect(one.stdout.contains("0,00 h"))
  }
}

/// The HTML report in a real browser: headless Chromium (Debian package `chromium`) takes a
/// screenshot. Skipped where Chromium is not installed; README documents the same command.
@Suite struct HTMLReportScreenshotTests {
  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  @Test(.enabled(if: chromium != nil)) func theReportRendersInChromium() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = folder.appendingPathComponent("raccord.sqlite")
    _ = try CommandRunner.run(["import", "Nomenclatures/exemple"], database: database)
    let html = folder.appendingPathComponent("rapport.html")
    _ = try CommandRunner.run(["check", "--format", "html", "-o", html.path], database: database)
    let png = folder.appendingPathComponent("rapport.png")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.chromium!)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--screenshot=\(png.path)", "--window-size=1280,1600",
      html.absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let data = try Data(contentsOf: png)
    #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    #expect(data.count > 20_000)
  }
}

/// A test's setup that could not be done.
enum SetupError: Error {
  case importFailed(String)
}
