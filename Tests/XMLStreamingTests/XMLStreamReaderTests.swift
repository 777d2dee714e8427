import Foundation
import RaccordTestSupport
import Testing

@testable import XMLStreaming

@Suite final class XMLStreamReaderTests {
  let folder: URL

  init() throws { folder = try Fixtures.temporaryFolder() }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func reader(_ text: String, encoding: String.Encoding = .utf8, name: String = "test.xml") throws -> XMLStreamReader {
    let url = try Fixtures.write(text, named: name, in: folder, encoding: encoding)
    return try XMLStreamReader(url: url)
  }

  func readRoot(_ url: URL) throws -> XMLNode {
    let reader = try XMLStreamReader(url: url)
    let root = try reader.root()
    return try reader.readElement(root)
  }

  @Test func readsElementsAttributesAndLines() throws {
    let r = try reader(
      """
      <?xml version="1.0"?>
      <ROOT VERSION="3.1">
        <MEF CODE_MEF=" 10010012110 ">
          <FORMATION>  6EME </FORMATION>
          <LIBELLE_EDITION/>
          <LIBELLE_LONG></LIBELLE_LONG>
        </MEF>
      </ROOT>
      """)
    let root = try r.root()
    #expect(root.name == "ROOT")
    #expect(root.attributes["VERSION"] == "3.1")
    #expect(root.line == 2)
    let node = try r.readElement(root)
    let mef = try #require(node.child("MEF"))
    #expect(mef.line == 3)
    #expect(mef.attribute("CODE_MEF") == "10010012110")
    #expect(mef.value("FORMATION") == "6EME")
    #expect(mef.value("LIBELLE_EDITION") == nil)
    #expect(mef.value("LIBELLE_LONG") == nil)
    #expect(try r.next() == nil)
  }

