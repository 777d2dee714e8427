import RaccordCore

/// A gradebook discipline whose code was closed before the school year began.
public enum SubjectClosed: Check {
  public static let id = "subject-closed"
  public static let title = "Code matière fermé"
  public static let rationale = "Un code fermé n'existe plus dans la nomenclature de l'année : LSU ne le reconnaît pas."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let national = index.national
    for discipline in input.data.disciplines {
      guard let code = discipline.code, let closed = national[code]?.dateFermeture, closed < input.yearStart else {
        continue
      }
      let successor = input.successors[code].map { " ; il est remplacé par \($0) (\(index.label($0)))" } ?? ""
      let finding = input.finding(
        Self.self,
        "La discipline « \(discipline.libelle ?? discipline.id) » (\(discipline.id)) utilise le code \(code), fermé "
          + "le \(FrenchDate.text(closed))\(successor) : changez le code dans le logiciel de notes.",
        discipline: discipline,
        code: code)
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "LATIN codé 020100 (fermé le 31/08/2016) est signalé, avec son successeur 020300",
        input: CheckFixture.input { CheckFixture.teach(&$0, "DI_LAT", "020100", "F", "LATIN") }, expected: 1),
      CheckExample("des codes ouverts ne le sont pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
