import RaccordCore

/// A 3e class whose acquis carry positionings, when the Brevet needs grades.
public enum ThirdGradePositioning: Check {
  public static let id = "third-grade-positioning"
  public static let title = "Classe de 3e positionnée au lieu de notée"
  public static let rationale =
    "Pour le diplôme national du brevet 2026, les classes de 3e doivent être « avec notes » dans LSU. Raccord "
    + "signale en avertissement une classe de 3e dont des acquis portent des positionnements."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    guard input.year >= 2025 else { return }
    let evaluation = index.evaluation
    for division in evaluation.services.keys.sorted() {
      // The MEFs of 3e (and 3e prépa-métiers) start with 103 in the national nomenclature.
      guard index.mefs(of: division, in: input.data).contains(where: { $0.hasPrefix("103") }) else { continue }
      let positioned = (evaluation.services[division] ?? []).filter { $0.positionings > 0 }
      guard !positioned.isEmpty else { continue }
      var finding = input.finding(
        Self.self,
        "La classe de 3e \(division) envoie des positionnements — \(ClassEvaluation.list(positioned) { $0.positionings }) "
          + "— alors que le brevet 2026 demande des classes « avec notes » : paramétrez \(division) « avec notes » "
          + "dans LSU et exportez des notes depuis le logiciel de notes.")
      finding.division = division
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une 3e positionnée en anglais est signalée",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[1].moyenne = nil
          $0.data.bilans[0].acquis[1].positionnement = "2"
        }, expected: 1),
      CheckExample("une 3e notée ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
