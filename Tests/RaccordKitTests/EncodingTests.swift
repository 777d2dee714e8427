import Foundation
import RaccordCore
import RaccordKit
import RaccordTestSupport
import Store
import Testing

/// The encoding of STS and SIECLE files is read from their XML declaration, never assumed.
@Suite struct EncodingTests {
  /// ISO-8859-15 bytes to text: Latin-1 but for the eight characters the euro revision changed.
  static func decodeISO885915(_ data: Data) -> String {
    let changed: [UInt8: Character] = [
      0xA4: "€", 0xA6: "Š", 0xA8: "š", 0xB4: "Ž", 0xB8: "ž", 0xBC: "Œ", 0xBD: "œ", 0xBE: "Ÿ",
    ]
    return String(data.map { changed[$0] ?? Character(Unicode.Scalar($0)) })
  }

  @Test func theSameSTSExportInUTF8AndISO885915GivesTheSameStore() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let year = Fixtures.exampleSchool.appendingPathComponent("2025")
    let latin = try Data(contentsOf: year.appendingPathComponent("sts_emp_0789990K_2025.xml"))
    let text = Self.decodeISO885915(latin)
    #expect(text.hasPrefix(#"<?xml version="1.0" encoding="ISO-8859-15"?>"#))
    #expect(text.unicodeScalars.contains { $0.value > 127 })  // accented names, so the test can fail
    let utf8 = folder.appendingPathComponent("sts_emp_0789990K_2025.xml")
    try Data(text.replacingOccurrences(of: "encoding=\"ISO-8859-15\"", with: "encoding=\"UTF-8\"").utf8).write(to: utf8)

    func store(_ sts: URL) throws -> SchoolYearData {
      let raccord = try Fixtures.raccord()
      _ = try raccord.importFiles(
        [year.appendingPathComponent("Nomenclature.xml").path, sts.path], diagnostics: DiagnosticCollector())
      return try raccord.database.schoolYearData(uai: "0789990K", year: 2025)
    }
    let fromLatin = try store(year.appendingPathComponent("sts_emp_0789990K_2025.xml"))
    let fromUTF8 = try store(utf8)
    #expect(!fromLatin.people.isEmpty)
    #expect(fromLatin.people == fromUTF8.people)
    #expect(fromLatin.services == fromUTF8.services)
    #expect(fromLatin.structureMEFs == fromUTF8.structureMEFs)
    #expect(fromLatin.catalogue.map(\.code) == fromUTF8.catalogue.map(\.code))
    // A name with an accent reads the same from both.
    #expect(fromUTF8.people.contains { ($0.prenom ?? "").contains("é") || ($0.nomUsage ?? "").contains("É") })
  }
}
