import Foundation
import RaccordCore
import RaccordTestSupport
import Store
import Testing

@testable import RaccordKit

/// The bundled fictional collège imports completely, with the counts its README gives, on each engine.
@Suite struct ExampleSchoolTests {
  /// The example school imported into a new store on `engine`.
  struct Imported {
    let raccord: Raccord
    let report: ImportReport
    let diagnostics = DiagnosticCollector()

    init(_ engine: TestEngine) throws {
      raccord = Raccord(database: try engine.makeStore(), dataDirectory: Fixtures.repositoryRoot)
      report = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: diagnostics)
    }
  }

  @Test(arguments: TestEngine.all)
  func importsEveryFileOfBothYears(engine: TestEngine) throws {
    let imported = try Imported(engine)
    let raccord = imported.raccord
    #expect(imported.report.files.count == 8)
    #expect(imported.report.files.allSatisfy { if case .imported = $0.outcome { true } else { false } })
    #expect(imported.diagnostics.diagnostics.allSatisfy { $0.severity == .info })
    let status = try raccord.status(databasePath: "")
    #expect(status.schools.map(\.year) == [SchoolYear(2024), SchoolYear(2025)])
    #expect(status.schools.allSatisfy { $0.uai == "0789990K" })
    #expect(status.schools.first?.schoolName == "CLG COLLEGE JEANNE-BARRET")
    #expect(status.schools.map { $0.files.count } == [2, 6])
    #expect(status.national?.matieres ?? 0 > 3000)
  }

  static let readmeCounts = [
    ("mef", 2024, 6 + 5), ("matiere", 2024, 17 + 17), ("programme", 2024, 72 + 70), ("individu", 2024, 21),
    ("service", 2024, 85), ("structure", 2024, 17),
    ("mef", 2025, 7 + 5), ("matiere", 2025, 19 + 19), ("programme", 2025, 73 + 71),
    ("option_obligatoire", 2025, 16), ("individu", 2025, 23), ("structure", 2025, 18 + 18), ("service", 2025, 88),
    ("eleve", 2025, 48), ("eleve_option", 2025, 98), ("eleve_structure", 2025, 98),
  ]

  @Test(arguments: TestEngine.all)
  func countsMatchTheREADME(engine: TestEngine) throws {
    let raccord = try Imported(engine).raccord
    for (table, year, expected) in Self.readmeCounts {
      #expect(try raccord.database.count(table, uai: "0789990K", year: year) == expected, "\(table) \(year)")
    }
  }

  @Test(arguments: TestEngine.all)
  func keepsThePlantedPeopleAndServices(engine: TestEngine) throws {
    let imported = try Imported(engine)
    let raccord = imported.raccord
    let db = raccord.database
    let onLeave = try db.rows("SELECT fonction, nom_usage FROM individu WHERE year = 2025 AND sts_id = '7415'")
    #expect(onLeave.count == 1)
    #expect(onLeave.first?["fonction"] ?? "x" == nil)
    #expect(
      try db.rows("SELECT list FROM individu WHERE year = 2025 AND sts_id = '13086'").first?["list"] == "suppleant")
    let coTaught = try db.rows(
      """
      SELECT count(*) AS n FROM service s JOIN service_teacher t ON t.service_id = s.id
      WHERE s.year = 2025 AND s.structure_code = '6A' AND s.matiere_code = '073800'
      """)
    #expect(coTaught.first?["n"] == "2")
    let oe = try db.rows("SELECT nom FROM eleve WHERE eleve_id = '2731518'")
    #expect(oe.first?["nom"] == "CŒURDEROY")
    let teacher = try db.rows("SELECT nom_usage FROM individu WHERE year = 2025 AND sts_id = '12577'")
    #expect(teacher.first?["nom_usage"] == "LŒUILLET")
    let left = try db.rows("SELECT date_sortie FROM eleve WHERE eleve_id = '2732591'")
    #expect(left.first?["date_sortie"] == "2025-09-19")
    let divisionMEFs = try db.rows(
      """
      SELECT m.mef_code FROM structure s JOIN structure_mef m ON m.structure_id = s.id
      JOIN source_file f ON f.id = s.source_file_id
      WHERE s.year = 2025 AND s.code = '6A' AND f.kind = 'sts-emp' ORDER BY m.mef_code
      """)
    #expect(divisionMEFs.compactMap { $0["mef_code"] ?? nil } == ["10010012110", "10010027110"])
  }

  @Test(arguments: TestEngine.all)
  func importingTheWholeFolderAgainChangesNothing(engine: TestEngine) throws {
    let imported = try Imported(engine)
    let raccord = imported.raccord
    let again = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
    #expect(again.files.allSatisfy { if case .unchanged = $0.outcome { true } else { false } })
    #expect(!again.nationalLayerLoaded)
  }

  @Test(arguments: TestEngine.all)
  func diffShowsTheThirdGradeHistorySplit(engine: TestEngine) throws {
    let imported = try Imported(engine)
    let raccord = imported.raccord
    let diff = try raccord.diff(uai: nil, from: 2024, to: 2025)
    #expect(diff.openedMatieres.map(\.code) == ["043700", "043800"])
    #expect(diff.programmeRemoved == [ProgrammeKey(mef: "10310019110", matiere: "042100", modalite: "S")])
    #expect(diff.programmeAdded.map(\.matiere) == ["043700", "043800"])
    #expect(diff.relabelledMatieres.map(\.code) == ["081300"])
    #expect(diff.openedMEFs.map(\.code) == ["10310031110"])
    #expect(diff.hoursChanged.map(\.key.matiere) == ["070800"])
    let text = diff.text()
    #expect(text.contains("- 3ème (10310019110) : 042100"))
    #expect(text.contains("~ 081300 : « Education musicale » devient « Éducation musicale »"))
  }

  @Test(arguments: TestEngine.all)
  func nationalDiffShowsLatinClosing(engine: TestEngine) throws {
    let imported = try Imported(engine)
    let raccord = imported.raccord
    let diff = try raccord.nationalDiff(from: "2015-09-01", to: "2016-09-01")
    #expect(diff.closedMatieres.contains { $0.code == "020100" })
    #expect(diff.closedMatieres.contains { $0.code == "070100" })
    #expect(!diff.closedMatieres.contains { $0.code == "020300" })
  }

  @Test(arguments: TestEngine.all)
  func theNationalLayerDatesAClosedCode(engine: TestEngine) throws {
    let imported = try Imported(engine)
    let raccord = imported.raccord
    let latin = try #require(try raccord.database.nationalMatiere("020100"))
    #expect(latin.dateFermeture == "2016-08-31")
    #expect(try raccord.database.nationalMatiere("ZZZZZZ") == nil)
  }
}
