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

  /// Runs every check with lookups already built.
  public static func run(_ input: CheckInput, index: CheckIndex) -> [Finding] {
    var findings: [Finding] = []
    for check in all { check.run(input, index: index) { findings.append($0) } }
    return findings.sorted(by: precedes)
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
