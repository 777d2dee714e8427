import Exports
import Foundation
import Testing

/// The byte-preserving rewrite of an LSU file.
@Suite struct LSURewriterTests {
  func temporary(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("raccord-reecriture-\(UUID().uuidString)-\(name)")
  }

  /// A document of several chunks of the reader, with what trips naive scanners: `>` inside
  /// attribute values, comments and CDATA holding tags, multi-byte characters, CRLF line ends.
  func awkwardDocument() -> Data {
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- <discipline id=\"faux\"/> -->\r\n<racine>\r\n"
    for index in 0..<4_000 {
      text += "  <ligne n=\"\(index)\" condition='a > b' libellé=\"Élève « \(index) » &amp; co\">"
      text += "<![CDATA[<acquis discipline-ref=\"X\"/>]]> texte ŒŸ \(index)</ligne>\r\n"
    }
    text += "</racine>\r\n"
    return Data(text.utf8)
  }

  @Test func withNothingToChangeTheBytesAreTheSame() throws {
    let input = temporary("entree.xml")
    let output = temporary("sortie.xml")
    defer {
      try? FileManager.default.removeItem(at: input)
      try? FileManager.default.removeItem(at: output)
    }
    let document = awkwardDocument()
    #expect(document.count > 300_000)
    try document.write(to: input)
    let result = try LSURewriter(plan: LSURewritePlan()).rewrite(input, to: output)
    #expect(try Data(contentsOf: output) == document)
    #expect(result.changes.isEmpty)
  }

  @Test func referencesToMissingOrWrongElementsAreFound() throws {
    let input = temporary("refs.xml")
    defer { try? FileManager.default.removeItem(at: input) }
    try Data(
      """
      <lsun-bilans schemaVersion="10.0"><donnees>
      <disciplines><discipline id="DI_A" code="020700" modalite-election="S" libelle="FRANCAIS"/></disciplines>
      <enseignants><enseignant id="ENS_1" type="epp" id-sts="1"/></enseignants>
      <acquis discipline-ref="ENS_1" enseignant-refs="ENS_1 ENS_2"/>
      </donnees></lsun-bilans>
      """.utf8
    ).write(to: input)
    let problems = try LSUReferenceCheck.problems(in: input).map(\.message)
    // The rewrite finds the same, in what it reads and in what it writes.
    let output = temporary("refs-sortie.xml")
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try LSURewriter(plan: LSURewritePlan()).rewrite(input, to: output)
    #expect(result.inputReferenceProblems.map(\.message) == problems)
    #expect(result.outputReferenceProblems.map(\.message) == problems)
    #expect(result.outputReferenceProblems.map(\.line) == [4, 4])
    #expect(problems.count == 2)
    #expect(problems.contains { $0.contains("« ENS_1 », qui est un élément « enseignant » et non « discipline »") })
    #expect(problems.contains { $0.contains("« ENS_2 », qui n'existe pas") })
  }

  @Test func aSplitDisciplineIsRepointedPerDivision() throws {
    let input = temporary("split.xml")
    let output = temporary("split-sortie.xml")
    defer {
      try? FileManager.default.removeItem(at: input)
      try? FileManager.default.removeItem(at: output)
    }
    try Data(
      """
      <lsun-bilans schemaVersion="10.0"><donnees>
        <eleves>
          <eleve id="EL_1" code-division="3A"/>
          <eleve id="EL_2" code-division="4A"/>
        </eleves>
        <disciplines>
          <discipline id="DI_HG" code="042100" modalite-election="S" libelle="Histoire-Géographie"/>
        </disciplines>
        <epis><epi id="EPI_1" discipline-refs="DI_HG"/></epis>
        <bilans-periodiques>
          <bilan-periodique eleve-ref="EL_1"><acquis discipline-ref="DI_HG" enseignant-refs="ENS_1"/></bilan-periodique>
          <bilan-periodique eleve-ref="EL_2"><acquis discipline-ref="DI_HG" enseignant-refs="ENS_1"/></bilan-periodique>
        </bilans-periodiques>
      </donnees></lsun-bilans>
      """.utf8
    ).write(to: input)
    var plan = LSURewritePlan()
    let cause = LSURewritePlan.Cause(key: "HISTOIRE GEOGRAPHIE", author: "test", decidedAt: nil, note: nil)
    plan.subjects["DI_HG"] = [
      "3A": .init(code: "043700", modalite: "S", cause: cause),
      "4A": .init(code: "042100", modalite: "S", cause: cause),
    ]
    let result = try LSURewriter(plan: plan).rewrite(input, to: output)
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(result.split == 1)
    #expect(
      text.contains(#"<discipline id="DI_HG" code="043700" modalite-election="S" libelle="Histoire-Géographie"/>"#))
    #expect(text.contains(#"<discipline id="DI_HG_042100" code="042100" modalite-election="S""#))
    #expect(text.contains(#"<bilan-periodique eleve-ref="EL_1"><acquis discipline-ref="DI_HG" "#))
    #expect(text.contains(#"<bilan-periodique eleve-ref="EL_2"><acquis discipline-ref="DI_HG_042100" "#))
    #expect(text.contains(#"<epi id="EPI_1" discipline-refs="DI_HG DI_HG_042100"/>"#))
  }
}

/// `--libelles nomenclature`: a recoded discipline takes the libellé of its new code.
@Suite struct LSULibelleTests {
  func temporary(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("raccord-libelles-\(UUID().uuidString)-\(name)")
  }

