import Foundation
import RaccordCore
import RaccordTestSupport
import Testing

@testable import Importers

/// A small STS Web export in the real shape, with slots for the parts a test changes.
enum STSFixture {
  static func document(
    uai: String = "0789990K", year: String = "2025", mefs: String = #"<MEF CODE="10010012110"/>"#,
    people: String = "", services: String = ""
  ) -> String {
    """
    <?xml version="1.0" encoding="ISO-8859-15"?>
    <STS_EDT>
      <PARAMETRES>
        <UAJ CODE="\(uai)"><SIGLE>CLG</SIGLE><DENOM_PRINC>COLLEGE</DENOM_PRINC><DENOM_COMPL>TEST</DENOM_COMPL></UAJ>
        <ANNEE_SCOLAIRE ANNEE="\(year)"><DATE_DEBUT>\(year)-09-01</DATE_DEBUT></ANNEE_SCOLAIRE>
      </PARAMETRES>
      <NOMENCLATURES>
        <MATIERES><MATIERE CODE="062900"><CODE_GESTION>SVT</CODE_GESTION><LIBELLE_LONG>SCIENCES DE LA VIE ET DE LA TERRE</LIBELLE_LONG></MATIERE></MATIERES>
        <MEFS>\(mefs)</MEFS>
      </NOMENCLATURES>
      <DONNEES>
        <INDIVIDUS>
          <INDIVIDU ID="4189" TYPE="epp"><SEXE>2</SEXE><CIVILITE>2</CIVILITE><NOM_USAGE>MARTIN</NOM_USAGE>
            <NOM_PATRONYMIQUE>DURAND</NOM_PATRONYMIQUE><PRENOM>Claire</PRENOM><FONCTION>ENS</FONCTION>
            <PROFS_PRINC><PROF_PRINC><CODE_STRUCTURE>6A</CODE_STRUCTURE></PROF_PRINC></PROFS_PRINC>
            <DISCIPLINES><DISCIPLINE CODE="L1600"><LIBELLE_COURT>SVT</LIBELLE_COURT><NB_HEURES>18.00</NB_HEURES></DISCIPLINE></DISCIPLINES>
          </INDIVIDU>
          <INDIVIDU TYPE="epp" ID="8949"><SEXE>1</SEXE><NOM_USAGE>LEGRAND</NOM_USAGE><PRENOM>Paul</PRENOM></INDIVIDU>
          \(people)
        </INDIVIDUS>
        <SUPPLEANTS>
          <SUPPLEANT ID="20048" TYPE="eppsup"><NOM_USAGE>PETIT</NOM_USAGE><PRENOM>Inès</PRENOM><FONCTION>ENS</FONCTION></SUPPLEANT>
        </SUPPLEANTS>
        <STRUCTURE>
          <DIVISIONS>
            <DIVISION CODE="6A">
              <LIBELLE_LONG/>
              <MEFS_APPARTENANCE><MEF_APPARTENANCE CODE="10010012110"/><MEF_APPARTENANCE CODE="10010027110"/></MEFS_APPARTENANCE>
              <SERVICES>
                <SERVICE CODE_MATIERE="062900" CODE_MOD_COURS="CG"><HEURES_STRUCTURE>1.50</HEURES_STRUCTURE>
                  <ENSEIGNANTS><ENSEIGNANT ID="4189" TYPE="epp"><HEURES_AGENT>1.50</HEURES_AGENT></ENSEIGNANT>
                  <ENSEIGNANT TYPE="epp" ID="8949"/></ENSEIGNANTS><CO_ENS>O</CO_ENS></SERVICE>
                \(services)
              </SERVICES>
            </DIVISION>
          </DIVISIONS>
          <GROUPES>
            <GROUPE CODE="6 ALL"><LIBELLE_LONG>ALLEMAND BILANGUE</LIBELLE_LONG>
              <DIVISIONS_APPARTENANCE><DIVISION_APPARTENANCE CODE="6A"/></DIVISIONS_APPARTENANCE>
              <SERVICES><SERVICE CODE_MATIERE="030101" CODE_MOD_COURS="CG"><ENSEIGNANTS/></SERVICE></SERVICES>
            </GROUPE>
          </GROUPES>
        </STRUCTURE>
      </DONNEES>
    </STS_EDT>
    """
  }
}

