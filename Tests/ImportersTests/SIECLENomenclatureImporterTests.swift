import Foundation
import RaccordCore
import RaccordTestSupport
import Testing
import ZIPFoundation

@testable import Importers

@Suite struct SIECLENomenclatureImporterTests {
  func importReal(_ url: URL) throws -> (CollectingSink, ImportOutcome) {
    let input = try ImportInput(paths: [url.path])
    let file = try #require(input.files.first)
    let sink = CollectingSink()
    let outcome = try XMLImport.run(file, into: sink, diagnostics: DiagnosticCollector())
    return (sink, outcome)
  }

  @Test func importsTheReal2019Nomenclature() throws {
    let (sink, outcome) = try importReal(Fixtures.realNomenclature2019)
    let header = try #require(sink.header)
    #expect(header.uai.code == "0750680G")
    #expect(header.year == SchoolYear(2019))
    #expect(header.kind == .siecleNomenclature)
    #expect(header.version == "3.1")
    #expect(header.exportedAt == "2019-07-08T17:46:24")
    #expect(outcome.counts["mef"] == 29)
    #expect(outcome.counts["matiere"] == 108)
    #expect(outcome.counts["programme"] == 590)
    #expect(outcome.counts["option_obligatoire"] == 284)
    #expect(outcome.counts["modalite_election"] == 7)
    #expect(outcome.counts["modalite_cours"] == 9)
  }

  @Test func keepsZeroHourRowsAndBothModalitiesOfAPair() throws {
    let (sink, _) = try importReal(Fixtures.realNomenclature2019)
    let rows = sink.records.compactMap { record -> ProgrammeRecord? in
      if case .programme(let row) = record { return row }
      return nil
    }
    #expect(rows.filter { $0.horaire == "0.00" }.count == 361)
    let pairs = Dictionary(grouping: rows, by: { "\($0.mef) \($0.matiere)" }).filter { $0.value.count == 2 }
    #expect(pairs.count == 20)
    #expect(pairs.values.allSatisfy { Set($0.map(\.modalite)).count == 2 })
  }

  @Test func readsAcademicCodesWithTheirNationalCode() throws {
    let (sink, _) = try importReal(Fixtures.realNomenclature2019)
    let lsf = sink.records.compactMap { record -> MatiereRecord? in
      if case .matiere(let m) = record, m.code == "020C00" { return m }
      return nil
    }.first
    #expect(lsf?.codeNational == "029900")
    #expect(lsf?.codeGestion == "LSF")
  }

  @Test func theZipGivesTheSameRecords() throws {
    let (plain, _) = try importReal(Fixtures.realNomenclature2019)
    let input = try ImportInput(paths: [Fixtures.realNomenclature2019Zip.path])
    #expect(input.files.count == 1)
    let file = try #require(input.files.first)
    #expect(file.fileName == "Nomenclature.xml")
    #expect(file.displayName.hasSuffix(".zip:Nomenclature.xml"))
    let zipped = CollectingSink()
    _ = try XMLImport.run(file, into: zipped, diagnostics: DiagnosticCollector())
    #expect(zipped.records == plain.records.map { $0 })
    #expect(zipped.header == plain.header)
  }

  @Test(
    arguments: [
      ("08/07/2019", "2019-07-08"), ("31/12/9999", nil), ("", nil), ("2019-07-08", nil),
    ] as [(String, String?)])
  func convertsSIECLEDates(text: String, iso: String?) {
    #expect(Values.isoDate(fromSIECLE: text) == iso)
  }
}

@Suite final class BadInputTests {
  let folder: URL

