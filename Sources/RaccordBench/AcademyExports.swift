import Exports
import Foundation
import RaccordCore

/// A generated académie: one sub-folder per school with its SIECLE nomenclature, SIECLE pupils,
/// STS Web export and gradebook LSU file, in the formats the importers read, with anomalies
/// planted at fixed rates. Everything follows from the seed: the same seed writes the same bytes.
public enum AcademyExports {
  /// What kind of school, which fixes its MEF, its subjects and its size.
  public enum Kind: String, Sendable, CaseIterable {
    /// 300 to 900 pupils, 6e to 3e.
    case college
    /// 800 to 2,000 pupils, 2nde to terminale générale.
    case lycee
    /// A small rural collège, 80 to 250 pupils.
    case small
  }

  /// The anomalies a school may carry, each with the check that must find it.
  public enum Anomaly: String, Sendable, CaseIterable, Comparable {
    /// STS Web: one or two divisions' history-geography service under the other level's code (not
    /// in the division's programme).
    case offProgrammeService
    /// Gradebook: a subject renamed by the school, with a local code (a review item).
    case renamedSubject
    /// Gradebook: a teacher with a local identifier where STS Web has them under its own (a review item).
    case teacherWithoutSTSId
    /// Gradebook: one division's bilans without the class council's date.
    case councilDateMissing
    /// Gradebook: pupils who arrived after the SIECLE export.
    case pupilUnknown

    /// The share of schools that carry it.
    public var rate: Double {
      switch self {
      case .offProgrammeService: 0.30
      case .renamedSubject: 0.35
      case .teacherWithoutSTSId: 0.25
      case .councilDateMissing: 0.15
      case .pupilUnknown: 0.10
      }
    }

    /// The id of the check that reports it.
    public var rule: String {
      switch self {
      case .offProgrammeService: "service-off-programme"
      case .renamedSubject: "subject-unknown"
      case .teacherWithoutSTSId: "teacher-without-sts-id"
      case .councilDateMissing: "council-date-missing"
      case .pupilUnknown: "pupil-unknown"
      }
    }

    public static func < (a: Anomaly, b: Anomaly) -> Bool { a.rawValue < b.rawValue }
  }

  /// One generated school.
  public struct School: Sendable {
    public var folder: String
    public var uai: String
    public var name: String
    public var kind: Kind
    public var pupils: Int
    public var divisions: Int
    public var anomalies: Set<Anomaly>
  }

  /// A small deterministic generator (SplitMix64).
  struct Random {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
      range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool {
      Double(next() >> 11) / Double(1 << 53) < probability
    }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
  }

  /// A fictional UAI (département 099 does not exist) with its right check letter.
  public static func uai(_ index: Int) -> String {
    let number = 990_000 + index % 10_000
    return String(format: "%07d", number) + String(Array("ABCDEFGHJKLMNPRSTUVWXYZ")[number % 23])
  }

  /// The schools of an académie of `count` schools, without writing anything: about 75 % collèges,
  /// 17 % lycées, 8 % small collèges.
  public static func plan(count: Int, seed: UInt64 = 2025) -> [School] {
    (0..<count).map { index in
      var random = Random(seed: seed &* 1_000_003 &+ UInt64(index))
      let draw = random.int(0...99)
      let kind: Kind = draw < 75 ? .college : draw < 92 ? .lycee : .small
      let pupils: Int
      switch kind {
      case .college: pupils = random.int(300...900)
      case .lycee: pupils = random.int(800...2_000)
      case .small: pupils = random.int(80...250)
      }
      let levels = kind == .lycee ? 3 : 4
      let perDivision = kind == .lycee ? 34 : kind == .small ? 22 : 27
      let divisions = levels * max(1, Int((Double(pupils) / Double(levels * perDivision)).rounded()))
      var anomalies: Set<Anomaly> = []
      for anomaly in Anomaly.allCases where random.chance(anomaly.rate) { anomalies.insert(anomaly) }
      let sigle = kind == .lycee ? "LYCEE" : "COLLEGE"
      let name = "\(sigle) \(random.pick(patrons)) \(random.pick(towns))"
      return School(
        folder: String(format: "%04d-", index + 1) + uai(index), uai: uai(index), name: name, kind: kind,
        pupils: pupils, divisions: divisions, anomalies: anomalies)
    }
  }

