/// A discipline as the gradebook declares it in its LSU file.
public struct GradebookDiscipline: Sendable, Hashable, Codable {
  /// The file-local id (`DI_…`).
  public var id: String
  public var code: String?
  public var codeNational: String?
  public var modalite: String?
  public var libelle: String?
  public var line: Int?

  public init(id: String, line: Int? = nil) {
    self.id = id
    self.line = line
  }
}

/// A teacher as the gradebook declares it (LSU `enseignant`).
public struct GradebookTeacher: Sendable, Hashable, Codable {
  public var id: String
  public var type: String?
  public var idSTS: String?
  public var civilite: String?
  public var nom: String?
  public var prenom: String?
  public var line: Int?

  public init(id: String, line: Int? = nil) {
    self.id = id
    self.line = line
  }
}

/// A pupil of the gradebook's LSU file.
public struct GradebookPupil: Sendable, Hashable, Codable {
  public var id: String
  /// SIECLE `ELEVE_ID`.
  public var idBE: String?
  public var nom: String?
  public var prenom: String?
  public var codeDivision: String?
  public var line: Int?

  public init(id: String, line: Int? = nil) {
    self.id = id
    self.line = line
  }
}

public struct GradebookPeriod: Sendable, Hashable, Codable {
  public var id: String
  public var millesime: String?
  public var indice: Int?
  public var nbPeriodes: Int?
  public var line: Int?

  public init(id: String, line: Int? = nil) {
    self.id = id
    self.line = line
  }
}

/// One subject's assessment in a bilan périodique: what it has, not its text.
public struct GradebookAcquis: Sendable, Hashable, Codable {
  public var disciplineRef: String
  public var teacherRefs: [String] = []
  public var elementProgrammeRefs: [String] = []
  public var hasAppraisal = false
  public var moyenne: String?
  /// `moyenne-structure`: the class average sent with the grade.
  public var moyenneStructure: String?
  public var positionnement: String?
  public var statutEvaluation: String?
  /// Schemas before 10.0: `eleve-non-note="true"`.
  public var nonNote = false
  public var line: Int?

  public init(disciplineRef: String, line: Int? = nil) {
    self.disciplineRef = disciplineRef
    self.line = line
  }
}

/// A bilan périodique: one pupil, one period.
public struct GradebookBilan: Sendable, Hashable, Codable {
  public var pupilRef: String
  public var periodRef: String
  public var dateConseil: String?
  public var dateScolarite: String?
  public var profPrincRefs: [String] = []
  public var hasCouncilAppraisal = false
  public var hasSchoolLife = false
  public var acquis: [GradebookAcquis] = []
  public var line: Int?

  public init(pupilRef: String, periodRef: String, line: Int? = nil) {
    self.pupilRef = pupilRef
    self.periodRef = periodRef
    self.line = line
  }
}

/// A bilan de fin de cycle (cycle 3 at the end of 6e, cycle 4 at the end of 3e): its socle
/// positionings, whether the synthèse is there, and its enseignement de complément.
public struct GradebookCycleBilan: Sendable, Hashable, Codable {
  public var pupilRef: String
  public var cycle: String?
  public var millesime: String?
  /// How many `socle/domaine` elements it has.
  public var domains: Int
  public var hasSynthesis: Bool
  /// Socle domain code (`CPD_FRA`, `MET_APP`…) → its positionnement (`0` dispensé, `1`…`4`), as sent.
  public var socle: [String: String] = [:]
  /// `enseignement-complement/@code` (`AUC`, `LCA`, `CHK`…).
  public var complementCode: String?
  /// `enseignement-complement/@positionnement`: `1` objectifs atteints, `2` dépassés.
  public var complementPositionnement: String?
  public var line: Int?

  public init(pupilRef: String, cycle: String?, millesime: String?, domains: Int, hasSynthesis: Bool, line: Int?) {
    self.pupilRef = pupilRef
    self.cycle = cycle
    self.millesime = millesime
    self.domains = domains
    self.hasSynthesis = hasSynthesis
    self.line = line
  }

  /// The eight domains of the socle commun, in LSU's order, with their French names.
  public static let socleDomains: [(code: String, label: String)] = [
    ("CPD_FRA", "comprendre, s'exprimer en utilisant la langue française"),
    ("CPD_ETR", "comprendre, s'exprimer en utilisant une langue étrangère ou régionale"),
    ("CPD_SCI", "comprendre, s'exprimer en utilisant les langages mathématiques, scientifiques et informatiques"),
    ("CPD_ART", "comprendre, s'exprimer en utilisant les langages des arts et du corps"),
    ("MET_APP", "les méthodes et outils pour apprendre"),
    ("FRM_CIT", "la formation de la personne et du citoyen"),
    ("SYS_NAT", "les systèmes naturels et les systèmes techniques"),
    ("REP_MND", "les représentations du monde et l'activité humaine"),
  ]

  /// `CPD_FRA=3 CPD_ETR=4 …`, as stored.
  public var socleText: String {
    socle.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
  }

  public static func socle(parsing text: String?) -> [String: String] {
    var result: [String: String] = [:]
    for pair in (text ?? "").split(separator: " ") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
    }
    return result
  }
}

/// One row of a gradebook's services CSV: who teaches what to which division or group.
public struct GradebookService: Sendable, Hashable, Codable {
  public var structure: String
  public var subjectLabel: String
  public var subjectCode: String?
  public var teacherNom: String?
  public var teacherPrenom: String?
  public var teacherSTSId: String?
  public var coTeaching: Bool?
  public var line: Int?

  public init(structure: String, subjectLabel: String, line: Int? = nil) {
    self.structure = structure
    self.subjectLabel = subjectLabel
    self.line = line
  }
}

/// How a class is evaluated in LSU ("Paramétrage par classe"), as the head of school set it there.
public struct ClassSetting: Sendable, Hashable, Codable {
  public enum Positioning: String, Sendable, Codable, CaseIterable {
    /// With grades (`moyenne-eleve`).
    case notes
    /// On a scale of 1 to 4 (`positionnement`).
    case echelle
    /// By learning objectives, sent as a 1–4 `positionnement` too.
    case objectifs

    /// The word staff read.
    public var french: String {
      switch self {
      case .notes: "avec notes"
      case .echelle: "positionnement sur une échelle de 1 à 4"
      case .objectifs: "objectifs d'apprentissage"
      }
    }

    /// Whether acquis of this class carry grades (else 1–4 positionings).
    public var usesGrades: Bool { self == .notes }
  }

  public var division: String
  public var positioning: Positioning
  /// "avec moyenne de classe": whether the class average may be sent.
  public var classAverage: Bool

  public init(division: String, positioning: Positioning, classAverage: Bool) {
    self.division = division
    self.positioning = positioning
    self.classAverage = classAverage
  }
}