  init() throws { folder = try Fixtures.temporaryFolder() }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func run(_ url: URL) throws -> ImportOutcome {
    let input = try ImportInput(paths: [url.path])
    return try XMLImport.run(
      try #require(input.files.first), into: CollectingSink(), diagnostics: DiagnosticCollector())
  }

  @Test func refusesTheTimetableFileWithAnExplanation() throws {
    let url = try Fixtures.write(
      """
      <?xml version="1.0" encoding="ISO-8859-15"?>
      <EDT_STS><PARAMETRES><UAJ>0789990K</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>
      <APPLICATION_SOURCE>EDT</APPLICATION_SOURCE></PARAMETRES></EDT_STS>
      """, named: "sts_emp_0789990K_2025.xml", in: folder)
    let error = try #require(throws: ImporterError.self) { try run(url) }
    guard case .wrongRoot(_, let root, let advice) = error else { Issue.record("\(error)"); return }
    #expect(root == "EDT_STS")
    #expect(advice.contains("logiciel d'emploi du temps"))
    #expect(advice.contains("Exports > Emploi du temps"))
  }

  @Test func refusesAnUnknownRoot() throws {
    let url = try Fixtures.write("<?xml version=\"1.0\"?>\n<html><body/></html>", named: "page.xml", in: folder)
    let error = try #require(throws: ImporterError.self) { try run(url) }
    #expect(error.errorDescription?.contains("<html>") == true)
    #expect(error.errorDescription?.contains("STS_EDT") == true)
  }

  @Test func refusesAZipWithoutXML() throws {
    let source = try Fixtures.write("bonjour", named: "lisez-moi.txt", in: folder)
    let zip = folder.appendingPathComponent("ExportXML_Vide.zip")
    try FileManager.default.zipItem(at: source, to: zip)
    let error = try #require(throws: ImporterError.self) { try ImportInput(paths: [zip.path]) }
    #expect(error == .zipWithoutXML(file: zip.path))
  }

  @Test func refusesDuplicateMatiereCodes() throws {
    let url = try Fixtures.write(
      """
      <?xml version="1.0" encoding="ISO-8859-15"?>
      <BEE_NOMENCLATURES VERSION="3.1">
        <PARAMETRES><UAJ>0789990K</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE></PARAMETRES>
        <DONNEES>
          <MATIERES>
            <MATIERE CODE_MATIERE="020700"><LIBELLE_LONG>FRANCAIS</LIBELLE_LONG></MATIERE>
            <MATIERE CODE_MATIERE="020700"><LIBELLE_LONG>FRANCAIS</LIBELLE_LONG></MATIERE>
          </MATIERES>
        </DONNEES>
      </BEE_NOMENCLATURES>
      """, named: "Nomenclature.xml", in: folder)
    let error = try #require(throws: ImporterError.self) { try run(url) }
    #expect(error == .duplicateCode(file: url.path, line: 7, what: "la matière", code: "020700", firstLine: 6))
  }

  @Test func refusesDuplicateMEFCodesInSTS() throws {
    let url = try Fixtures.write(
      STSFixture.document(
        mefs: #"<MEF CODE="10010012110"><LIBELLE_LONG>6EME</LIBELLE_LONG></MEF><MEF CODE="10010012110"/>"#),
      named: "sts.xml", in: folder)
    let error = try #require(throws: ImporterError.self) { try run(url) }
    guard case .duplicateCode(_, _, let what, let code, _) = error else { Issue.record("\(error)"); return }
    #expect(what == "le MEF")
    #expect(code == "10010012110")
  }

  @Test func refusesAWrongUAICheckLetter() throws {
    let url = try Fixtures.write(
      "<BEE_ELEVES VERSION=\"3.0\"><PARAMETRES><UAJ>0789990A</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE></PARAMETRES></BEE_ELEVES>",
      named: "ElevesSansAdresses.xml", in: folder)
    let error = try #require(throws: ImporterError.self) { try run(url) }
    #expect(error.errorDescription?.contains("la bonne lettre est « K »") == true)
    #expect(error.errorDescription?.contains("ligne 1") == true)
  }

  @Test func refusesDataBeforeParameters() throws {
    let url = try Fixtures.write(
      "<BEE_NOMENCLATURES><DONNEES><MEFS><MEF CODE_MEF=\"10010012110\"/></MEFS></DONNEES></BEE_NOMENCLATURES>",
      named: "Nomenclature.xml", in: folder)
    let error = try #require(throws: ImporterError.self) { try run(url) }
    guard case .missingParameters = error else { Issue.record("\(error)"); return }
  }
}

/// Duplicate ids in the gradebook's LSU file are refused with a French message, not a SQLite error.
@Suite final class LSUDuplicateTests {
  let folder: URL

  init() throws { folder = try Fixtures.temporaryFolder() }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func aDuplicatePupilIdIsRefusedWithItsLine() throws {
    let url = try Fixtures.write(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <lsun-bilans xmlns="urn:fr:edu:scolarite:lsun:bilans:import" schemaVersion="10.0">
      <entete><editeur>X</editeur><application>Y</application><etablissement>0789990K</etablissement></entete>
      <donnees>
      <eleves><eleve id="EL_1" id-be="1" code-division="3A"/>
      <eleve id="EL_1" id-be="2" code-division="3A"/></eleves>
      <periodes><periode id="P_1" millesime="2025" indice="1" nb-periodes="3"/></periodes>
      </donnees></lsun-bilans>
      """, named: "lsu.xml", in: folder)
    let file = try #require(try ImportInput(paths: [url.path]).files.first)
    let error = try #require(throws: ImporterError.self) {
      try XMLImport.run(file, into: CollectingSink(), diagnostics: DiagnosticCollector())
    }
    #expect(error == .duplicateCode(file: url.path, line: 6, what: "l'élève (id)", code: "EL_1", firstLine: 5))
  }
}