  /// Writes the académie into `folder` (one sub-folder per school) and returns its schools.
  /// - Parameter progress: called after each school.
  @discardableResult
  public static func write(
    count: Int, to folder: URL, seed: UInt64 = 2025, progress: (Int, Int) -> Void = { _, _ in }
  ) throws -> [School] {
    try write(plan(count: count, seed: seed), to: folder, seed: seed, progress: progress)
  }

  /// Writes the given schools (from ``plan(count:seed:)``, possibly with other anomalies).
  @discardableResult
  public static func write(
    _ schools: [School], to folder: URL, seed: UInt64 = 2025, progress: (Int, Int) -> Void = { _, _ in }
  ) throws -> [School] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (index, school) in schools.enumerated() {
      let target = folder.appendingPathComponent(school.folder)
      try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
      var random = Random(seed: seed &* 7_919 &+ UInt64(index) &* 104_729)
      try SchoolWriter(school: school, random: &random).write(to: target)
      progress(index + 1, schools.count)
    }
    return schools
  }

  static let patrons = [
    "JEAN MOULIN", "VICTOR HUGO", "JULES FERRY", "MARIE CURIE", "LOUISE MICHEL", "JEAN JAURES", "PABLO PICASSO",
    "SIMONE VEIL", "ALBERT CAMUS", "GEORGE SAND", "LES TILLEULS", "PIERRE MENDES FRANCE", "OLYMPE DE GOUGES",
    "CAMILLE CLAUDEL", "ANTOINE DE SAINT-EXUPERY", "JACQUES PREVERT", "ROSA PARKS", "GUSTAVE EIFFEL",
  ]
  static let towns = [
    "DE VAL-FLEURI", "DE SAINT-ANDRE-LES-PINS", "DE BOURG-SUR-ORNE", "DE MONTVAL", "DE LA COMBE", "DES TROIS-RIVES",
    "DE PORT-AUBRAC", "DE VILLENEUVE-LES-BOIS", "DE SAINTE-CLAIRE", "DU HAUT-PLATEAU",
  ]
  static let surnames = [
    "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON",
    "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL",
    "GIRARD", "ANDRE", "MERCIER", "DUPONT", "LAMBERT", "BONNET", "FRANCOIS", "MARTINEZ", "LEGRAND", "GARNIER",
    "FAURE", "ROUSSEAU", "BLANC", "GUERIN", "MULLER", "HENRY", "ROUSSEL", "NICOLAS", "PERRIN", "MORIN", "MATHIEU",
    "CLEMENT", "GAUTHIER", "DUMONT", "LOPEZ", "FONTAINE", "CHEVALIER", "ROBIN", "MASSON", "NGUYEN", "DIALLO",
  ]
  static let firstNames = [
    "Léna", "Sacha", "Inès", "Noah", "Maëlys", "Adam", "Chloé", "Gabriel", "Jade", "Louis", "Emma", "Raphaël",
    "Louise", "Arthur", "Alice", "Jules", "Lina", "Hugo", "Rose", "Nathan", "Zoé", "Timéo", "Anna", "Éthan",
  ]
}

/// Writes one school's four files.
struct SchoolWriter {
  struct Subject {
    var code: String
    var gestion: String
    var label: String
    var gradebook: String
    var modalite: String
    var hours: Double
    /// The levels (0-based) whose programme holds it.
    var levels: Set<Int>
  }

  struct Teacher {
    var id: Int
    var nom: String
    var prenom: String
    var subject: String
  }

