import Foundation
import RaccordTestSupport
import Testing

/// The built program installed as the README says (the program and its `*.resources` bundles copied
/// into one folder) and run from another folder: it finds `Nomenclatures/` and `Mappings/` in its
/// bundle, without `--data-dir`.
@Suite final class InstalledBinaryTests {
  let install: URL
  let work: URL

  init() throws {
    install = try Fixtures.temporaryFolder()
    work = try Fixtures.temporaryFolder()
    let built = CommandRunner.executable
    let buildFolder = built.deletingLastPathComponent()
    let bundles = try FileManager.default.contentsOfDirectory(atPath: buildFolder.path).filter {
      $0.hasSuffix(".resources")
    }
    guard bundles.contains("Raccord_RaccordData.resources") else {
      throw InstallError.bundleMissing(buildFolder.path)
    }
    try FileManager.default.copyItem(at: built, to: install.appendingPathComponent("raccord"))
    for bundle in bundles {
      try FileManager.default.copyItem(
        at: buildFolder.appendingPathComponent(bundle), to: install.appendingPathComponent(bundle))
    }
    // The example school copied out of the repository, so that nothing is found from there.
    try FileManager.default.copyItem(at: Fixtures.exampleSchool, to: work.appendingPathComponent("exemple"))
  }

  deinit {
    try? FileManager.default.removeItem(at: install)
    try? FileManager.default.removeItem(at: work)
  }

  var program: URL { install.appendingPathComponent("raccord") }

  @Test func theInstalledProgramRunsTheWholeJobFromAnotherFolder() throws {
    let result = try CommandRunner.run(
      ["run", "exemple", "--output-dir", "sorties"], database: work.appendingPathComponent("raccord.sqlite"),
      in: work, program: program)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("Dossier de données introuvable"))
    // Mappings/renames.csv and the national tables were read.
    #expect(result.stdout.contains("NGUYEN-ROCHE Camille : déclarer en co-enseignement"), "\(result.stdout)")
    let table = work.appendingPathComponent("sorties/correspondances-0789990K-2025.csv")
    #expect(try String(contentsOf: table, encoding: .utf8).contains("0789990K;2025-2026;matière;LATIN;020100;"))
    let status = try CommandRunner.run(
      ["status"], database: work.appendingPathComponent("raccord.sqlite"), in: work, program: program)
    #expect(status.stdout.contains("Tables nationales (BCN) : "), "\(status.stdout)")
    #expect(!status.stdout.contains("non chargées"))
  }

  @Test func aSymbolicLinkToTheProgramFindsItsData() throws {
    let bin = work.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("raccord"), withDestinationURL: program)
    let result = try CommandRunner.run(
      ["import", "exemple/2025/Nomenclature.xml"], database: work.appendingPathComponent("lien.sqlite"), in: work,
      program: bin.appendingPathComponent("raccord"))
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func dataDirOverridesTheBundle() throws {
    let empty = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    let result = try CommandRunner.run(
      ["import", "--data-dir", empty.path, "exemple/2025/Nomenclature.xml"],
      database: work.appendingPathComponent("autre.sqlite"), in: work, program: program)
    #expect(result.status != 0)
    #expect(result.stderr.contains("Dossier de données introuvable"), "\(result.stderr)")
    #expect(result.stderr.contains(empty.path))
  }

  @Test func withoutItsBundleTheProgramSaysWhatIsMissing() throws {
    try FileManager.default.removeItem(at: install.appendingPathComponent("Raccord_RaccordData.resources"))
    let result = try CommandRunner.run(
      ["import", "exemple/2025/Nomenclature.xml"], database: work.appendingPathComponent("seul.sqlite"), in: work,
      program: program)
    #expect(result.status != 0)
    #expect(result.stderr.contains("Dossier de données introuvable"), "\(result.stderr)")
    #expect(result.stderr.contains("--data-dir"))
  }
}

enum InstallError: Error {
  case bundleMissing(String)
}
