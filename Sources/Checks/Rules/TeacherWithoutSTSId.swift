import RaccordCore

/// A gradebook teacher with no STS identifier known to STS Web.
public enum TeacherWithoutSTSId: Check {
  public static let id = "teacher-without-sts-id"
  public static let title = "Enseignant sans identifiant STS"
  public static let rationale =
    "LSU émet une alerte pour un enseignant sans identifiant STS (type « autre ») et ne lui donne pas accès aux bilans."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.sts

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for teacher in input.data.teachers {
      let known = teacher.idSTS.map { index.people[$0] != nil } ?? false
      guard !known || teacher.type == "autre" else { continue }
      if let match = input.teacherMatches[teacher.id] {
        // STS Web knows this person: the gradebook carries the wrong identifier, not a missing teacher.
        let person = match.person
        var finding = input.finding(
          Self.self,
          "\(index.name(of: teacher)) (\(teacher.id)) porte dans le logiciel de notes l'identifiant STS "
            + "\(teacher.idSTS ?? "absent") (type \(teacher.type ?? "?")), mais STS Web le connaît : c'est "
            + "\(person.displayName), id STS \(person.id) (\(match.accepted ? "confirmé" : "proposé, à vérifier") par la "
            + "relecture, correspondance « \(match.reviewKey) »). Corrigez l'identifiant STS et le type sur sa fiche "
            + "enseignant dans le logiciel de notes (dans PRONOTE, la fiche du professeur), ou laissez "
            + "« raccord export lsu » corriger le fichier.", teacher: teacher, name: index.name(of: teacher))
        finding.fixIn = .gradebook
        finding.reviewKey = match.reviewKey
        report(finding)
        continue
      }
      let finding = input.finding(
        Self.self,
        "\(index.name(of: teacher)) (\(teacher.id), type \(teacher.type ?? "?"), id STS \(teacher.idSTS ?? "absent")) "
          + "n'est pas connu de STS Web : créez-le dans STS Web, rattachez-le à ses services, puis reportez son "
          + "identifiant STS dans le logiciel de notes.", teacher: teacher, name: index.name(of: teacher))
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un enseignant de type « autre » (id 99999) est signalé",
        input: CheckFixture.input {
          $0.data.teachers[0].type = "autre"; $0.data.teachers[0].idSTS = "99999"
        }, expected: 1),
      CheckExample(
        "un enseignant à l'identifiant provisoire que la relecture a reconnu dans STS est signalé une fois, "
          + "à corriger dans le logiciel de notes",
        input: CheckFixture.input {
          $0.data.teachers[0].type = "autre"; $0.data.teachers[0].idSTS = "99999"
          $0.teacherMatches[$0.data.teachers[0].id] = TeacherMatch(
            person: $0.data.people[0], accepted: false, reviewKey: "DUPONT MARIE")
        }, expected: 1),
      CheckExample("un enseignant connu de STS ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