  static let cause = LSURewritePlan.Cause(key: "LATIN", author: "test", decidedAt: "2025-11-20", note: nil)

  func rewrite(_ document: Data, plan: LSURewritePlan) throws -> (Data, LSURewriter.Result) {
    let input = temporary("entree.xml")
    let output = temporary("sortie.xml")
    defer {
      try? FileManager.default.removeItem(at: input)
      try? FileManager.default.removeItem(at: output)
    }
    try document.write(to: input)
    let result = try LSURewriter(plan: plan).rewrite(input, to: output)
    return (try Data(contentsOf: output), result)
  }

  @Test func aRecodedDisciplineTakesTheLibelleAndNothingElseMoves() throws {
    let input = """
      <?xml version="1.0" encoding="UTF-8"?>
      <lsun-bilans schemaVersion="10.0"><donnees>
        <eleves><eleve id="EL_1" code-division="3A"/><eleve id="EL_2" code-division="4A"/></eleves>
        <disciplines>
          <discipline id="DI_LAT" code="020100" modalite-election="F" libelle="LATIN"/>
          <discipline  id="DI_FR"   code="020700" modalite-election="S" libelle="FRANCAIS" />
          <discipline id="DI_HG" code="042100" modalite-election="S" libelle="HIST-GEO &amp; EMC"/>
        </disciplines>
        <bilans-periodiques>
          <bilan-periodique eleve-ref="EL_1"><acquis discipline-ref="DI_HG"/></bilan-periodique>
          <bilan-periodique eleve-ref="EL_2"><acquis discipline-ref="DI_HG"/></bilan-periodique>
        </bilans-periodiques>
      </donnees></lsun-bilans>

      """
    var plan = LSURewritePlan()
    let cause = Self.cause
    plan.subjects["DI_LAT"] = [
      "3A": .init(code: "020300", modalite: "F", libelle: "Langues et cultures de l'Antiquité LATIN", cause: cause)
    ]
    // Confirmed with the same code: the libellé is not the decision's to change.
    plan.subjects["DI_FR"] = ["3A": .init(code: "020700", modalite: "S", libelle: "Français", cause: cause)]
    // Split: 3A recoded (new libellé, with markup characters), 4A keeps its code and libellé.
    plan.subjects["DI_HG"] = [
      "3A": .init(code: "043700", modalite: "S", libelle: "Histoire & <géographie> \"3e\"", cause: cause),
      "4A": .init(code: "042100", modalite: "S", libelle: "Histoire-géographie-EMC", cause: cause),
    ]
    let (output, result) = try rewrite(Data(input.utf8), plan: plan)
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <lsun-bilans schemaVersion="10.0"><donnees>
        <eleves><eleve id="EL_1" code-division="3A"/><eleve id="EL_2" code-division="4A"/></eleves>
        <disciplines>
          <discipline id="DI_LAT" code="020300" modalite-election="F" libelle="Langues et cultures de l'Antiquité LATIN"/>
          <discipline  id="DI_FR"   code="020700" modalite-election="S" libelle="FRANCAIS" />
          <discipline id="DI_HG" code="043700" modalite-election="S" libelle="Histoire &amp; &lt;géographie&gt; &quot;3e&quot;"/>
          <discipline id="DI_HG_042100" code="042100" modalite-election="S" libelle="HIST-GEO &amp; EMC"/>
        </disciplines>
        <bilans-periodiques>
          <bilan-periodique eleve-ref="EL_1"><acquis discipline-ref="DI_HG"/></bilan-periodique>
          <bilan-periodique eleve-ref="EL_2"><acquis discipline-ref="DI_HG_042100"/></bilan-periodique>
        </bilans-periodiques>
      </donnees></lsun-bilans>

      """
    #expect(String(decoding: output, as: UTF8.self) == expected)
    #expect(output == Data(expected.utf8))
    #expect(result.relabelled == 2)
    let libelles = result.changes.filter { $0.element == "discipline (libellé)" }
    #expect(libelles.map(\.id) == ["DI_LAT", "DI_HG"])
    #expect(libelles[0].before == "LATIN" && libelles[0].after == "Langues et cultures de l'Antiquité LATIN")
    #expect(libelles[0].division == "3A" && libelles[0].cause?.author == "test")
    #expect(libelles[1].before == "HIST-GEO & EMC" && libelles[1].after == "Histoire & <géographie> \"3e\"")
    #expect(result.outputReferenceProblems.isEmpty)
  }

  @Test func inALatinFileTheLibelleIsWrittenWithCharacterReferences() throws {
    // ISO-8859-15, attributes between apostrophes, an "é" and an "Œ" (0xBC in ISO-8859-15) in the old libellé.
    var input = Data("<?xml version='1.0' encoding='ISO-8859-15'?>\n<lsun-bilans schemaVersion='10.0'>".utf8)
    input += Data("<eleves><eleve id='EL_1' code-division='5A'/></eleves>\n".utf8)
    input += Data("<disciplines><discipline id='DI_LAT' code='020100' modalite-election='F' libelle='LATIN ".utf8)
    input += Data([0xE9, 0xBC]) + Data("'/></disciplines>\n".utf8)
    input += Data("<bilan-periodique eleve-ref='EL_1'><acquis discipline-ref='DI_LAT'/></bilan-periodique>".utf8)
    input += Data("</lsun-bilans>\n".utf8)
    var plan = LSURewritePlan()
    plan.subjects["DI_LAT"] = [
      "5A": .init(code: "020300", modalite: "F", libelle: "Langues et cultures de l'Antiquité LATIN", cause: Self.cause)
    ]
    let (output, result) = try rewrite(input, plan: plan)
    var expected = Data("<?xml version='1.0' encoding='ISO-8859-15'?>\n<lsun-bilans schemaVersion='10.0'>".utf8)
    expected += Data("<eleves><eleve id='EL_1' code-division='5A'/></eleves>\n".utf8)
    expected += Data(
      "<disciplines><discipline id='DI_LAT' code='020300' modalite-election='F' libelle='Langues et cultures de l&apos;Antiquit&#xE9; LATIN'/></disciplines>\n"
        .utf8)
    expected += Data("<bilan-periodique eleve-ref='EL_1'><acquis discipline-ref='DI_LAT'/></bilan-periodique>".utf8)
    expected += Data("</lsun-bilans>\n".utf8)
    #expect(output == expected, "\(String(decoding: output, as: UTF8.self))")
    #expect(output.allSatisfy { $0 < 0x80 })
    let change = try #require(result.changes.first { $0.element == "discipline (libellé)" })
    #expect(change.before == "LATIN éŒ")
  }
}

/// The CSV files Raccord writes for spreadsheets.
@Suite struct CSVWriterTests {
  @Test func formulasAreNeutralised() {
    let document = CSVWriter().document(
      header: ["Libellé", "Code"],
      rows: [
        ["=HYPERLINK(\"http://exemple.invalid\";\"clic\")", "042100"], ["+1", "@SOMME(A1)"], ["-2", "\tX"],
        ["Histoire-Géographie", "020700"],
      ])
    let text = String(decoding: document, as: UTF8.self)
    #expect(text.contains("\"'=HYPERLINK(\"\"http://exemple.invalid\"\";\"\"clic\"\")\";042100\r\n"))
    #expect(text.contains("'+1;'@SOMME(A1)\r\n"))
    #expect(text.contains("'-2;'\tX\r\n"))
    #expect(text.contains("Histoire-Géographie;020700\r\n"))
    #expect(text.hasPrefix("\u{FEFF}Libellé;Code\r\n"))
  }
}
