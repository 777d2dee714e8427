import Foundation
import Importers
import Matching
import RaccordCore
import Store

/// `raccord bench`: generates a synthetic STS Web export and a large SIECLE nomenclature, imports
/// them into a fresh store, and compares the time with `xmllint --stream` on the same file.
public enum Benchmark {
  public struct Measure: Sendable {
    public var name: String
    public var bytes: Int64
    public var seconds: Double
    public var peakResidentMB: Double?
    public var xmllintSeconds: Double?
    /// Reading alone, into a sink that keeps nothing.
    public var readOnlySeconds: Double?
    public var counts: [String: Int]

    public var megabytesPerSecond: Double { Double(bytes) / 1_048_576 / max(seconds, 1e-9) }
  }

  /// Suggestion timings.
  public struct MatchingMeasure: Sendable {
    public var subjects: Int
    public var matieres: Int
    public var teachers: Int
    public var people: Int
    public var subjectSeconds: Double
    public var teacherSeconds: Double
  }

  /// The lycée-sized pre-flight: import of a big LSU file (with XSD validation) and every check.
  public struct ChecksMeasure: Sendable {
    public var pupils: Int
    public var acquis: Int
    public var bytes: Int64
    public var importSeconds: Double
    public var checkSeconds: Double
    public var peakResidentMB: Double?
    public var findings: Int
  }

  public struct Report: Sendable {
    public var measures: [Measure]
    public var matching: [MatchingMeasure] = []
    public var checks: ChecksMeasure?

    public func text() -> String {
      var lines = ["Banc d'essai de l'import (machine : \(ProcessInfo.processInfo.activeProcessorCount) cœurs)"]
      for m in measures {
        lines.append("")
        lines.append("\(m.name) : \(String(format: "%.1f", Double(m.bytes) / 1_048_576)) Mo")
        lines.append(
          "  import complet (lecture + écriture SQLite) : \(String(format: "%.2f", m.seconds)) s, "
            + "\(String(format: "%.1f", m.megabytesPerSecond)) Mo/s")
        if let peak = m.peakResidentMB {
          lines.append("  mémoire résidente maximale pendant l'import : \(String(format: "%.0f", peak)) Mo")
        }
        if let read = m.readOnlySeconds {
          lines.append("  dont lecture seule (sans écriture) : \(String(format: "%.2f", read)) s")
        }
        if let lint = m.xmllintSeconds {
          lines.append(
            "  xmllint --stream --noout : \(String(format: "%.2f", lint)) s "
              + "(rapport : \(String(format: "%.2f", m.seconds / max(lint, 1e-9)))×)")
        } else {
          lines.append("  xmllint absent (paquet Debian libxml2-utils) : pas de comparaison")
        }
        lines.append("  " + StatusReport.countsText(m.counts))
      }
      for m in matching {
        lines.append("")
        lines.append(
          "Suggestions : \(m.subjects) matières du logiciel de notes contre \(m.matieres) matières : "
            + String(
              format: "%.3f s (%.2f ms par matière)", m.subjectSeconds, 1000 * m.subjectSeconds / Double(m.subjects)))
        lines.append(
          "              \(m.teachers) enseignants contre \(m.people) individus STS : "
            + String(
              format: "%.3f s (%.3f ms par enseignant)", m.teacherSeconds, 1000 * m.teacherSeconds / Double(m.teachers))
        )
      }
      if let c = checks {
        lines.append("")
        lines.append(
          "Vérifications : \(c.pupils) élèves, \(c.acquis) acquis, fichier LSU de "
            + String(format: "%.1f Mo", Double(c.bytes) / 1_048_576))
        lines.append(
          String(
            format: "  import LSU avec validation XSD : %.2f s ; toutes les vérifications : %.2f s ; total : %.2f s",
            c.importSeconds, c.checkSeconds, c.importSeconds + c.checkSeconds))
        if let peak = c.peakResidentMB {
          lines.append(String(format: "  mémoire résidente maximale : %.0f Mo ; %d constats", peak, c.findings))
        }
      }
      return lines.joined(separator: "\n")
    }
  }

