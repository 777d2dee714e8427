import Exports
import Foundation
import RaccordCore
import RaccordTestSupport
import Testing

@testable import RaccordKit
@testable import Store

/// The same commands give the same results on SQLite and on PostgreSQL.
@Suite struct BothEnginesTests {
  /// The example school imported on `engine`: its status (import times blanked: they differ by
  /// nature) and its mapping export in both formats.
  static func results(_ engine: TestEngine) throws -> (status: [SchoolYearStatus], mappings: [Data]) {
    let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_764_000_000) }
    let raccord = Raccord(database: try engine.makeStore(clock: clock), dataDirectory: Fixtures.repositoryRoot)
    _ = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
    let status = try raccord.database.status().map { year in
      var year = year
      year.files = year.files.map { file in
        var file = file
        file.id = 0
        file.importedAt = ""
        return file
      }
      return year
    }
    let mappings = try ExportFormat.allCases.map { try raccord.exportMappings(format: $0) }
    return (status, mappings)
  }

  /// An upload's folder is removed once imported: the corrected LSU export then reads the copy the
  /// store kept (inside it on PostgreSQL and in memory, beside it for a SQLite file).
  @Test(arguments: TestEngine.all)
  func theCorrectedLSUFileIsWrittenAfterTheUploadIsGone(engine: TestEngine) throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let upload = folder.appendingPathComponent("envoi")
    try FileManager.default.copyItem(at: Fixtures.exampleSchool.appendingPathComponent("2025"), to: upload)
    let raccord = Raccord(database: try engine.makeStore(), dataDirectory: Fixtures.repositoryRoot)
    _ = try raccord.importFiles([upload.path], diagnostics: DiagnosticCollector())
    try FileManager.default.removeItem(at: upload)
    try raccord.acceptProposed(minimumConfidence: 0.5, author: "secrétariat")
    let output = folder.appendingPathComponent("lsu-corrige.xml")
    let report = try raccord.exportLSU(output: output)
    #expect(report.result.merged == 2)
    let written = try String(contentsOf: output, encoding: .utf8)
    #expect(written.contains(#"<discipline id="DI_020100F" code="020300" modalite-election="F" libelle="LATIN"/>"#))
    // A newer export of the gradebook replaces the file: only its copy is kept.
    let newer = folder.appendingPathComponent("lsu-bilans-2025-T1-bis.xml")
    let text = try String(
      contentsOf: Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/lsu-bilans-2025-T1.xml"),
      encoding: .utf8)
    try Data(
      text.replacingOccurrences(
        of: "<appliVersion>2025.0.3</appliVersion>", with: "<appliVersion>2025.0.4</appliVersion>"
      )
      .utf8
    ).write(to: newer)
    _ = try raccord.importFiles([newer.path], diagnostics: DiagnosticCollector())
    let copies = try raccord.database.engine.read { db in
      try db.fetchValues(String.self, sql: "SELECT DISTINCT sha256 FROM file_copy_part")
    }
    let current = try #require(try raccord.database.currentFile(kind: .lsuBilans, uai: "0789990K", year: 2025))
    #expect(copies == [current.sha256])
    #expect(current.fileName == newer.lastPathComponent)
  }

  @Test(.enabled(if: TestEngine.all.contains(.postgres)))
  func theExampleSchoolGivesTheSameStatusAndMappingsOnBothEngines() throws {
    let sqlite = try Self.results(.sqlite)
    let postgres = try Self.results(.postgres)
    #expect(sqlite.status.count == 2)
    #expect(sqlite.mappings.allSatisfy { $0.count > 1_000 })
    #expect(postgres.status == sqlite.status)
    for (format, (a, b)) in zip(ExportFormat.allCases, zip(sqlite.mappings, postgres.mappings)) {
      #expect(a == b, "mapping export \(format) differs")
    }
  }
}
