/// How serious a finding is, as LSU would treat it.
public enum FindingSeverity: String, Sendable, Codable, CaseIterable, Comparable {
  /// LSU refuses the bilan or the file.
  case blocking
  /// LSU imports with an alert, or the bilan is incomplete.
  case warning
  case info

  private var rank: Int { self == .blocking ? 0 : self == .warning ? 1 : 2 }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

  public var french: String {
    switch self {
    case .blocking: "bloquant"
    case .warning: "avertissement"
    case .info: "information"
    }
  }
}

/// Where a finding is fixed.
public enum FixIn: String, Sendable, Codable, CaseIterable {
  case gradebook
  case sts
  case siecle
  case rectorat

  public var french: String {
    switch self {
    case .gradebook: "logiciel de notes"
    case .sts: "STS Web"
    case .siecle: "SIECLE"
    case .rectorat: "rectorat"
    }
  }
}

/// One problem found by a check.
public struct Finding: Sendable, Hashable, Codable {
  public var rule: String
  public var severity: FindingSeverity
  public var message: String
  public var fixIn: FixIn
  public var uai: String
  public var year: Int
  public var division: String?
  public var group: String?
  public var subjectCode: String?
  public var teacherSTSId: String?
  public var teacherName: String?
  public var pupilId: String?
  public var file: String?
  public var line: Int?
  /// The review item (or group) the finding is about, when it is about a mapping.
  public var reviewKey: String?

  /// A finding with no place yet: set `division`, `subjectCode`, `file`, `line`… afterwards.
  public init(rule: String, severity: FindingSeverity, message: String, fixIn: FixIn, uai: String, year: Int) {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.fixIn = fixIn
    self.uai = uai
    self.year = year
  }

  enum CodingKeys: String, CodingKey {
    case rule, severity, message, uai, year, division, group, file, line
    case reviewKey = "review_key"
    case fixIn = "fix_in"
    case subjectCode = "subject_code"
    case teacherSTSId = "teacher_sts_id"
    case teacherName = "teacher_name"
    case pupilId = "pupil_id"
  }

  /// What makes two findings "the same" for a baseline: everything but the message wording and line.
  public var fingerprint: String {
    [
      rule, uai, String(year), division ?? "", group ?? "", subjectCode ?? "", teacherSTSId ?? "", teacherName ?? "",
      pupilId ?? "",
    ].joined(separator: "|")
  }
}