  /// Runs the benchmark.
  /// - Parameters:
  ///   - targetMegabytes: the size of the synthetic STS file.
  ///   - workDirectory: where to write the files and the store (a temporary folder by default).
  ///   - log: receives progress lines.
  public static func run(
    targetMegabytes: Int, workDirectory: String?, dataDirectory: URL? = nil, log: (String) -> Void
  ) throws -> Report {
    let folder: URL
    let temporary = workDirectory == nil
    if let workDirectory {
      folder = URL(fileURLWithPath: workDirectory)
    } else {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("raccord-bench-\(UUID().uuidString)")
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if temporary { try? FileManager.default.removeItem(at: folder) } }

    let sts = folder.appendingPathComponent("sts_emp_0789990K_2025.xml")
    let nomenclature = folder.appendingPathComponent("Nomenclature.xml")
    log("Génération de \(sts.lastPathComponent) (≈ \(targetMegabytes) Mo)…")
    try SyntheticExports.writeSTS(to: sts, targetBytes: Int64(targetMegabytes) * 1_048_576)
    log("Génération de \(nomenclature.lastPathComponent)…")
    try SyntheticExports.writeNomenclature(to: nomenclature, mefs: 2_000, matieres: 3_000, rowsPerMEF: 30)

    var measures: [Measure] = []
    for file in [sts, nomenclature] {
      let database = folder.appendingPathComponent("bench-\(file.deletingPathExtension().lastPathComponent).sqlite")
      try? FileManager.default.removeItem(at: database)
      let raccord = Raccord(database: try AppDatabase(path: database.path), dataDirectory: nil)
      log("Import de \(file.lastPathComponent)…")
      resetPeakMemory()
      let start = Date()
      let report = try raccord.importFiles([file.path], diagnostics: DiagnosticCollector())
      let seconds = Date().timeIntervalSince(start)
      let peak = peakResidentMegabytes()
      var counts: [String: Int] = [:]
      if case .imported(let imported, _) = report.files.first?.outcome { counts = imported }
      let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0
      let readStart = Date()
      let input = try ImportInput(paths: [file.path])
      for importable in input.files {
        _ = try XMLImport.run(importable, into: DiscardingSink(), diagnostics: DiagnosticCollector())
      }
      let readOnly = Date().timeIntervalSince(readStart)
      measures.append(
        Measure(
          name: file.lastPathComponent, bytes: size, seconds: seconds, peakResidentMB: peak,
          xmllintSeconds: xmllintSeconds(file), readOnlySeconds: readOnly, counts: counts))
    }
    var report = Report(measures: measures)
    if let dataDirectory {
      log("Banc des vérifications (2 000 élèves, 3 trimestres)…")
      report.checks = try checks(in: folder, dataDirectory: dataDirectory, pupils: 2_000)
    }
    for scale in [1, 2] {
      report.matching.append(matching(subjects: 250 * scale, matieres: 3_000, teachers: 100 * scale, people: 2_000))
    }
    return report
  }