@Suite final class STSImporterTests {
  let folder: URL

  init() throws { folder = try Fixtures.temporaryFolder() }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func run(_ text: String, named name: String = "sts_emp_0789990K_2025.xml") throws -> (
    CollectingSink, DiagnosticCollector, ImportOutcome
  ) {
    let url = folder.appendingPathComponent(name)
    try Fixtures.iso885915(text).write(to: url)
    let file = try #require(try ImportInput(paths: [url.path]).files.first)
    let sink = CollectingSink()
    let diagnostics = DiagnosticCollector()
    let outcome = try XMLImport.run(file, into: sink, diagnostics: diagnostics)
    return (sink, diagnostics, outcome)
  }

  @Test func readsPeopleStructuresAndServices() throws {
    let (sink, diagnostics, outcome) = try run(STSFixture.document())
    #expect(diagnostics.diagnostics.isEmpty)
    let header = try #require(sink.header)
    #expect(header.kind == .stsEmp)
    #expect(header.schoolName == "CLG COLLEGE TEST")
    #expect(
      outcome.counts == [
        "matiere": 1, "mef": 1, "individu": 2, "suppleant": 1, "division": 1, "groupe": 1, "service": 2,
      ])
    let people = sink.records.compactMap { if case .individu(let i) = $0 { i } else { nil } }
    let martin = try #require(people.first { $0.id == "4189" })
    #expect(martin.nomPatronymique == "DURAND")
    #expect(martin.profPrincipal == ["6A"])
    #expect(martin.disciplines.first?.code == "L1600")
    #expect(people.first { $0.id == "8949" }?.fonction == nil)
    #expect(people.first { $0.id == "20048" }?.list == .suppleant)

    let structures = sink.records.compactMap { if case .structure(let s) = $0 { s } else { nil } }
    #expect(structures.first { $0.code == "6A" }?.mefs == ["10010012110", "10010027110"])
    #expect(structures.first { $0.code == "6 ALL" }?.divisions == ["6A"])

    let services = sink.records.compactMap { if case .service(let s) = $0 { s } else { nil } }
    let svt = try #require(services.first { $0.matiere == "062900" })
    #expect(svt.teachers.map(\.id) == ["4189", "8949"])
    #expect(svt.isCoTaught)
    #expect(svt.heures == "1.50")
    let german = try #require(services.first { $0.matiere == "030101" })
    #expect(german.structureKind == .group)
    #expect(german.teachers.isEmpty)
  }

  @Test func warnsAboutAServiceTeacherWithNoIndividualAndGoesOn() throws {
    let service =
      #"<SERVICE CODE_MATIERE="062900" CODE_MOD_COURS="TP"><ENSEIGNANTS><ENSEIGNANT ID="99999" TYPE="epp"/></ENSEIGNANTS></SERVICE>"#
    let (_, diagnostics, outcome) = try run(STSFixture.document(services: service))
    #expect(outcome.counts["service"] == 3)
    let warning = try #require(diagnostics.diagnostics.first)
    #expect(warning.severity == .warning)
    #expect(warning.id == "sts-teacher-unknown")
    #expect(warning.message.contains("99999"))
    #expect(warning.message.contains("6A"))
    #expect(warning.location?.line != nil)
  }

  @Test func theYearInTheFileWinsOverTheFileName() throws {
    let (sink, diagnostics, _) = try run(STSFixture.document(year: "2025"), named: "sts_emp_0789990K_2024.xml")
    #expect(sink.header?.year == SchoolYear(2025))
    #expect(diagnostics.diagnostics.map(\.id) == ["file-name-year"])
  }

  @Test func keepsTheOEOfISO885915() throws {
    let person = #"<INDIVIDU ID="5555" TYPE="epp"><NOM_USAGE>LŒUILLET</NOM_USAGE><PRENOM>Gaëlle</PRENOM></INDIVIDU>"#
    let (sink, _, _) = try run(STSFixture.document(people: person))
    let names = sink.records.compactMap { if case .individu(let i) = $0 { i.nomUsage } else { nil } }
    #expect(names.contains("LŒUILLET"))
  }
}
