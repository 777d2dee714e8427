import Foundation
import RaccordTestSupport
import Testing

@testable import XMLStreaming

/// The flat record reader gives what the tree reader gives, record after record in one buffer.
@Suite final class XMLRecordTests {
  let folder: URL

  init() throws { folder = try Fixtures.temporaryFolder() }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// Reads every child of the root as a record, and hands each to `body` with its tree twin.
  func eachRecord(_ text: String, _ body: (RecordElement, XMLNode) throws -> Void) throws {
    let url = try Fixtures.write(text, named: "r.xml", in: folder)
    let flat = try XMLStreamReader(url: url)
    let tree = try XMLStreamReader(url: url)
    _ = try flat.root()
    _ = try tree.root()
    let record = XMLRecord()
    while let event = try flat.next() {
      guard case .start(let start) = event else { continue }
      try flat.readRecord(start, into: record)
      var twin: XMLNode?
      while let other = try tree.next() {
        if case .start(let element) = other {
          twin = try tree.readElement(element)
          break
        }
      }
      try body(record.root, try #require(twin))
    }
  }

  @Test func readsWhatTheTreeReaderReads() throws {
    var records = 0
    try eachRecord(
      """
      <?xml version="1.0"?>
      <ROOT>
        <DIVISION CODE=" 3A ">
          <LIBELLE_LONG>  TROISIEME A\u{A0}</LIBELLE_LONG>
          <VIDE/><BLANC>   </BLANC>
          <MEFS_APPARTENANCE><MEF_APPARTENANCE CODE="1"/><AUTRE CODE="x"/><MEF_APPARTENANCE CODE="2"/></MEFS_APPARTENANCE>
          <SERVICES>
            <SERVICE CODE_MATIERE="020700"><ENSEIGNANTS><ENSEIGNANT ID="7"><HEURES>3.00</HEURES></ENSEIGNANT>
              </ENSEIGNANTS></SERVICE>
            <SERVICE CODE_MATIERE="061300"/>
          </SERVICES>
          <MIXTE>début <B>gras</B> fin<![CDATA[ & cdata]]></MIXTE>
        </DIVISION>
        <DIVISION CODE="3B"><LIBELLE_LONG>TROISIEME B &amp; C</LIBELLE_LONG></DIVISION>
        <VIDE_A_LA_RACINE A="1"/>
      </ROOT>
      """
    ) { flat, tree in
      records += 1
      #expect(flat.name == tree.name)
      #expect(flat.line == tree.line)
      #expect(flat.attribute("CODE") == tree.attribute("CODE"))
      #expect(flat.attribute("A") == tree.attribute("A"))
      for name in ["LIBELLE_LONG", "VIDE", "BLANC", "MIXTE", "ABSENT"] {
        #expect(flat.value(name) == tree.value(name), "\(name)")
      }
      #expect(flat.children.map(\.name) == tree.children.map(\.name))
      #expect(
        flat.descendants("MEFS_APPARTENANCE", "MEF_APPARTENANCE").compactMap { $0.attribute("CODE") }
          == tree.descendants(["MEFS_APPARTENANCE", "MEF_APPARTENANCE"]).compactMap { $0.attribute("CODE") })
      let flatServices = Array(flat.descendants("SERVICES", "SERVICE"))
      let treeServices = tree.descendants(["SERVICES", "SERVICE"])
      #expect(flatServices.map { $0.attribute("CODE_MATIERE") } == treeServices.map { $0.attribute("CODE_MATIERE") })
      #expect(flatServices.map(\.line) == treeServices.map(\.line))
      #expect(
        flatServices.flatMap { Array($0.descendants("ENSEIGNANTS", "ENSEIGNANT")) }.map { $0.value("HEURES") }
          == treeServices.flatMap { $0.descendants(["ENSEIGNANTS", "ENSEIGNANT"]) }.map { $0.value("HEURES") })
    }
    #expect(records == 3)
  }

  @Test func trimsAndJoinsText() throws {
    try eachRecord("<R><X>  a <B/> b\u{A0}</X></R>") { flat, _ in
      #expect(flat.text == "a  b")
    }
  }

  @Test func refusesATooLongAttributeInsideARecord() throws {
    let long = String(repeating: "7", count: XMLStreamReader.maximumValueLength + 1)
    let error = try #require(throws: XMLStreamError.self) {
      try eachRecord("<R><MATIERE><X CODE=\"\(long)\"/></MATIERE></R>") { _, _ in }
    }
    guard case .beyondLimits(_, _, let detail) = error else { Issue.record("\(error)"); return }
    #expect(detail.contains("CODE"))
    #expect(detail.contains("<X>"))
  }

  @Test func reportsARecordThatNeverCloses() throws {
    let error = try #require(throws: XMLStreamError.self) {
      try eachRecord("<R>\n<MATIERE>\n<X>texte</X>\n") { _, _ in }
    }
    #expect((error.line ?? 0) >= 3)
  }
}
