import Foundation
import RaccordTestSupport
import Testing

/// End-to-end: the built `raccord` program on real and bad files.
@Suite struct CLITests {
  let folder: URL
  let database: URL

  init() throws {
    folder = try Fixtures.temporaryFolder()
    database = folder.appendingPathComponent("raccord.sqlite")
  }

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
    #expect(readme.contains("swift run raccord import Nomenclatures/exemple && swift run raccord status"))
    let folder = try Fixtures.temporaryFolder()
    let database = folder.appendingPathComponent("raccord.sqlite")
    let imported = try CommandRunner.run(["import", "Nomenclatures/exemple"], database: database)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout.contains("Importé : Nomenclatures/exemple/2025/sts_emp_0789990K_2025.xml"))
    let status = try CommandRunner.run(["status"], database: database)
    #expect(status.stdout.contains("Établissement 0789990K — CLG COLLEGE JEANNE-BARRET, année scolaire 2025-2026"))
    #expect(status.stdout.contains("48 élèves"))
    let diff = try CommandRunner.run(["diff", "--from", "2024", "--to", "2025"], database: database)
    #expect(diff.status == 0)
    #expect(diff.stdout.contains("+ 043700 Histoire-géographie"))
  }
}