  @Test func decodesISO885915WithOE() throws {
    var text = Data(#"<?xml version="1.0" encoding="ISO-8859-15"?>"#.utf8)
    text.append(try Fixtures.iso885915("\n<R><NOM>CŒURDEROY Zoé</NOM><PRIX>5 €</PRIX></R>\n"))
    let url = folder.appendingPathComponent("latin9.xml")
    try text.write(to: url)
    let root = try readRoot(url)
    #expect(root.value("NOM") == "CŒURDEROY Zoé")
    #expect(root.value("PRIX") == "5 €")
  }

  @Test func decodesLatin1Windows1252AndUTF8WithBOM() throws {
    let latin1 = try Fixtures.write(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<R><N>Hélène</N></R>", named: "l1.xml", in: folder,
      encoding: .isoLatin1)
    #expect(try readRoot(latin1).value("N") == "Hélène")

    var cp1252 = Data("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<R><N>".utf8)
    cp1252.append(contentsOf: [0x9C, 0x80, 0xE9])  // œ € é in Windows-1252
    cp1252.append(contentsOf: Array("</N></R>".utf8))
    let cpURL = folder.appendingPathComponent("cp1252.xml")
    try cp1252.write(to: cpURL)
    #expect(try readRoot(cpURL).value("N") == "œ€é")

    var bom = Data([0xEF, 0xBB, 0xBF])
    bom.append(Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<R><N>Chloé</N></R>".utf8))
    let bomURL = folder.appendingPathComponent("bom.xml")
    try bom.write(to: bomURL)
    #expect(try readRoot(bomURL).value("N") == "Chloé")
  }

  @Test func refusesAnEmptyFile() throws {
    let url = try Fixtures.write("", named: "vide.xml", in: folder)
    #expect(throws: XMLStreamError.empty(file: "vide.xml")) { try XMLStreamReader(url: url) }
    let blank = try Fixtures.write("  \n\n", named: "blanc.xml", in: folder)
    #expect(throws: XMLStreamError.empty(file: "blanc.xml")) { try XMLStreamReader(url: blank) }
  }

  @Test func refusesWhatIsNotXML() throws {
    let url = try Fixtures.write("UAJ;ANNEE\n0789990K;2025\n", named: "export.csv", in: folder)
    let error = try #require(throws: XMLStreamError.self) { try readRoot(url) }
    guard case .malformed(let file, let line, _) = error else { Issue.record("\(error)"); return }
    #expect(file == "export.csv")
    #expect(line == 1)
    #expect(error.errorDescription?.contains("n'est pas un XML bien formé") == true)
  }

  @Test func reportsATruncatedFileWithItsLine() throws {
    let url = try Fixtures.write(
      "<?xml version=\"1.0\"?>\n<STS_EDT>\n  <DONNEES>\n    <INDIVIDUS>\n      <INDIVIDU ID=\"1\">\n        <NOM_USA",
      named: "tronque.xml", in: folder)
    let error = try #require(throws: XMLStreamError.self) {
      let reader = try XMLStreamReader(url: url)
      while try reader.next() != nil {}
    }
    guard case .truncated(let file, let line, _) = error else { Issue.record("\(error)"); return }
    #expect(file == "tronque.xml")
    #expect(line >= 5)
    #expect(error.errorDescription?.contains("tronqué") == true)
  }

  @Test func reportsMismatchedTags() throws {
    let url = try Fixtures.write(
      "<R>\n<STRUCTURES_ELEVE>\n<X/>\n</STRICTURES_ELEVE>\n</R>", named: "typo.xml", in: folder)
    let error = try #require(throws: XMLStreamError.self) { try readRoot(url) }
    guard case .malformed(_, let line, let detail) = error else { Issue.record("\(error)"); return }
    #expect(line == 4)
    #expect(detail.contains("balise fermante"))
  }

  @Test func refusesUndeclaredLatinBytes() throws {
    let url = try Fixtures.write("<R><N>Hélène</N></R>", named: "sans-decl.xml", in: folder, encoding: .isoLatin1)
    let error = try #require(throws: XMLStreamError.self) { try readRoot(url) }
    guard case .encoding(let file, let line, _) = error else { Issue.record("\(error)"); return }
    #expect(file == "sans-decl.xml")
    #expect(line == 1)
  }

  @Test func refusesAnUnsupportedEncoding() throws {
    let url = try Fixtures.write(
      "<?xml version=\"1.0\" encoding=\"x-macthai\"?>\n<R><N>abc</N></R>", named: "thai.xml", in: folder)
    let error = try #require(throws: XMLStreamError.self) { try readRoot(url) }
    guard case .encoding(_, _, let detail) = error else { Issue.record("\(error)"); return }
    #expect(detail.contains("x-macthai"))
  }

  @Test func refusesExternalEntitiesWithoutLoadingThem() throws {
    let secret = try Fixtures.write("SECRET", named: "secret.txt", in: folder)
    let url = try Fixtures.write(
      """
      <?xml version="1.0"?>
      <!DOCTYPE R [ <!ENTITY xxe SYSTEM "file://\(secret.path)"> <!ENTITY net SYSTEM "http://127.0.0.1:9/x"> ]>
      <R><N>&xxe;&net;</N></R>
      """, named: "xxe.xml", in: folder)
    let error = try #require(throws: XMLStreamError.self) {
      let reader = try XMLStreamReader(url: url)
      while let event = try reader.next() {
        if case .text(let text) = event { #expect(!text.contains("SECRET")) }
      }
    }
    #expect(error == .doctypeForbidden(file: "xxe.xml", line: 2) || error.line == 2 || error.line == 3)
    #expect(error.errorDescription?.contains("sécurité") == true)
  }

  @Test func refusesABillionLaughsBombQuickly() throws {
    var entities = "<!ENTITY lol0 \"lol\">"
    for level in 1...9 {
      let previous = String(repeating: "&lol\(level - 1);", count: 10)
      entities += "\n<!ENTITY lol\(level) \"\(previous)\">"
    }
    let url = try Fixtures.write(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE R [\n\(entities)\n]>\n<R>&lol9;</R>", named: "bombe.xml", in: folder)
    var textSeen = 0
    let error = try #require(throws: XMLStreamError.self) {
      let reader = try XMLStreamReader(url: url)
      while let event = try reader.next() {
        if case .text(let text) = event { textSeen += text.count }
      }
    }
    #expect(textSeen == 0)
    #expect(error.errorDescription?.contains("sécurité") == true)
  }

  @Test func refusesAnUndefinedEntityWithoutDoctype() throws {
    let url = try Fixtures.write("<R><N>&inconnue;</N></R>", named: "entite.xml", in: folder)
    let error = try #require(throws: XMLStreamError.self) { try readRoot(url) }
    guard case .entityForbidden(_, _, let name) = error else { Issue.record("\(error)"); return }
    #expect(name == "inconnue")
  }
}
