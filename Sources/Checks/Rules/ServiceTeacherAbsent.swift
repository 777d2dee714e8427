import RaccordCore

/// An STS Web service held only by people without a function (on leave) or by unknown ids.
public enum ServiceTeacherAbsent: Check {
  public static let id = "service-teacher-absent"
  public static let title = "Service tenu par un absent"
  public static let rationale =
    "Un service tenu seulement par un enseignant sans fonction (en congé) ou inconnu laisse son remplaçant sans accès au bilan."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.sts

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for service in input.data.services where !service.teacherIDs.isEmpty {
      let present = service.teacherIDs.filter { index.people[$0]?.fonction != nil }
      guard present.isEmpty else { continue }
      let who = service.teacherIDs.map { id in
        index.people[id].map { "\($0.nomUsage ?? "") \($0.prenom ?? "") (id STS \(id), sans fonction)" }
          ?? "id STS \(id) inconnu de STS Web"
      }.joined(separator: ", ")
      var finding = input.finding(
        Self.self, service: service, index: index,
        "n'est tenu que par \(who) : déclarez le remplaçant en co-enseignement sur ce service dans STS Web.")
      finding.teacherSTSId = service.teacherIDs.first
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un service tenu par 7415 (sans fonction) est signalé",
        input: CheckFixture.input { $0.data.services[0].teacherIDs = ["7415"] }, expected: 1),
      CheckExample(
        "un service tenu par un identifiant inconnu est signalé",
        input: CheckFixture.input { $0.data.services[0].teacherIDs = ["99999"] }, expected: 1),
      CheckExample(
        "un service co-enseigné par 7415 et 4189 ne l'est pas",
        input: CheckFixture.input { $0.data.services[0].teacherIDs = ["7415", "4189"] }, expected: 0),
    ]
  }
}
