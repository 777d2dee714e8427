import Checks
import Exports
import Foundation
import RaccordCore
import RaccordTestSupport
import Store
import Testing

@testable import RaccordKit

/// The bilans de fin de cycle: read into the store, checked, and absent files left as they were.
@Suite struct EndOfCycleTests {
  let raccord: Raccord
  let lsuFile = Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/lsu-bilans-2025-T1.xml")
  let cycleOnly = Fixtures.repositoryRoot.appendingPathComponent(
    "Tests/RaccordKitTests/Fixtures/lsu-fin-de-cycle-2025.xml")

  init() throws {
    raccord = try Fixtures.raccord()
    _ = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
  }

  @Test func theImportStoresEachBilanDeFinDeCycle() throws {
    let data = try raccord.database.schoolYearData(uai: "0789990K", year: 2025)
    #expect(data.cycleBilans.count == 8)
    #expect(data.cycleBilans.allSatisfy { $0.socle.count == 8 && $0.domains == 8 && $0.hasSynthesis })
    let chauvin = try #require(data.cycleBilans.first { $0.pupilRef == "EL_2732739" })
    #expect(chauvin.cycle == "3" && chauvin.millesime == "2025" && chauvin.complementCode == nil)
    let daguerre = try #require(data.cycleBilans.first { $0.pupilRef == "EL_2732776" })
    #expect(daguerre.socle["CPD_ART"] == "0" && daguerre.complementCode == "AUC")
    let laborde = try #require(data.cycleBilans.first { $0.pupilRef == "EL_2732369" })
    #expect(laborde.complementCode == "LCA" && laborde.complementPositionnement == "2")
    let meunier = try #require(data.cycleBilans.first { $0.pupilRef == "EL_2732406" })
    #expect(meunier.complementCode == "LCA" && meunier.complementPositionnement == nil)
  }

  @Test func theSeparateEndOfCycleFileIsValidAndChecked() throws {
    #expect(try raccord.validateLSU(cycleOnly, version: .v10).isEmpty)
    let report = try raccord.checkLSUFile(cycleOnly.path)
    let rules = Set(report.findings.map(\.rule))
    #expect(!rules.contains(SchemaInvalid.id))
    for rule in [
      CycleBilanWrongCycle.id, CycleBilansMissing.id, ComplementWithoutOption.id, ComplementPositioningMissing.id,
      ComplementMissing.id,
    ] {
      #expect(rules.contains(rule), "\(rule)")
    }
    let wrong = try #require(report.findings.first { $0.rule == CycleBilanWrongCycle.id })
    #expect(wrong.file == "lsu-fin-de-cycle-2025.xml" && (wrong.line ?? 0) > 0 && wrong.fixIn == .gradebook)
  }

  /// The same LSU file with and without its `bilans-cycle`: the periodic findings and states are the same.
  @Test func nothingChangesForAFileWithoutBilansDeFinDeCycle() throws {
    let text = try String(contentsOf: lsuFile, encoding: .utf8)
    let start = try #require(text.range(of: "    <bilans-cycle>"))
    let end = try #require(text.range(of: "</bilans-cycle>\n"))
    let stripped = String(text[..<start.lowerBound] + text[end.upperBound...])
    #expect(!stripped.contains("bilan-cycle"))
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let with = try raccord.checkLSUFile(lsuFile.path)
    let without = try raccord.checkLSUFile(
      try Fixtures.write(stripped, named: lsuFile.lastPathComponent, in: folder).path)
    let periodic = with.findings.filter { !endOfCycleRules.contains($0.rule) }
    #expect(without.findings == periodic)
    #expect(without.classes.allSatisfy { $0.endOfCycle == nil && $0.endOfCycleCounts.isEmpty })
    #expect(without.pupils.allSatisfy { $0.endOfCycle == nil && $0.endOfCycleMissing.isEmpty })
    #expect(without.classes.map(\.status) == with.classes.map(\.status))
    #expect(without.pupils.map(\.missing) == with.pupils.map(\.missing))
    #expect(!without.text().contains("fin de cycle"))
  }
}
