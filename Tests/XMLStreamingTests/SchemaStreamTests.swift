import Foundation
import RaccordTestSupport
import Testing
import XMLStreaming

/// XSD validation of a document sent piece by piece, beside the code that writes it.
@Suite struct SchemaStreamTests {
  static let schema = Fixtures.repositoryRoot.appendingPathComponent("Nomenclatures/lsu/lsu-2d_v10.0_2025-08.xsd")
  static let example = Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/lsu-bilans-2025-T1.xml")
  /// The example with three bilans lacking their council date, appraisal or vie scolaire (XSD errors).
  static let incomplete = Fixtures.repositoryRoot.appendingPathComponent(
    "Tests/RaccordKitTests/Fixtures/lsu-bilans-2025-T1-incomplete.xml")

  func streamed(_ data: Data, validator: SchemaValidator, piece: Int) throws -> [SchemaProblem] {
    let stream = try validator.streaming()
    var offset = 0
    while offset < data.count {
      let end = min(data.count, offset + piece)
      data[offset..<end].withUnsafeBytes { stream.send($0) }
      offset = end
    }
    return stream.finish()
  }

  @Test func streamingFindsWhatTheFileValidationFinds() throws {
    let validator = try SchemaValidator(xsd: Self.schema)
    let data = try Data(contentsOf: Self.incomplete)
    let fromFile = validator.validate(Self.incomplete)
    #expect(fromFile.count == 3 && fromFile.first?.line == 366)
    for piece in [1_000, 70_000, 10_000_000] {
      #expect(try streamed(data, validator: validator, piece: piece) == fromFile, "\(piece)")
    }
    // The example itself is valid, whichever way it is read.
    #expect(validator.validate(Self.example).isEmpty)
    #expect(try streamed(Data(contentsOf: Self.example), validator: validator, piece: 70_000).isEmpty)
  }

  @Test func aBrokenDocumentNeverBlocksTheWriter() throws {
    // The parser stops at the first fatal error; the rest (several pipe buffers) must still be accepted.
    let validator = try SchemaValidator(xsd: Self.schema)
    var text = "<?xml version=\"1.0\"?>\n<lsun-bilans schemaVersion=\"10.0\"><x></y>\n"
    text += String(repeating: "<a b=\"1\"/>\n", count: 400_000)
    let problems = try streamed(Data(text.utf8), validator: validator, piece: 65_536)
    #expect(!problems.isEmpty)
  }
}
