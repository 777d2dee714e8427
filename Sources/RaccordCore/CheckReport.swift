/// A pupil's export status, as PRONOTE shows it.
public enum ExportStatus: String, Sendable, Codable, CaseIterable, Comparable {
  case complete = "complet"
  /// Only non-blocking data is missing.
  case incomplete = "incomplet"
  /// Some services cannot be exported.
  case partial = "partiel"
  /// Blocking data is missing.
  case impossible = "impossible"

  private var rank: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Whether a pupil's bilans can be exported, and what they lack.
public struct PupilStatus: Sendable, Codable {
  public var pupilId: String
  public var name: String
  public var division: String
  public var status: ExportStatus
  /// What is missing, in French.
  public var missing: [String]
  /// The state of the pupil's bilan de fin de cycle, when the file sends such bilans for the class.
  public var endOfCycle: ExportStatus? = nil
  /// What the bilan de fin de cycle lacks, in French.
  public var endOfCycleMissing: [String] = []

  public init(
    pupilId: String, name: String, division: String, status: ExportStatus, missing: [String],
    endOfCycle: ExportStatus? = nil, endOfCycleMissing: [String] = []
  ) {
    self.pupilId = pupilId
    self.name = name
    self.division = division
    self.status = status
    self.missing = missing
    self.endOfCycle = endOfCycle
    self.endOfCycleMissing = endOfCycleMissing
  }
}

/// Whether a class's bilans can be exported: the worst of its pupils', with counts.
public struct ClassStatus: Sendable, Codable {
  public var division: String
  public var status: ExportStatus
  public var counts: [String: Int]
  /// How the class's acquis are evaluated: `avec notes`, `positionnement de 1 à 4`, `mixte …`.
  public var evaluation: String?
  /// The LSU class setting the school recorded, in words, if any.
  public var setting: String?
  /// The state of the class's bilans de fin de cycle, when the file sends some (`nil` otherwise).
  public var endOfCycle: ExportStatus? = nil
  /// How many pupils are in each end-of-cycle state.
  public var endOfCycleCounts: [String: Int] = [:]
  /// The cycle the class ends or its bilans name (3 or 4).
  public var cycle: Int? = nil

  public init(
    division: String, status: ExportStatus, counts: [String: Int], evaluation: String? = nil, setting: String? = nil,
    endOfCycle: ExportStatus? = nil, endOfCycleCounts: [String: Int] = [:], cycle: Int? = nil
  ) {
    self.division = division
    self.status = status
    self.counts = counts
    self.evaluation = evaluation
    self.setting = setting
    self.endOfCycle = endOfCycle
    self.endOfCycleCounts = endOfCycleCounts
    self.cycle = cycle
  }
}

extension ClassStatus {
  /// `fin de cycle 4 : impossible (3 complet, 3 impossible)`, when the class sends bilans de fin de cycle.
  public var endOfCycleSummary: String? {
    guard let endOfCycle else { return nil }
    let detail = ExportStatus.allCases.compactMap { s in endOfCycleCounts[s.rawValue].map { "\($0) \(s.rawValue)" } }
      .joined(separator: ", ")
    let cycle = cycle.map { $0 > 0 ? " \($0)" : "" } ?? ""
    return "fin de cycle\(cycle) : \(endOfCycle.rawValue) (\(detail))"
  }
}

/// Everything `raccord check` reports.
public struct CheckReport: Sendable {
  public var uai: String
  public var year: SchoolYear
  public var findings: [Finding]
  /// Findings hidden because the baseline accepts them.
  public var hidden: Int
  public var pupils: [PupilStatus]
  public var classes: [ClassStatus]

  public init(
    uai: String, year: SchoolYear, findings: [Finding], hidden: Int = 0, pupils: [PupilStatus] = [],
    classes: [ClassStatus] = []
  ) {
    self.uai = uai
    self.year = year
    self.findings = findings
    self.hidden = hidden
    self.pupils = pupils
    self.classes = classes
  }

  /// 0 without blocking findings, 1 with.
  public var exitCode: Int32 { findings.contains { $0.severity == .blocking } ? 1 : 0 }
}
