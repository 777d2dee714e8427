import Foundation
import RaccordCore

/// Writes synthetic exports in the real formats (ISO-8859-15), for the benchmark and for tests.
public enum SyntheticExports {
  final class Writer {
    let handle: FileHandle
    let encoding: String.Encoding
    var buffer = Data()
    private(set) var written: Int64 = 0

    init(_ url: URL, encoding: String.Encoding = .isoLatin1) throws {
      self.encoding = encoding
      _ = FileManager.default.createFile(atPath: url.path, contents: nil)
      handle = try FileHandle(forWritingTo: url)
    }

    func line(_ text: String) {
      buffer.append(text.data(using: encoding) ?? Data(text.utf8))
      buffer.append(0x0A)
      if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
      handle.write(buffer)
      written += Int64(buffer.count)
      buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
      flush()
      try handle.close()
    }
  }

  static let subjects = [
    ("020700", "FRANC"), ("061300", "MATHS"), ("042100", "HIGCV"), ("030201", "AGL1"), ("030102", "ALL2"),
    ("030602", "ESP2"), ("100100", "EPS"), ("090100", "A-PLA"), ("081300", "EDMUS"), ("062900", "SVT"),
    ("062300", "PH-CH"), ("070800", "TECHN"), ("020300", "LCALA"), ("008400", "VICLA"),
  ]

