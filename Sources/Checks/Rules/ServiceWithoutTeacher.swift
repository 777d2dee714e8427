import RaccordCore

/// An STS Web service with no teacher.
public enum ServiceWithoutTeacher: Check {
  public static let id = "service-without-teacher"
  public static let title = "Service sans enseignant"
  public static let rationale =
    "Sans enseignant dans STS Web, personne ne peut consulter ni signer les bilans de ce service dans LSU."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.sts

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for service in input.data.services where service.teacherIDs.isEmpty {
      report(
        input.finding(Self.self, service: service, index: index, "n'a aucun enseignant : attribuez-le dans STS Web."))
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un service sans enseignant est signalé",
        input: CheckFixture.input { $0.data.services[0].teacherIDs = [] }, expected: 1),
      CheckExample("des services attribués ne le sont pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
