import RaccordCore

/// A bilan périodique without its school life (absences and late arrivals).
public enum SchoolLifeMissing: Check {
  public static let id = "school-life-missing"
  public static let title = "Vie scolaire manquante"
  public static let rationale =
    "Absences justifiées, injustifiées et retards sont obligatoires dans chaque bilan périodique."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans where !bilan.hasSchoolLife {
      BilanFinding.report(
        Self.self, input, index, bilan, line: bilan.line,
        {
          "Le bilan de \($0) n'a pas de vie scolaire (absences et retards) : vérifiez la vie scolaire dans le logiciel de notes."
        }, report: report)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un bilan sans vie scolaire est signalé", input: CheckFixture.input { $0.data.bilans[0].hasSchoolLife = false },
        expected: 1),
      CheckExample("un bilan complet ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
