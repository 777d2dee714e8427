import RaccordCore

/// A gradebook subject for which no code is accepted or proposed.
public enum SubjectUnmapped: Check {
  public static let id = "subject-unmapped"
  public static let title = "Matière non rapprochée"
  public static let rationale =
    "Sans code accepté ou proposé, la matière ne peut pas être exportée correctement vers LSU."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for subject in input.subjects where !subject.resolved {
      var finding = input.finding(
        Self.self,
        "La matière « \(subject.label) »\(subject.code.map { " (code \($0))" } ?? "") en "
          + "\(subject.divisions.joined(separator: ", ")) n'a pas de code sûr : relisez-la (page Correspondances ou "
          + "« raccord review ») et corrigez-la dans le logiciel de notes."
          + CheckInput.reviewAdvice(subject))
      finding.subjectCode = subject.code
      finding.reviewKey = subject.reviewKey
      finding.division = subject.divisions.first
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    let unresolved = SubjectResolution(
      disciplineIDs: [], label: "ATELIER", code: nil, modalite: nil, divisions: ["3A"], chosenCode: nil,
      accepted: false,
      resolved: false)
    return [
      CheckExample(
        "une matière « à vérifier » est signalée", input: CheckFixture.input { $0.subjects = [unresolved] }, expected: 1
      ),
      CheckExample("sans matière en suspens, rien", input: CheckFixture.input(), expected: 0),
    ]
  }
}