  let school: AcademyExports.School
  let levels: [(label: String, prefix: String, mef: String)]
  let subjects: [Subject]
  /// In the catalogue, in no programme: what an off-programme service uses.
  let offProgramme: (code: String, gestion: String, label: String)
  /// Division code → level.
  var divisions: [(code: String, level: Int)] = []
  var teachers: [Teacher] = []
  /// (division, subject code) → teacher id.
  var assignment: [String: Int] = [:]
  /// Pupil id → division.
  var pupils: [(id: Int, nom: String, prenom: String, division: Int)] = []
  var random: AcademyExports.Random

  init(school: AcademyExports.School, random: inout AcademyExports.Random) {
    self.school = school
    self.random = random
    if school.kind == .lycee {
      levels = [
        ("SECONDE", "2NDE", "20010018110"), ("PREMIERE", "1G", "20110019110"), ("TERMINALE", "TG", "20210019110"),
      ]
      subjects = [
        Subject(
          code: "020700", gestion: "FRANC", label: "FRANCAIS", gradebook: "FRANCAIS", modalite: "S", hours: 4,
          levels: [0, 1]),
        Subject(
          code: "061300", gestion: "MATHS", label: "MATHEMATIQUES", gradebook: "MATHEMATIQUES", modalite: "S",
          hours: 4, levels: [0, 1, 2]),
        Subject(
          code: "043700", gestion: "HI-GE", label: "HISTOIRE-GEOGRAPHIE", gradebook: "HISTOIRE-GEOGRAPHIE",
          modalite: "S", hours: 3, levels: [0, 1, 2]),
        Subject(
          code: "030201", gestion: "AGL1", label: "ANGLAIS LV1", gradebook: "ANGLAIS LV1", modalite: "O", hours: 3,
          levels: [0, 1, 2]),
        Subject(
          code: "030602", gestion: "ESP2", label: "ESPAGNOL LV2", gradebook: "ESPAGNOL LV2", modalite: "O",
          hours: 2.5, levels: [0, 1, 2]),
        Subject(
          code: "100100", gestion: "EPS", label: "EDUCATION PHYSIQUE ET SPORTIVE", gradebook: "ED.PHYSIQUE & SPORT.",
          modalite: "S", hours: 2, levels: [0, 1, 2]),
        Subject(
          code: "062300", gestion: "PH-CH", label: "PHYSIQUE-CHIMIE", gradebook: "PHYSIQUE-CHIMIE", modalite: "S",
          hours: 3, levels: [0]),
        Subject(
          code: "062900", gestion: "SVT", label: "SCIENCES DE LA VIE ET DE LA TERRE", gradebook: "SCIENCES VIE & TERRE",
          modalite: "S", hours: 1.5, levels: [0]),
        Subject(
          code: "050700", gestion: "SES", label: "SCIENCES ECONOMIQUES ET SOCIALES", gradebook: "SES", modalite: "S",
          hours: 1.5, levels: [0]),
        Subject(
          code: "074600", gestion: "SNTEC", label: "SCIENCES NUMERIQUES ET TECHNOLOGIE", gradebook: "SNT",
          modalite: "S", hours: 1.5, levels: [0]),
        Subject(
          code: "065300", gestion: "G-SCI", label: "ENSEIGNEMENT SCIENTIFIQUE", gradebook: "ENS. SCIENTIFIQUE",
          modalite: "S", hours: 2, levels: [1, 2]),
      ]
      offProgramme = ("042100", "HIGCV", "HISTOIRE-GEOGRAPHIE-ENS. MORAL & CIVIQUE")
    } else {
      levels = [
        ("6EME", "6", "10010012110"), ("5EME", "5", "10110001110"), ("4EME", "4", "10210001110"),
        ("3EME", "3", "10310019110"),
      ]
      subjects = [
        Subject(
          code: "020700", gestion: "FRANC", label: "FRANCAIS", gradebook: "FRANCAIS", modalite: "S", hours: 4.5,
          levels: [0, 1, 2, 3]),
        Subject(
          code: "061300", gestion: "MATHS", label: "MATHEMATIQUES", gradebook: "MATHEMATIQUES", modalite: "S",
          hours: 4.5, levels: [0, 1, 2, 3]),
        Subject(
          code: "042100", gestion: "HIGCV", label: "HISTOIRE-GEOGRAPHIE-ENS. MORAL & CIVIQUE",
          gradebook: "HISTOIRE-GEOGRAPHIE-EMC", modalite: "S", hours: 3, levels: [0, 1, 2, 3]),
        Subject(
          code: "030201", gestion: "AGL1", label: "ANGLAIS LV1", gradebook: "ANGLAIS LV1", modalite: "O", hours: 4,
          levels: [0, 1, 2, 3]),
        Subject(
          code: "030602", gestion: "ESP2", label: "ESPAGNOL LV2", gradebook: "ESPAGNOL LV2", modalite: "O",
          hours: 2.5, levels: [1, 2, 3]),
        Subject(
          code: "100100", gestion: "EPS", label: "EDUCATION PHYSIQUE ET SPORTIVE", gradebook: "ED.PHYSIQUE & SPORT.",
          modalite: "S", hours: 4, levels: [0, 1, 2, 3]),
        Subject(
          code: "062300", gestion: "PH-CH", label: "PHYSIQUE-CHIMIE", gradebook: "SC.PHYSIQ.ET CHIMIQ.",
          modalite: "S", hours: 1.5, levels: [1, 2, 3]),
        Subject(
          code: "062900", gestion: "SVT", label: "SCIENCES DE LA VIE ET DE LA TERRE", gradebook: "SCIENCES VIE & TERRE",
          modalite: "S", hours: 1.5, levels: [0, 1, 2, 3]),
        Subject(
          code: "070800", gestion: "TECHN", label: "TECHNOLOGIE", gradebook: "TECHNOLOGIE", modalite: "S", hours: 1.5,
          levels: [1, 2, 3]),
        Subject(
          code: "090100", gestion: "A-PLA", label: "ARTS PLASTIQUES", gradebook: "ARTS PLASTIQUES", modalite: "S",
          hours: 1, levels: [0, 1, 2, 3]),
        Subject(
          code: "081300", gestion: "EDMUS", label: "EDUCATION MUSICALE", gradebook: "EDUCATION MUSICALE",
          modalite: "S", hours: 1, levels: [0, 1, 2, 3]),
      ]
      offProgramme = ("043700", "HI-GE", "HISTOIRE-GEOGRAPHIE")
    }
    let perLevel = school.divisions / levels.count
    for (level, entry) in levels.enumerated() {
      for rank in 0..<perLevel {
        let code =
          school.kind == .lycee
          ? "\(entry.prefix)\(rank + 1)" : "\(entry.prefix)\(Character(UnicodeScalar(UInt8(65 + rank))))"
        divisions.append((code, level))
      }
    }
    // Teachers: each subject's hours over 18-hour services, at least one per subject.
    var nextID = 8_000 + self.random.int(0...500)
    for subject in subjects {
      let hours = Double(divisions.filter { subject.levels.contains($0.level) }.count) * subject.hours
      let count = max(1, Int((hours / 18).rounded(.up)))
      var ids: [Int] = []
      for _ in 0..<count {
        nextID += self.random.int(1...40)
        teachers.append(
          Teacher(
            id: nextID, nom: self.random.pick(AcademyExports.surnames),
            prenom: self.random.pick(AcademyExports.firstNames), subject: subject.code))
        ids.append(nextID)
      }
      for (index, division) in divisions.enumerated() where subject.levels.contains(division.level) {
        assignment["\(division.code)|\(subject.code)"] = ids[index % ids.count]
      }
    }
    var pupilID = 2_700_000 + self.random.int(0...90_000)
    for pupil in 0..<school.pupils {
      pupilID += self.random.int(1...37)
      pupils.append(
        (
          pupilID, self.random.pick(AcademyExports.surnames), self.random.pick(AcademyExports.firstNames),
          pupil * divisions.count / school.pupils
        ))
    }
    random = self.random
  }

