import Foundation
import RaccordTestSupport
import Testing

/// `raccord import --batch` and `raccord status --all`: an académie's folder of schools.
@Suite final class BatchImportTests {
  let folder: URL
  let database: URL

  init() throws {
    folder = try Fixtures.temporaryFolder()
    database = folder.appendingPathComponent("raccord.sqlite")
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// Three schools: the example collège (whose folder name says nothing of its UAI), the same
  /// exports under another UAI without gradebook, and one whose Nomenclature.xml is truncated.
  func makeBatch() throws -> URL {
    let batch = folder.appendingPathComponent("lot")
    let source = Fixtures.exampleSchool.appendingPathComponent("2025")
    let first = batch.appendingPathComponent("01-college-jeanne-barret")
    let second = batch.appendingPathComponent("02-autre")
    let broken = batch.appendingPathComponent("03-casse")
    for target in [first, second, broken] {
      try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    }
    let names = ["Nomenclature.xml", "ElevesSansAdresses.xml", "Structures.xml", "sts_emp_0789990K_2025.xml"]
    for name in names {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(name), to: first.appendingPathComponent(name))
      // Byte for byte (the SIECLE files are ISO-8859-15): only the ASCII UAI changes.
      let bytes = try Data(contentsOf: source.appendingPathComponent(name))
      try Self.replacing(Data("0789990K".utf8), with: Data("0789991L".utf8), in: bytes).write(
        to: second.appendingPathComponent(name.replacingOccurrences(of: "0789990K", with: "0789991L")))
    }
    try FileManager.default.copyItem(
      at: source.appendingPathComponent("gradebook/lsu-bilans-2025-T1.xml"),
      to: first.appendingPathComponent("lsu-bilans-2025-T1.xml"))
    let nomenclature = try Data(contentsOf: source.appendingPathComponent("Nomenclature.xml"))
    try nomenclature.prefix(3000).write(to: broken.appendingPathComponent("Nomenclature.xml"))
    return batch
  }

  static func replacing(_ pattern: Data, with replacement: Data, in data: Data) -> Data {
    var result = Data()
    var rest = data[...]
    while let range = rest.firstRange(of: pattern) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }

  @Test func aBadSchoolIsSkippedAndTheOthersAreImported() throws {
    let batch = try makeBatch()
    let result = try CommandRunner.run(["import", "--batch", batch.path], database: database)
    #expect(result.status == 1, "\(result.stderr)")
    // Not a terminal: one line per school, then the summary table.
    let lines = result.stdout.components(separatedBy: "\n")
    #expect(lines[0].hasPrefix("[1/3] 01-college-jeanne-barret : 0789990K — 2025-2026 — 5 fichier(s) importé(s) — "))
    #expect(lines[1].hasPrefix("[2/3] 02-autre : 0789991L — 2025-2026 — 4 fichier(s) importé(s)"))
    #expect(lines[2].hasPrefix("[3/3] 03-casse : ÉCHEC — Le fichier « "))
    #expect(lines[2].contains("Nomenclature.xml » est incomplet (tronqué)"))
    #expect(result.stdout.contains("3 établissement(s), 1 en échec."))
    let row = try #require(lines.first { $0.hasPrefix("03-casse") })
    #expect(row.hasSuffix("ÉCHEC"))

    let overview = try CommandRunner.run(["status", "--all", "--format", "json"], database: database)
    #expect(overview.status == 0, "\(overview.stderr)")
    let schools = try #require(
      try JSONSerialization.jsonObject(with: Data(overview.stdout.utf8)) as? [[String: Any]])
    #expect(schools.map { $0["uai"] as? String } == ["0789990K", "0789991L"])
    let college = schools[0]
    #expect((college["blocking"] as? Int ?? 0) > 0)
    #expect((college["toDecide"] as? Int ?? 0) > 0 && college["decided"] as? Int == 0)
    #expect((college["blockedClasses"] as? [String])?.isEmpty == false)
    #expect((college["files"] as? [[String: Any]])?.count == 5)
    // Without gradebook, no review; the checks still run.
    #expect(schools[1]["toDecide"] == nil && schools[1]["blocking"] as? Int == 0)

    // The same folder again: nothing changes, the broken school still fails.
    let again = try CommandRunner.run(["import", "--batch", batch.path], database: database)
    #expect(again.status == 1)
    #expect(
      again.stdout.contains(
        "[1/3] 01-college-jeanne-barret : 0789990K — 2025-2026 — 0 fichier(s) importé(s), 5 inchangé(s)"))

    let csv = try CommandRunner.run(["status", "--all", "--format", "csv"], database: database)
    #expect(csv.stdout.hasPrefix("\u{FEFF}UAI;Établissement;Année;Fichiers;Bloquants;Avertissements;Décidés;À décider"))
    let text = try CommandRunner.run(["status", "--all"], database: database)
    #expect(text.stdout.contains("0789991L CLG COLLEGE JEANNE-BARRET — 2025-2026"))
    #expect(text.stdout.contains("Relecture : 0 décidé(s),"))
  }

  @Test func batchAndFilesTogetherIsAUsageError() throws {
    let result = try CommandRunner.run(
      ["import", "--batch", folder.path, Fixtures.exampleSchool.path], database: database)
    #expect(result.status == 64)
    #expect(result.stderr.contains("--batch importe un dossier d'établissements"))
  }
}
