import RaccordCore

/// An evaluated subject of a bilan périodique with neither grade, positioning nor status.
public enum GradeOrPositioningMissing: Check {
  public static let id = "grade-or-positioning-missing"
  public static let title = "Note ou positionnement manquant"
  public static let rationale =
    "Chaque matière évaluée doit avoir une moyenne ou un positionnement, ou un statut (non noté, dispensé)."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans {
      for acquis in bilan.acquis
      where acquis.moyenne == nil && acquis.positionnement == nil && acquis.statutEvaluation == nil && !acquis.nonNote {
        let label = index.disciplines[acquis.disciplineRef]?.libelle ?? acquis.disciplineRef
        BilanFinding.report(
          Self.self, input, index, bilan, line: acquis.line, subject: index.effectiveCode[acquis.disciplineRef],
          {
            "Le bilan de \($0) n'a ni moyenne, ni positionnement, ni statut en \(label) : saisissez-les dans le logiciel de notes."
          }, report: report)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une matière sans note ni positionnement est signalée",
        input: CheckFixture.input { $0.data.bilans[0].acquis[1].moyenne = nil }, expected: 1),
      CheckExample(
        "un positionnement suffit",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[1].moyenne = nil; $0.data.bilans[0].acquis[1].positionnement = "3"
        }, expected: 0),
    ]
  }
}
