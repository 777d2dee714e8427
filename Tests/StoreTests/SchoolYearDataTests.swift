import Foundation
import RaccordCore
import RaccordTestSupport
import Store
import Testing

/// What ``AppDatabase/schoolYearData(uai:year:acquis:)`` reads back from files written by an import.
@Suite struct SchoolYearDataTests {
  static let uai = "0789990K"
  static let year = 2025

  /// An STS Web file: division 3A (one MEF), group 3LAT (of 3A, no MEF of its own), one person and a
  /// co-taught latin service of the group.
  static func storeWithSTS(_ engine: TestEngine) throws -> AppDatabase {
    let database = try engine.makeStore()
    try database.importTransaction { session in
      let sink = session.sink(
        for: SourceFileInfo(
          displayName: "sts.xml", fileName: "sts.xml", sha256: String(repeating: "0", count: 64), size: 1))
      try sink.begin(
        FileHeader(
          kind: .stsEmp, uai: try UAI(validating: Self.uai), year: SchoolYear(Self.year), schoolName: "Collège"))
      var division = StructureRecord(code: "3A", kind: .division)
      division.mefs = ["10310019110"]
      try sink.add(.structure(division))
      var group = StructureRecord(code: "3LAT", kind: .group)
      group.divisions = ["3A"]
      try sink.add(.structure(group))
      var latin = ServiceRecord(structureCode: "3LAT", structureKind: .group, matiere: "020300")
      latin.teachers = [.init(id: "4189", type: "epp", heures: "1"), .init(id: "13086", type: "epp", heures: "1")]
      try sink.add(.service(latin))
      try sink.finish(counts: [:])
    }
    return database
  }

  @Test(arguments: TestEngine.all) func aGroupWithoutMEFsTakesItsDivisionsOnes(engine: TestEngine) throws {
    let data = try Self.storeWithSTS(engine).schoolYearData(uai: Self.uai, year: Self.year)
    #expect(data.loadedKinds == [.stsEmp])
    #expect(data.fileNames[.stsEmp] == "sts.xml")
    #expect(data.structureMEFs["3A"] == ["10310019110"])
    #expect(data.structureMEFs["3LAT"] == ["10310019110"])
    #expect(data.groupDivisions["3LAT"] == ["3A"])
    #expect(data.groupsByDivision() == ["3A": ["3LAT"]])
  }

  @Test(arguments: TestEngine.all) func servicesKeepTheirTeachersInTheExportsOrder(engine: TestEngine) throws {
    let data = try Self.storeWithSTS(engine).schoolYearData(uai: Self.uai, year: Self.year)
    #expect(
      data.services == [
        STSServiceRow(
          structure: "3LAT", kind: "G", matiere: "020300", modaliteCours: nil, teacherIDs: ["4189", "13086"])
      ])
  }

  @Test(arguments: TestEngine.all) func aSchoolYearWithoutFilesIsEmpty(engine: TestEngine) throws {
    let data = try engine.makeStore().schoolYearData(uai: Self.uai, year: Self.year)
    #expect(data.loadedKinds.isEmpty && data.services.isEmpty && data.catalogue.isEmpty && data.bilans.isEmpty)
  }

  @Test(arguments: TestEngine.all) func decisionsAreReadBackLatestYearFirst(engine: TestEngine) throws {
    let database = try engine.makeStore(clock: { Date(timeIntervalSince1970: 1_764_000_000) })
    try database.save([
      ReviewDecision(
        uai: Self.uai, year: 2024, kind: .subject, itemKey: "LATIN", verdict: .accept, chosenCode: "020300"),
      ReviewDecision(
        uai: Self.uai, year: 2025, kind: .teacher, itemKey: "petit jean", verdict: .choose, chosenCode: "13086",
        note: "suppléant"),
    ])
    let decisions = try database.decisions(uai: Self.uai)
    #expect(decisions.map(\.itemKey) == ["petit jean", "LATIN"])
    #expect(decisions[0].verdict == .choose && decisions[0].chosenCode == "13086" && decisions[0].note == "suppléant")
    #expect(decisions[0].decidedAt == "2025-11-24T16:00:00Z")
  }

  @Test(arguments: TestEngine.all) func aDecisionOnTheWholeItemSupersedesItsGroupsOnes(engine: TestEngine) throws {
    let database = try engine.makeStore()
    try database.save([
      ReviewDecision(
        uai: Self.uai, year: 2025, kind: .subject, itemKey: "LATIN|div:3A", verdict: .accept, chosenCode: "020300")
    ])
    try database.save(
      [ReviewDecision(uai: Self.uai, year: 2025, kind: .subject, itemKey: "LATIN", verdict: .reject, chosenCode: nil)],
      superseding: ["LATIN|div:3A"])
    #expect(try database.decisions(uai: Self.uai).map(\.itemKey) == ["LATIN"])
  }

  @Test(arguments: TestEngine.all) func aClassSettingIsReadBackWithTheSchoolYear(engine: TestEngine) throws {
    let database = try engine.makeStore()
    try database.save(ClassSetting(division: "3A", positioning: .notes, classAverage: true), uai: Self.uai, year: 2025)
    let data = try database.schoolYearData(uai: Self.uai, year: 2025)
    #expect(data.classSettings["3A"] == ClassSetting(division: "3A", positioning: .notes, classAverage: true))
    #expect(try database.schoolYearData(uai: Self.uai, year: 2024).classSettings.isEmpty)
  }
}