  /// An STS Web export of about `targetBytes`: people first, then divisions with their services.
  public static func writeSTS(to url: URL, targetBytes: Int64) throws {
    let out = try Writer(url)
    out.line(#"<?xml version="1.0" encoding="ISO-8859-15"?>"#)
    out.line("<STS_EDT>")
    out.line("  <PARAMETRES>")
    out.line(#"    <UAJ CODE="0789990K"><ACADEMIE><CODE>25</CODE><LIBELLE>VERSAILLES</LIBELLE></ACADEMIE>"#)
    out.line("      <SIGLE>CLG</SIGLE><DENOM_PRINC>COLLEGE</DENOM_PRINC><DENOM_COMPL>SYNTHETIQUE</DENOM_COMPL></UAJ>")
    out.line(
      #"    <ANNEE_SCOLAIRE ANNEE="2025"><DATE_DEBUT>2025-09-01</DATE_DEBUT><DATE_FIN>2026-08-31</DATE_FIN></ANNEE_SCOLAIRE>"#
    )
    out.line("  </PARAMETRES>")
    out.line("  <NOMENCLATURES>")
    out.line("    <MATIERES>")
    for (code, gestion) in subjects {
      out.line(
        #"      <MATIERE CODE="\#(code)"><CODE_GESTION>\#(gestion)</CODE_GESTION>"#
          + "<LIBELLE_COURT>\(gestion)</LIBELLE_COURT><LIBELLE_LONG>MATIERE \(gestion)</LIBELLE_LONG></MATIERE>")
    }
    out.line("    </MATIERES>")
    out.line("    <MEFS>")
    let mefs = ["10010012110", "10110001110", "10210001110", "10310019110"]
    for mef in mefs {
      out.line(
        #"      <MEF CODE="\#(mef)"><FORMATION>F\#(mef.prefix(3))</FORMATION><LIBELLE_LONG>MEF \#(mef)</LIBELLE_LONG></MEF>"#
      )
    }
    out.line("    </MEFS>")
    out.line("  </NOMENCLATURES>")
    out.line("  <DONNEES>")
    out.line("    <INDIVIDUS>")
    let people = max(200, Int(targetBytes / 8_000))
    for id in 0..<people {
      out.line(#"      <INDIVIDU ID="\#(10_000 + id)" TYPE="epp">"#)
      out.line("        <SEXE>\(1 + id % 2)</SEXE><CIVILITE>\(1 + id % 2)</CIVILITE>")
      out.line(
        "        <NOM_USAGE>NOM\(id)</NOM_USAGE><NOM_PATRONYMIQUE>NOM\(id)</NOM_PATRONYMIQUE><PRENOM>Prénom</PRENOM>")
      out.line("        <DATE_NAISSANCE>1980-01-01</DATE_NAISSANCE><GRADE>CERT CN</GRADE><FONCTION>ENS</FONCTION>")
      out.line(
        #"        <DISCIPLINES><DISCIPLINE CODE="L1300"><LIBELLE_COURT>MATHEMATIQUES</LIBELLE_COURT><NB_HEURES>18.00</NB_HEURES></DISCIPLINE></DISCIPLINES>"#
      )
      out.line("      </INDIVIDU>")
    }
    out.line("    </INDIVIDUS>")
    out.line("    <STRUCTURE>")
    out.line("      <DIVISIONS>")
    var division = 0
    while out.written + Int64(out.buffer.count) < targetBytes - 4096 {
      out.line(#"        <DIVISION CODE="D\#(division)">"#)
      out.line("          <LIBELLE_LONG>DIVISION \(division)</LIBELLE_LONG><EFFECTIF_PREVU>28</EFFECTIF_PREVU>")
      out.line(#"          <MEFS_APPARTENANCE><MEF_APPARTENANCE CODE="\#(mefs[division % 4])"/></MEFS_APPARTENANCE>"#)
      out.line("          <SERVICES>")
      for (index, subject) in subjects.enumerated() {
        let teacher = 10_000 + (division * 7 + index) % people
        out.line(#"            <SERVICE CODE_MATIERE="\#(subject.0)" CODE_MOD_COURS="CG">"#)
        out.line("              <HEURES_STRUCTURE>3.00</HEURES_STRUCTURE>")
        out.line(
          #"              <ENSEIGNANTS><ENSEIGNANT ID="\#(teacher)" TYPE="epp"><HEURES_AGENT>3.00</HEURES_AGENT></ENSEIGNANT></ENSEIGNANTS>"#
        )
        out.line("            </SERVICE>")
      }
      out.line("          </SERVICES>")
      out.line("        </DIVISION>")
      division += 1
    }
    out.line("      </DIVISIONS>")
    out.line("    </STRUCTURE>")
    out.line("  </DONNEES>")
    out.line("</STS_EDT>")
    try out.close()
  }

  /// A collège nomenclature whose programme holds the synthetic STS file's matières.
  public static func writeCollegeNomenclature(to url: URL) throws {
    let out = try Writer(url)
    out.line(#"<?xml version="1.0" encoding="ISO-8859-15"?>"#)
    out.line(#"<BEE_NOMENCLATURES VERSION="3.1">"#)
    out.line(
      "  <PARAMETRES><UAJ>0789990K</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>"
        + "<HORODATAGE>01/09/2025 08:00:00</HORODATAGE></PARAMETRES>")
    out.line("  <DONNEES>")
    let mefs = ["10010012110", "10110001110", "10210001110", "10310019110"]
    out.line(
      "    <MEFS>"
        + mefs.map {
          #"<MEF CODE_MEF="\#($0)"><FORMATION>F</FORMATION><LIBELLE_LONG>MEF \#($0)</LIBELLE_LONG><MEF_SELECTIONNE>1</MEF_SELECTIONNE></MEF>"#
        }.joined() + "</MEFS>")
    out.line(
      "    <MATIERES>"
        + subjects.map {
          #"<MATIERE CODE_MATIERE="\#($0.0)"><CODE_GESTION>\#($0.1)</CODE_GESTION><LIBELLE_LONG>MATIERE \#($0.1)</LIBELLE_LONG></MATIERE>"#
        }.joined() + "</MATIERES>")
    out.line("    <PROGRAMMES>")
    for mef in mefs {
      for (code, _) in subjects {
        let modalite = code == "020300" ? "F" : code.hasPrefix("0301") || code.hasPrefix("0306") ? "O" : "S"
        out.line(
          "      <PROGRAMME><CODE_MEF>\(mef)</CODE_MEF><CODE_MATIERE>\(code)</CODE_MATIERE><CODE_MODALITE_ELECT>\(modalite)</CODE_MODALITE_ELECT><HORAIRE>1.00</HORAIRE></PROGRAMME>"
        )
      }
    }
    out.line("    </PROGRAMMES>")
    out.line("  </DONNEES>")
    out.line("</BEE_NOMENCLATURES>")
    try out.close()
  }

  /// A gradebook LSU file (schema 10.0): `pupils` pupils in divisions of 25, `periods` bilans each,
  /// one acquis per subject with an appraisal. Returns the number of acquis.
  @discardableResult
  public static func writeLSU(to url: URL, pupils: Int, periods: Int) throws -> Int {
    let out = try Writer(url, encoding: .utf8)
    let taught = subjects.filter { $0.0 != "008400" }
    out.line(#"<?xml version="1.0" encoding="UTF-8"?>"#)
    out.line(#"<lsun-bilans xmlns="urn:fr:edu:scolarite:lsun:bilans:import" schemaVersion="10.0">"#)
    out.line(
      "<entete><editeur>RACCORD</editeur><application>BANC</application><etablissement>0789990K</etablissement></entete>"
    )
    out.line("<donnees>")
    out.line(#"<responsables-etab><responsable-etab id="RESP_1" libelle="Le principal"/></responsables-etab>"#)
    out.line("<eleves>")
    for pupil in 0..<pupils {
      out.line(
        #"<eleve id="EL_\#(pupil)" id-be="\#(3_000_000 + pupil)" nom="NOM\#(pupil)" prenom="Prénom" code-division="D\#(pupil / 25)"/>"#
      )
    }
    out.line("</eleves>")
    out.line(
      "<periodes>"
        + (1...periods).map { #"<periode id="P_\#($0)" millesime="2025" indice="\#($0)" nb-periodes="\#(periods)"/>"# }
        .joined() + "</periodes>")
    out.line("<disciplines>")
    for (code, gestion) in taught {
      let modalite = code == "020300" ? "F" : code.hasPrefix("0301") || code.hasPrefix("0306") ? "O" : "S"
      out.line(
        #"<discipline id="DI_\#(code)" code="\#(code)" modalite-election="\#(modalite)" libelle="\#(gestion)"/>"#)
    }
    out.line("</disciplines>")
    out.line("<enseignants>")
    for teacher in 0..<200 {
      out.line(
        #"<enseignant id="ENS_\#(10_000 + teacher)" type="epp" id-sts="\#(10_000 + teacher)" civilite="M" nom="NOM\#(teacher)" prenom="Prénom"/>"#
      )
    }
    out.line("</enseignants>")
    out.line(
      #"<elements-programme><element-programme id="EP_1" libelle="Notions du programme travaillées ce trimestre"/></elements-programme>"#
    )
    out.line("<bilans-periodiques>")
    var count = 0
    let appraisal = String(repeating: "Travail régulier et sérieux, des progrès à confirmer. ", count: 8)
    for period in 1...periods {
      for pupil in 0..<pupils {
        out.line(
          #"<bilan-periodique eleve-ref="EL_\#(pupil)" periode-ref="P_\#(period)" date-conseil-classe="2025-12-10" date-scolarite="2025-09-01" responsable-etab-ref="RESP_1">"#
        )
        out.line("<liste-acquis>")
        for (index, subject) in taught.enumerated() {
          let teacher = 10_000 + ((pupil / 25) * 7 + index) % 200
          out.line(
            #"<acquis discipline-ref="DI_\#(subject.0)" enseignant-refs="ENS_\#(teacher)" element-programme-refs="EP_1" moyenne-eleve="\#(8 + (pupil + index) % 12).5"><appreciation>\#(appraisal)</appreciation></acquis>"#
          )
          count += 1
        }
        out.line("</liste-acquis>")
        out.line("<acquis-conseils>Bon trimestre dans l'ensemble.</acquis-conseils>")
        out.line(#"<vie-scolaire nb-retards="1" nb-abs-justifiees="2" nb-abs-injustifiees="0"/>"#)
        out.line("</bilan-periodique>")
      }
    }
    out.line("</bilans-periodiques>")
    out.line("</donnees>")
    out.line("</lsun-bilans>")
    try out.close()
    return count
  }

  /// A SIECLE nomenclature with many MEF, matières and programme rows.
  public static func writeNomenclature(to url: URL, mefs: Int, matieres: Int, rowsPerMEF: Int) throws {
    let out = try Writer(url)
    out.line(#"<?xml version="1.0" encoding="ISO-8859-15"?>"#)
    out.line(#"<BEE_NOMENCLATURES VERSION="3.1">"#)
    out.line(
      "  <PARAMETRES><UAJ>0789990K</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>"
        + "<DATE_EXPORT>01/09/2025</DATE_EXPORT><HORODATAGE>01/09/2025 08:00:00</HORODATAGE></PARAMETRES>")
    out.line("  <DONNEES>")
    out.line("    <MEFS>")
    for index in 0..<mefs {
      let code = String(format: "2%07d110", index)
      out.line(
        #"      <MEF CODE_MEF="\#(code)"><FORMATION>F\#(index)</FORMATION><LIBELLE_LONG>MEF \#(index)</LIBELLE_LONG>"#
          + "<CODE_MEFSTAT>\(code)</CODE_MEFSTAT><MEF_SELECTIONNE>1</MEF_SELECTIONNE>"
          + "<DATE_OUVERTURE>01/09/2019</DATE_OUVERTURE><DATE_FERMETURE>31/12/9999</DATE_FERMETURE></MEF>")
    }
    out.line("    </MEFS>")
    out.line("    <MATIERES>")
    for index in 0..<matieres {
      out.line(
        #"      <MATIERE CODE_MATIERE="\#(String(format: "%06d", index * 100))"><CODE_GESTION>G\#(index)</CODE_GESTION>"#
          + "<LIBELLE_COURT>COURT \(index)</LIBELLE_COURT><LIBELLE_LONG>MATIERE NUMERO \(index)</LIBELLE_LONG>"
          + "<LIBELLE_EDITION>Matière numéro \(index)</LIBELLE_EDITION><MATIERE_ETP>0</MATIERE_ETP></MATIERE>")
    }
    out.line("    </MATIERES>")
    out.line("    <PROGRAMMES>")
    for index in 0..<mefs {
      for row in 0..<rowsPerMEF {
        out.line(
          "      <PROGRAMME><CODE_MEF>\(String(format: "2%07d110", index))</CODE_MEF>"
            + "<CODE_MATIERE>\(String(format: "%06d", ((index + row * 37) % matieres) * 100))</CODE_MATIERE>"
            + "<CODE_MODALITE_ELECT>\(row % 3 == 0 ? "O" : "S")</CODE_MODALITE_ELECT><HORAIRE>1.50</HORAIRE></PROGRAMME>"
        )
      }
    }
    out.line("    </PROGRAMMES>")
    out.line("  </DONNEES>")
    out.line("</BEE_NOMENCLATURES>")
    try out.close()
  }
}
