import Foundation
import RaccordCore

/// Every check, in catalogue order. A test verifies that each check type is listed here.
public enum CheckRegistry {
  public static let all: [any Check.Type] = [
    SubjectUnknown.self, SubjectClosed.self, SubjectUnmapped.self, SubjectOffProgramme.self, ModalityInvalid.self,
    MEFWithoutProgramme.self,
    ServiceOffProgramme.self, ServiceWithoutTeacher.self, ServiceTeacherAbsent.self, TeacherWithoutService.self,
    TeacherWithoutSTSId.self,
    PupilUnknown.self, PupilWrongDivision.self, PupilSubjectOffProgramme.self,
    CouncilDateMissing.self, CouncilAppraisalMissing.self, AppraisalMissing.self, GradeOrPositioningMissing.self,
    SchoolLifeMissing.self, ProgrammeElementsMissing.self, DisciplineDuplicate.self, ReferenceBroken.self,
    SchemaInvalid.self, MandatorySubjectMissing.self,
    ClassMixedPositioning.self, ServiceWithoutEvaluation.self, ThirdGradePositioning.self, ClassSettingMismatch.self,
    ClassAverageUnexpected.self,
    CycleBilanWrongCycle.self, CycleBilansMissing.self, CycleBilanIncomplete.self, ComplementWithoutOption.self,
    ComplementPositioningMissing.self, ComplementMissing.self,
  ]

  public static func check(_ id: String) -> (any Check.Type)? { all.first { $0.id == id } }

  /// Runs every check and returns the findings, sorted by severity, division, rule.
  public static func run(_ input: CheckInput) -> [Finding] {
    run(input, index: CheckIndex(input))
  }

  /// Runs every check with lookups already built. The checks only read their input: they run side
  /// by side on the machine's cores, and their findings are sorted afterwards.
  public static func run(_ input: CheckInput, index: CheckIndex) -> [Finding] {
    let results = Results(count: all.count)
    DispatchQueue.concurrentPerform(iterations: all.count) { position in
      var findings: [Finding] = []
      all[position].run(input, index: index) { findings.append($0) }
      results.set(position, findings: findings)
    }
    return results.findings.flatMap { $0 }.sorted(by: precedes)
  }

  /// Each check's findings, by its position in ``all``.
  private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var findings: [[Finding]]

    init(count: Int) {
      findings = Array(repeating: [], count: count)
    }

    func set(_ position: Int, findings: [Finding]) {
      lock.withLock { self.findings[position] = findings }
    }
  }

  /// Severity, then division, rule, pupil, subject, line and message.
  static func precedes(_ a: Finding, _ b: Finding) -> Bool {
    if a.severity != b.severity { return a.severity < b.severity }
    if (a.division ?? "") != (b.division ?? "") { return (a.division ?? "") < (b.division ?? "") }
    if a.rule != b.rule { return a.rule < b.rule }
    if (a.pupilId ?? "") != (b.pupilId ?? "") { return (a.pupilId ?? "") < (b.pupilId ?? "") }
    if (a.subjectCode ?? "") != (b.subjectCode ?? "") { return (a.subjectCode ?? "") < (b.subjectCode ?? "") }
    if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
    return a.message < b.message
  }
}
