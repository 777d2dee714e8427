import RaccordCore

/// A bilan périodique without the class council's general appraisal.
public enum CouncilAppraisalMissing: Check {
  public static let id = "council-appraisal-missing"
  public static let title = "Appréciation du conseil manquante"
  public static let rationale =
    "L'appréciation générale du conseil de classe est obligatoire dans chaque bilan périodique."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans where !bilan.hasCouncilAppraisal {
      BilanFinding.report(
        Self.self, input, index, bilan, line: bilan.line,
        {
          "Le bilan de \($0) n'a pas d'appréciation générale du conseil de classe : saisissez-la dans le logiciel de notes."
        }, report: report)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un bilan sans appréciation générale est signalé",
        input: CheckFixture.input { $0.data.bilans[0].hasCouncilAppraisal = false }, expected: 1),
      CheckExample("un bilan complet ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
