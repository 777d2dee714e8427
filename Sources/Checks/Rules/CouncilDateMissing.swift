import RaccordCore

/// A bilan périodique without the date of its class council.
public enum CouncilDateMissing: Check {
  public static let id = "council-date-missing"
  public static let title = "Date du conseil de classe manquante"
  public static let rationale = "LSU exige la date du conseil de classe pour chaque bilan périodique."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans where bilan.dateConseil == nil {
      BilanFinding.report(
        Self.self, input, index, bilan, line: bilan.line,
        { "Le bilan de \($0) n'a pas de date de conseil de classe : saisissez-la dans le logiciel de notes." },
        report: report)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un bilan sans date de conseil est signalé", input: CheckFixture.input { $0.data.bilans[0].dateConseil = nil },
        expected: 1),
      CheckExample("un bilan daté ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
