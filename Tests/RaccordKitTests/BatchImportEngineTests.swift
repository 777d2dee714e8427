import Foundation
import RaccordCore
import RaccordTestSupport
import Store
import Testing

@testable import RaccordKit

/// A batch of schools on each engine: on PostgreSQL two schools are imported at a time, and the
/// results still come back, and are reported, in the batch's order.
@Suite struct BatchImportEngineTests {
  /// Four schools: the example collège's 2025 exports under four UAIs, the third one truncated.
  static func makeBatch(in folder: URL) throws -> URL {
    let batch = folder.appendingPathComponent("lot")
    let source = Fixtures.exampleSchool.appendingPathComponent("2025")
    let names = ["Nomenclature.xml", "ElevesSansAdresses.xml", "Structures.xml", "sts_emp_0789990K_2025.xml"]
    for (index, uai) in ["0789990K", "0789991L", "0789992M", "0789993N"].enumerated() {
      let school = batch.appendingPathComponent("0\(index + 1)-etablissement")
      try FileManager.default.createDirectory(at: school, withIntermediateDirectories: true)
      for name in names {
        var bytes = try Data(contentsOf: source.appendingPathComponent(name))
        bytes = replacing(Data("0789990K".utf8), with: Data(uai.utf8), in: bytes)
        if index == 2 && name == "Nomenclature.xml" { bytes = bytes.prefix(3000) }
        try bytes.write(to: school.appendingPathComponent(name.replacingOccurrences(of: "0789990K", with: uai)))
      }
    }
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

  @Test(arguments: TestEngine.all)
  func schoolsComeBackInTheBatchOrder(engine: TestEngine) throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let raccord = Raccord(database: try engine.makeStore(), dataDirectory: Fixtures.repositoryRoot)
    let reported = Reported()
    let report = try raccord.importBatch(try Self.makeBatch(in: folder)) { school, index, count in
      reported.add("\(index)/\(count) \(school.source)")
    }
    #expect(report.schools.map(\.source) == (1...4).map { "0\($0)-etablissement" })
    #expect(reported.lines == (1...4).map { "\($0)/4 0\($0)-etablissement" })
    #expect(report.schools.map(\.uai) == ["0789990K", "0789991L", nil, "0789993N"])
    #expect(report.schools.map(\.failed) == [false, false, true, false])
    #expect(try raccord.database.status().map(\.uai) == ["0789990K", "0789991L", "0789993N"])
    #expect(try raccord.database.status(uai: "0789992M").isEmpty)
  }
}

/// The progress lines, as the workers report them.
final class Reported: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [String] = []

  func add(_ line: String) { lock.withLock { values.append(line) } }
  var lines: [String] { lock.withLock { values } }
}
