import Foundation
import RaccordCore

/// A gradebook subject and what it maps to, as the suggestions decided.
public struct SubjectResolution: Sendable, Hashable {
  public var disciplineIDs: [String]
  public var label: String
  public var code: String?
  public var modalite: String?
  public var divisions: [String]
  public var chosenCode: String?
  /// Accepted by a reviewer (this year or the previous one).
  public var accepted: Bool
  /// Accepted or proposed.
  public var resolved: Bool
  /// The review item it belongs to (`raccord suggest --format csv`, page Correspondances).
  public var reviewKey: String?
  /// The official label of `chosenCode`.
  public var chosenLabel: String?

  public init(
    disciplineIDs: [String], label: String, code: String?, modalite: String?, divisions: [String], chosenCode: String?,
    accepted: Bool, resolved: Bool, reviewKey: String? = nil, chosenLabel: String? = nil
  ) {
    self.reviewKey = reviewKey
    self.chosenLabel = chosenLabel
    self.disciplineIDs = disciplineIDs
    self.label = label
    self.code = code
    self.modalite = modalite
    self.divisions = divisions
    self.chosenCode = chosenCode
    self.accepted = accepted
    self.resolved = resolved
  }
}

/// The STS individual review found for a gradebook teacher.
public struct TeacherMatch: Sendable, Hashable {
  public var person: STSPerson
  /// Confirmed by a reviewer, or only proposed.
  public var accepted: Bool
  public var reviewKey: String

  public init(person: STSPerson, accepted: Bool, reviewKey: String) {
    self.person = person
    self.accepted = accepted
    self.reviewKey = reviewKey
  }
}

/// Everything a check reads: the school year's data and the review's outcome. No I/O.
public struct CheckInput: Sendable {
  public var data: SchoolYearData
  public var subjects: [SubjectResolution]
  /// (structure, matière, STS id) co-teaching confirmed by a reviewer.
  public var confirmedCoTeaching: Set<[String]>
  /// LSU teacher id → the STS individual review proposed or confirmed for that teacher.
  public var teacherMatches: [String: TeacherMatch] = [:]
  /// Adds libxml2's own messages to the French ones (`raccord check --verbose`).
  public var rawMessages = false
  /// Closed code → successor (from `Mappings/renames.csv`).
  public var successors: [String: String]

  public init(
    data: SchoolYearData, subjects: [SubjectResolution] = [], confirmedCoTeaching: Set<[String]> = [],
    successors: [String: String] = [:]
  ) {
    self.data = data
    self.subjects = subjects
    self.confirmedCoTeaching = confirmedCoTeaching
    self.successors = successors
  }

  public var uai: String { data.uai }
  public var year: Int { data.year }
  public var yearStart: String { SchoolYear(data.year).firstDay }
  public var lsuFile: String? { data.fileNames[.lsuBilans] }
  public var stsFile: String? { data.fileNames[.stsEmp] }

  /// The school's nomenclature (SIECLE, else STS) by code.
  public var catalogue: [String: MatiereRecord] {
    Dictionary(data.catalogue.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
  }

  public var national: [String: NationalMatiere] {
    Dictionary(data.national.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// MEF → (matière → modalités) of the programme.
  public var programme: [String: [String: Set<String>]] {
    var result: [String: [String: Set<String>]] = [:]
    for row in data.programme { result[row.mef, default: [:]][row.matiere, default: []].insert(row.modalite ?? "") }
    return result
  }

  /// A finding about one discipline of the LSU file: its code, the file and the line, and what
  /// review proposes for it, naming its review item.
  public func finding(
    _ check: any Check.Type, _ message: String, discipline: GradebookDiscipline, code: String?
  ) -> Finding {
    var finding = finding(check, message + reviewAdvice(disciplineID: discipline.id))
    finding.reviewKey = subjects.first { $0.disciplineIDs.contains(discipline.id) }?.reviewKey
    finding.subjectCode = code
    finding.file = lsuFile
    finding.line = discipline.line
    return finding
  }

  /// A finding about one pupil of the LSU file: their SIECLE id, division, the file and the line.
  public func finding(_ check: any Check.Type, _ message: String, pupil: GradebookPupil) -> Finding {
    var finding = finding(check, message)
    finding.pupilId = pupil.idBE
    finding.division = pupil.codeDivision
    finding.file = lsuFile
    finding.line = pupil.line
    return finding
  }

  /// A finding about one teacher of the LSU file: their STS id, name, the file and the line.
  public func finding(_ check: any Check.Type, _ message: String, teacher: GradebookTeacher, name: String) -> Finding {
    var finding = finding(check, message)
    finding.teacherSTSId = teacher.idSTS
    finding.teacherName = name
    finding.file = lsuFile
    finding.line = teacher.line
    return finding
  }

  /// A finding about one STS service: `Le service STS de 3A en FRANCAIS (020700) ` then `problem`, with
  /// the service's division or group, its matière and the STS file.
  public func finding(
    _ check: any Check.Type, service: STSServiceRow, index: CheckIndex, _ problem: String
  ) -> Finding {
    var finding = finding(
      check, "Le service STS de \(service.structure) en \(index.label(service.matiere)) (\(service.matiere)) " + problem
    )
    if service.kind == "G" { finding.group = service.structure } else { finding.division = service.structure }
    finding.subjectCode = service.matiere
    finding.file = stsFile
    return finding
  }

  /// ` Code proposé, à vérifier : 020300 … (correspondance « LATIN »).`, or ` Aucune proposition …`.
  public func reviewAdvice(disciplineID: String) -> String {
    guard let subject = subjects.first(where: { $0.disciplineIDs.contains(disciplineID) && !$0.accepted }) else {
      return ""
    }
    return Self.reviewAdvice(subject)
  }

  public static func reviewAdvice(_ subject: SubjectResolution) -> String {
    let item = subject.reviewKey.map { " (correspondance « \($0) »)" } ?? ""
    guard let code = subject.chosenCode else {
      return " Aucune proposition de code\(item) : choisissez-en un dans la relecture."
    }
    return " Code proposé, à vérifier : \(code)\(subject.chosenLabel.map { " \($0)" } ?? "")\(item)."
  }

  /// A blank finding for this school and year.
  public func finding(_ check: any Check.Type, _ message: String, fixIn: FixIn? = nil) -> Finding {
    Finding(
      rule: check.id, severity: check.severity, message: message, fixIn: fixIn ?? check.fixIn, uai: uai, year: year)
  }
}

/// An example of a check, run as a test and printed as documentation.
public struct CheckExample: Sendable {
  public var description: String
  public var input: CheckInput
  /// How many findings the check must report on `input`.
  public var expected: Int

  public init(_ description: String, input: CheckInput, expected: Int) {
    self.description = description
    self.input = input
    self.expected = expected
  }
}

/// A check: one rule, self-described.
public protocol Check: SendableMetatype {
  /// Stable identifier, e.g. `service-off-programme`.
  static var id: String { get }
  /// French title.
  static var title: String { get }
  /// One French sentence: why it matters.
  static var rationale: String { get }
  static var severity: FindingSeverity { get }
  static var fixIn: FixIn { get }
  static var examples: [CheckExample] { get }

  /// Reports every finding on `input`; `index` holds lookups built once for all checks.
  static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void)
}