  func write(to folder: URL) throws {
    var copy = self
    try copy.writeNomenclature(folder.appendingPathComponent("Nomenclature.xml"))
    try copy.writePupils(folder.appendingPathComponent("ElevesSansAdresses.xml"))
    try copy.writeSTS(folder.appendingPathComponent("sts_emp_\(school.uai)_2025.xml"))
    try copy.writeLSU(folder.appendingPathComponent("lsu-bilans-2025-T1.xml"))
  }

  mutating func writeNomenclature(_ url: URL) throws {
    let out = try SyntheticExports.Writer(url)
    out.line(#"<?xml version="1.0" encoding="ISO-8859-15"?>"#)
    out.line(#"<BEE_NOMENCLATURES VERSION="3.1">"#)
    out.line(
      "  <PARAMETRES><UAJ>\(school.uai)</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>"
        + "<DATE_EXPORT>26/09/2025</DATE_EXPORT><HORODATAGE>26/09/2025 16:02:55</HORODATAGE></PARAMETRES>")
    out.line("  <DONNEES>")
    out.line("    <MEFS>")
    for level in levels {
      out.line(
        #"      <MEF CODE_MEF="\#(level.mef)"><FORMATION>\#(level.label)</FORMATION>"#
          + "<LIBELLE_LONG>\(level.label)</LIBELLE_LONG><MEF_SELECTIONNE>1</MEF_SELECTIONNE></MEF>")
    }
    out.line("    </MEFS>")
    out.line("    <MATIERES>")
    let others: [(String, String, String)] = [
      (offProgramme.code, offProgramme.gestion, offProgramme.label), ("008400", "VICLA", "VIE DE CLASSE"),
    ]
    let catalogue = subjects.map { ($0.code, $0.gestion, $0.label) } + others
    for (code, gestion, label) in catalogue.sorted(by: { $0.0 < $1.0 }) {
      out.line(
        #"      <MATIERE CODE_MATIERE="\#(code)"><CODE_GESTION>\#(gestion)</CODE_GESTION>"#
          + "<LIBELLE_COURT>\(gestion)</LIBELLE_COURT><LIBELLE_LONG>\(XMLText.escape(label))</LIBELLE_LONG>"
          + "<LIBELLE_EDITION>\(XMLText.escape(label.capitalized))</LIBELLE_EDITION><MATIERE_ETP>0</MATIERE_ETP></MATIERE>"
      )
    }
    out.line("    </MATIERES>")
    out.line("    <PROGRAMMES>")
    for (index, level) in levels.enumerated() {
      for subject in subjects where subject.levels.contains(index) {
        out.line(
          "      <PROGRAMME><CODE_MEF>\(level.mef)</CODE_MEF><CODE_MATIERE>\(subject.code)</CODE_MATIERE>"
            + "<CODE_MODALITE_ELECT>\(subject.modalite)</CODE_MODALITE_ELECT>"
            + String(format: "<HORAIRE>%.2f</HORAIRE></PROGRAMME>", subject.hours))
      }
    }
    out.line("    </PROGRAMMES>")
    out.line("  </DONNEES>")
    out.line("</BEE_NOMENCLATURES>")
    try out.close()
  }

  mutating func writePupils(_ url: URL) throws {
    let out = try SyntheticExports.Writer(url)
    out.line(#"<?xml version="1.0" encoding="ISO-8859-15"?>"#)
    out.line(#"<BEE_ELEVES VERSION="3.0">"#)
    out.line(
      "  <PARAMETRES><UAJ>\(school.uai)</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE><DATE_EXPORT>26/09/2025</DATE_EXPORT>"
        + "<HORODATAGE>26/09/2025 16:02:55</HORODATAGE></PARAMETRES>")
    out.line("  <DONNEES>")
    out.line("    <ELEVES>")
    let birthYear = school.kind == .lycee ? 2010 : 2014
    for (rank, pupil) in pupils.enumerated() {
      let level = divisions[pupil.division].level
      out.line(#"      <ELEVE ELEVE_ID="\#(pupil.id)" ELENOET="\#(25_001 + rank)">"#)
      out.line(
        "        <ELENOET>\(25_001 + rank)</ELENOET><NOM_DE_FAMILLE>\(pupil.nom)</NOM_DE_FAMILLE>"
          + "<PRENOM>\(pupil.prenom)</PRENOM>"
          + String(format: "<DATE_NAISS>%02d/%02d/%d</DATE_NAISS>", 1 + rank % 28, 1 + rank % 12, birthYear - level)
          + "<CODE_SEXE>\(1 + rank % 2)</CODE_SEXE><CODE_STATUT>ST</CODE_STATUT>"
          + "<DATE_ENTREE>01/09/2025</DATE_ENTREE><CODE_MEF>\(levels[level].mef)</CODE_MEF>")
      out.line("      </ELEVE>")
    }
    out.line("    </ELEVES>")
    out.line("    <STRUCTURES>")
    for pupil in pupils {
      out.line(
        #"      <STRUCTURES_ELEVE ELEVE_ID="\#(pupil.id)"><STRUCTURE><CODE_STRUCTURE>\#(divisions[pupil.division].code)"#
          + "</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>")
    }
    out.line("    </STRUCTURES>")
    out.line("  </DONNEES>")
    out.line("</BEE_ELEVES>")
    try out.close()
  }

  mutating func writeSTS(_ url: URL) throws {
    let out = try SyntheticExports.Writer(url)
    let (sigle, rest) =
      school.kind == .lycee ? ("LYC", String(school.name.dropFirst(6))) : ("CLG", String(school.name.dropFirst(8)))
    out.line(#"<?xml version="1.0" encoding="ISO-8859-15"?>"#)
    out.line("<STS_EDT>")
    out.line("  <PARAMETRES>")
    out.line(#"    <UAJ CODE="\#(school.uai)"><ACADEMIE><CODE>99</CODE><LIBELLE>FICTIVE</LIBELLE></ACADEMIE>"#)
    out.line(
      "      <SIGLE>\(sigle)</SIGLE><DENOM_PRINC>\(school.kind == .lycee ? "LYCEE" : "COLLEGE")</DENOM_PRINC>"
        + "<DENOM_COMPL>\(rest)</DENOM_COMPL></UAJ>")
    out.line(
      #"    <ANNEE_SCOLAIRE ANNEE="2025"><DATE_DEBUT>2025-09-01</DATE_DEBUT><DATE_FIN>2026-08-31</DATE_FIN></ANNEE_SCOLAIRE>"#
    )
    out.line("  </PARAMETRES>")
    out.line("  <NOMENCLATURES>")
    out.line("    <MATIERES>")
    for subject in subjects {
      out.line(
        #"      <MATIERE CODE="\#(subject.code)"><CODE_GESTION>\#(subject.gestion)</CODE_GESTION>"#
          + "<LIBELLE_COURT>\(subject.gestion)</LIBELLE_COURT><LIBELLE_LONG>\(XMLText.escape(subject.label))"
          + "</LIBELLE_LONG></MATIERE>")
    }
    out.line("    </MATIERES>")
    out.line("    <MEFS>")
    for level in levels {
      out.line(
        #"      <MEF CODE="\#(level.mef)"><FORMATION>\#(level.label)</FORMATION><LIBELLE_LONG>\#(level.label)</LIBELLE_LONG></MEF>"#
      )
    }
    out.line("    </MEFS>")
    out.line("  </NOMENCLATURES>")
    out.line("  <DONNEES>")
    out.line("    <INDIVIDUS>")
    for teacher in teachers {
      out.line(#"      <INDIVIDU ID="\#(teacher.id)" TYPE="epp">"#)
      out.line(
        "        <NOM_USAGE>\(teacher.nom)</NOM_USAGE><NOM_PATRONYMIQUE>\(teacher.nom)</NOM_PATRONYMIQUE>"
          + "<PRENOM>\(teacher.prenom)</PRENOM><FONCTION>ENS</FONCTION>")
      out.line("      </INDIVIDU>")
    }
    out.line("    </INDIVIDUS>")
    out.line("    <STRUCTURE>")
    out.line("      <DIVISIONS>")
    // One or two divisions whose history-geography service uses the other level's code.
    let offDivisions: Set<Int> =
      school.anomalies.contains(.offProgrammeService)
      ? Set((0..<random.int(1...2)).map { _ in random.int(0...(divisions.count - 1)) }) : []
    let historyCode = school.kind == .lycee ? "043700" : "042100"
    for (index, division) in divisions.enumerated() {
      out.line(
        #"        <DIVISION CODE="\#(division.code)"><LIBELLE_LONG>\#(levels[division.level].label) \#(division.code)"#
          + "</LIBELLE_LONG><EFFECTIF_PREVU>\(school.pupils / divisions.count)</EFFECTIF_PREVU>")
      out.line(
        #"          <MEFS_APPARTENANCE><MEF_APPARTENANCE CODE="\#(levels[division.level].mef)"/></MEFS_APPARTENANCE>"#)
      out.line("          <SERVICES>")
      for subject in subjects where subject.levels.contains(division.level) {
        let teacher = assignment["\(division.code)|\(subject.code)"] ?? teachers[0].id
        let code = subject.code == historyCode && offDivisions.contains(index) ? offProgramme.code : subject.code
        let hours = String(format: "%.2f", subject.hours)
        out.line(
          #"            <SERVICE CODE_MATIERE="\#(code)" CODE_MOD_COURS="CG"><HEURES_STRUCTURE>\#(hours)</HEURES_STRUCTURE>"#
            + #"<ENSEIGNANTS><ENSEIGNANT ID="\#(teacher)" TYPE="epp"><HEURES_AGENT>\#(hours)</HEURES_AGENT>"#
            + "</ENSEIGNANT></ENSEIGNANTS></SERVICE>")
      }
      out.line("          </SERVICES>")
      out.line("        </DIVISION>")
    }
    out.line("      </DIVISIONS>")
    out.line("    </STRUCTURE>")
    out.line("  </DONNEES>")
    out.line("</STS_EDT>")
    try out.close()
  }

  static let renamings = [
    "020700": "FRANÇAIS", "061300": "MATHS", "042100": "HIST GEO", "043700": "HIST GEO", "030201": "ANGLAIS",
    "062900": "S V T", "062300": "PHYSIQUE CHIMIE", "070800": "TECHNO", "090100": "ARTS PLA", "081300": "MUSIQUE",
    "100100": "E.P.S.", "050700": "S.E.S.", "065300": "ENSEIGNEMENT SCIENT.",
  ]

  static let appraisals = [
    "Trimestre satisfaisant. Il faut continuer ainsi.",
    "Résultats justes. Un travail plus régulier permettra de progresser.",
    "Résultats fragiles ; la participation en classe doit devenir plus régulière.",
    "Très bon trimestre, travail sérieux et investi.",
    "Trimestre difficile : le travail personnel est trop irrégulier.",
  ]

  mutating func writeLSU(_ url: URL) throws {
    let out = try SyntheticExports.Writer(url, encoding: .utf8)
    out.line(#"<?xml version="1.0" encoding="UTF-8"?>"#)
    out.line(#"<lsun-bilans xmlns="urn:fr:edu:scolarite:lsun:bilans:import" schemaVersion="10.0">"#)
    out.line(
      "<entete><editeur>INDEX EDUCATION</editeur><application>PRONOTE</application>"
        + "<etablissement>\(school.uai)</etablissement></entete>")
    out.line("<donnees>")
    out.line(
      #"<responsables-etab><responsable-etab id="RESP_1" libelle="Le chef d'établissement"/></responsables-etab>"#)
    // Pupils who arrived after the SIECLE export: in the gradebook only.
    var listed = pupils
    if school.anomalies.contains(.pupilUnknown) {
      for extra in 0..<random.int(1...3) {
        listed.append((9_900_000 + extra, random.pick(AcademyExports.surnames), "Nouveau", extra % divisions.count))
      }
    }
    out.line("<eleves>")
    for pupil in listed {
      out.line(
        #"<eleve id="EL_\#(pupil.id)" id-be="\#(pupil.id)" nom="\#(pupil.nom)" prenom="\#(pupil.prenom)" code-division="\#(divisions[pupil.division].code)"/>"#
      )
    }
    out.line("</eleves>")
    out.line(#"<periodes><periode id="P_1" millesime="2025" indice="1" nb-periodes="3"/></periodes>"#)
    // A renamed subject: the school's own label and a local code.
    var renamed: [String: String] = [:]
    if school.anomalies.contains(.renamedSubject) {
      for _ in 0..<random.int(1...2) {
        let subject = random.pick(subjects.filter { Self.renamings[$0.code] != nil })
        renamed[subject.code] = "9999\(String(format: "%02d", renamed.count + 1))"
      }
    }
    func disciplineID(_ subject: Subject) -> String { "DI_\(renamed[subject.code] ?? subject.code)\(subject.modalite)" }
    out.line("<disciplines>")
    for subject in subjects {
      let code = renamed[subject.code] ?? subject.code
      let label = renamed[subject.code] != nil ? Self.renamings[subject.code]! : subject.gradebook
      out.line(
        #"<discipline id="\#(disciplineID(subject))" code="\#(code)" modalite-election="\#(subject.modalite)" libelle="\#(XMLText.escape(label))"/>"#
      )
    }
    out.line("</disciplines>")
    // A teacher under a local identifier: STS Web knows them under its own.
    let local: Int? = school.anomalies.contains(.teacherWithoutSTSId) ? random.pick(teachers).id : nil
    out.line("<enseignants>")
    for teacher in teachers {
      let (type, idSTS) = teacher.id == local ? ("local", 99_001) : ("epp", teacher.id)
      out.line(
        #"<enseignant id="ENS_\#(teacher.id)" type="\#(type)" id-sts="\#(idSTS)" civilite="\#(teacher.id % 2 == 0 ? "MME" : "M")" nom="\#(teacher.nom)" prenom="\#(teacher.prenom)"/>"#
      )
    }
    out.line("</enseignants>")
    out.line(
      #"<elements-programme><element-programme id="EP_1" libelle="Notions du programme travaillées ce trimestre"/></elements-programme>"#
    )
    let undated = school.anomalies.contains(.councilDateMissing) ? random.int(0...(divisions.count - 1)) : -1
    out.line("<bilans-periodiques>")
    for (rank, pupil) in listed.enumerated() {
      let division = divisions[pupil.division]
      let council =
        pupil.division == undated
        ? "" : #" date-conseil-classe="2025-12-\#(String(format: "%02d", 1 + pupil.division % 15))""#
      out.line(
        #"<bilan-periodique eleve-ref="EL_\#(pupil.id)" periode-ref="P_1"\#(council) date-scolarite="2025-09-01" responsable-etab-ref="RESP_1">"#
      )
      out.line("<liste-acquis>")
      for subject in subjects where subject.levels.contains(division.level) {
        let teacher = assignment["\(division.code)|\(subject.code)"] ?? teachers[0].id
        let mark = Double(6 + (rank * 7 + Int(subject.hours * 10)) % 14) + (rank % 4 == 0 ? 0.5 : 0)
        out.line(
          #"<acquis discipline-ref="\#(disciplineID(subject))" enseignant-refs="ENS_\#(teacher)" element-programme-refs="EP_1" moyenne-eleve="\#(mark)"><appreciation>\#(Self.appraisals[(rank + subject.code.count) % Self.appraisals.count])</appreciation></acquis>"#
        )
      }
      out.line("</liste-acquis>")
      out.line("<acquis-conseils>Bon trimestre dans l'ensemble.</acquis-conseils>")
      out.line(#"<vie-scolaire nb-retards="\#(rank % 3)" nb-abs-justifiees="\#(rank % 5)" nb-abs-injustifiees="0"/>"#)
      out.line("</bilan-periodique>")
    }
    out.line("</bilans-periodiques>")
    out.line("</donnees>")
    out.line("</lsun-bilans>")
    try out.close()
  }
}
