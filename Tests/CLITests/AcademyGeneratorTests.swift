import Foundation
import RaccordBench
import RaccordCore
import RaccordKit
import RaccordTestSupport
import Store
import Testing

/// The académie generator of `raccord bench --sections academie`: its schools go through the batch
/// import under the UAI written inside their files, and each planted anomaly is found by its check.
@Suite final class AcademyGeneratorTests {
  let folder: URL

  init() throws {
    folder = try Fixtures.temporaryFolder()
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func threeSchoolsImportWithTheirUAIsAndTheirPlantedAnomalies() throws {
    // A collège with every anomaly, a lycée with none, a small collège with two.
    var schools = AcademyExports.plan(count: 40)
    let college = try #require(schools.first { $0.kind == .college })
    let lycee = try #require(schools.first { $0.kind == .lycee })
    let small = try #require(schools.first { $0.kind == .small })
    schools = [college, lycee, small]
    schools[0].anomalies = Set(AcademyExports.Anomaly.allCases)
    schools[1].anomalies = []
    schools[2].anomalies = [.offProgrammeService, .councilDateMissing]
    let academy = folder.appendingPathComponent("academie")
    try AcademyExports.write(schools, to: academy)
    // Written twice from the same seed: the same bytes.
    let again = folder.appendingPathComponent("encore")
    try AcademyExports.write(schools, to: again)
    for school in schools {
      for name in ["Nomenclature.xml", "ElevesSansAdresses.xml", "lsu-bilans-2025-T1.xml"] {
        let first = try Data(contentsOf: academy.appendingPathComponent("\(school.folder)/\(name)"))
        #expect(first == (try Data(contentsOf: again.appendingPathComponent("\(school.folder)/\(name)"))), "\(name)")
      }
    }

    let raccord = Raccord(
      database: try AppDatabase(path: folder.appendingPathComponent("academie.sqlite").path),
      dataDirectory: Fixtures.repositoryRoot)
    let report = try raccord.importBatch(academy)
    #expect(report.failedCount == 0, "\(report.table())")
    // In folder order, and the folder names start with a rank.
    #expect(report.schools.map(\.uai) == schools.sorted { $0.folder < $1.folder }.map(\.uai))
    #expect(report.schools.allSatisfy { $0.imported == 4 && $0.year == 2025 }, "\(report.table())")
    for (result, school) in zip(report.schools, schools.sorted { $0.folder < $1.folder }) {
      #expect(try UAI(validating: school.uai).code == result.uai)
      // STS Web's SIGLE, DENOM_PRINC and DENOM_COMPL: « CLG COLLEGE JEAN MOULIN DE MONTVAL ».
      #expect(
        result.schoolName == (school.kind == .lycee ? "LYC " : "CLG ") + school.name, "\(result.schoolName ?? "")")
    }
    #expect(Set(try raccord.overview().map(\.uai)) == Set(schools.map(\.uai)))
    let pupils = try raccord.database.schoolYearData(uai: schools[1].uai, year: 2025).pupils.count
    #expect(pupils == schools[1].pupils)

    for school in schools {
      let findings = try raccord.runChecks(uai: school.uai, year: 2025).findings
      let rules = Set(findings.map(\.rule))
      for anomaly in AcademyExports.Anomaly.allCases {
        if school.anomalies.contains(anomaly) {
          #expect(rules.contains(anomaly.rule), "\(school.uai) \(school.kind): \(anomaly) not found in \(rules)")
        } else {
          #expect(!rules.contains(anomaly.rule), "\(school.uai) \(school.kind): \(anomaly.rule) without planting")
        }
      }
    }
    // The planted gradebook anomalies leave items to review: a renamed subject, a local teacher.
    let keys = try raccord.suggestions(uai: schools[0].uai, year: 2025).reviewItems().map(\.key)
    #expect(
      keys.contains {
        [
          "FRANÇAIS", "MATHS", "HIST GEO", "ANGLAIS", "S V T", "PHYSIQUE CHIMIE", "TECHNO",
          "ARTS PLA", "MUSIQUE", "E.P.S.",
        ].contains($0)
      }, "\(keys)")
  }
}