  /// Times suggestions on synthetic but realistic data: gradebook labels are official labels
  /// abbreviated, upper-cased or reordered; teachers are STS people with accents dropped.
  public static func matching(subjects: Int, matieres: Int, teachers: Int, people: Int) -> MatchingMeasure {
    let words = [
      "HISTOIRE", "GEOGRAPHIE", "SCIENCES", "PHYSIQUE", "CHIMIE", "EDUCATION", "MUSICALE", "LANGUE", "VIVANTE",
      "TECHNOLOGIE", "ARTS", "PLASTIQUES", "MATHEMATIQUES", "FRANCAIS", "ANGLAIS", "ESPAGNOL", "ALLEMAND", "LATIN",
      "ECONOMIE", "DROIT", "GESTION", "ATELIER", "PRATIQUE", "ENSEIGNEMENT", "MORAL", "CIVIQUE", "SPORTIVE",
    ]
    var catalogue: [CatalogueEntry] = []
    var programme: [String: Set<String>] = [:]
    for index in 0..<matieres {
      let label = (0..<3).map { words[(index * 7 + $0 * 11) % words.count] }.joined(separator: " ") + " \(index)"
      let code = String(format: "%06d", index * 100 % 1_000_000)
      catalogue.append(
        CatalogueEntry(code: code, codeGestion: "G\(index)", libelleLong: label, libelleEdition: label.capitalized))
      if index % 10 == 0 { programme[code] = ["S"] }
    }
    let matcher = SubjectMatcher(catalogue: catalogue, tables: MappingTables())
    let context = SubjectContext(description: "banc d'essai", programme: programme, yearStart: "2025-09-01")
    let queries = (0..<subjects).map { index -> SubjectQuery in
      let entry = catalogue[(index * 13) % catalogue.count]
      let label =
        index % 2 == 0
        ? entry.libelleEdition! : String(entry.libelleLong!.split(separator: " ").reversed().joined(separator: "."))
      return SubjectQuery(label: label, code: index % 3 == 0 ? entry.code : nil)
    }
    var start = Date()
    for query in queries { _ = matcher.suggest(query, in: context) }
    let subjectSeconds = Date().timeIntervalSince(start)

    let names = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU"]
    let first = ["Élodie", "Rémi", "Chloé", "Jérôme", "Inès", "Loïc", "Maëlle", "Noé"]
    let staff = (0..<people).map { index in
      STSPerson(
        id: "\(10_000 + index)", list: "individu", nomUsage: "\(names[index % names.count])-\(index / names.count)",
        nomPatronymique: names[(index + 3) % names.count], prenom: first[index % first.count], fonction: "ENS")
    }
    let teacherMatcher = TeacherMatcher(people: staff)
    let teacherQueries = (0..<teachers).map { index -> TeacherQuery in
      let person = staff[(index * 17) % staff.count]
      return TeacherQuery(
        idSTS: index % 2 == 0 ? person.id : nil, nom: person.nomUsage?.lowercased(),
        prenom: person.prenom?.folding(options: .diacriticInsensitive, locale: nil))
    }
    start = Date()
    for query in teacherQueries { _ = teacherMatcher.suggest(query) }
    let teacherSeconds = Date().timeIntervalSince(start)
    return MatchingMeasure(
      subjects: subjects, matieres: matieres, teachers: teachers, people: people, subjectSeconds: subjectSeconds,
      teacherSeconds: teacherSeconds)
  }

  /// Imports a lycée-sized LSU file (2,000 pupils, 3 periods, 15 subjects each) next to a matching
  /// nomenclature and STS export, then runs every check.
  static func checks(in folder: URL, dataDirectory: URL, pupils: Int) throws -> ChecksMeasure {
    let nomenclature = folder.appendingPathComponent("bench-Nomenclature-college.xml")
    let sts = folder.appendingPathComponent("bench-sts.xml")
    let lsu = folder.appendingPathComponent("bench-lsu.xml")
    try SyntheticExports.writeCollegeNomenclature(to: nomenclature)
    try SyntheticExports.writeSTS(to: sts, targetBytes: 1_500_000)
    let acquis = try SyntheticExports.writeLSU(to: lsu, pupils: pupils, periods: 3)
    let database = folder.appendingPathComponent("bench-checks.sqlite")
    try? FileManager.default.removeItem(at: database)
    let raccord = Raccord(database: try AppDatabase(path: database.path), dataDirectory: dataDirectory)
    _ = try raccord.importFiles([nomenclature.path, sts.path], diagnostics: DiagnosticCollector())
    resetPeakMemory()
    var start = Date()
    _ = try raccord.importFiles([lsu.path], diagnostics: DiagnosticCollector())
    let importSeconds = Date().timeIntervalSince(start)
    start = Date()
    let report = try raccord.runChecks()
    let checkSeconds = Date().timeIntervalSince(start)
    let size = (try FileManager.default.attributesOfItem(atPath: lsu.path)[.size] as? NSNumber)?.int64Value ?? 0
    return ChecksMeasure(
      pupils: pupils, acquis: acquis, bytes: size, importSeconds: importSeconds, checkSeconds: checkSeconds,
      peakResidentMB: peakResidentMegabytes(), findings: report.findings.count)
  }

  /// Resets the kernel's peak-RSS counter of this process (Linux), so that the next reading covers
  /// only what follows.
  static func resetPeakMemory() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
  }

  static func peakResidentMegabytes() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let digits = line.split(separator: " ").compactMap { Double($0) }.first
      return digits.map { $0 / 1024 }
    }
    return nil
  }

  static func xmllintSeconds(_ file: URL) -> Double? {
    let candidates = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"]
    guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["--stream", "--noout", file.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = Date()
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    return Date().timeIntervalSince(start)
  }
}

/// Keeps nothing: measures reading alone.
final class DiscardingSink: ImportSink {
  func begin(_ header: FileHeader) throws {}
  func add(_ record: ImportRecord) throws {}
}

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
