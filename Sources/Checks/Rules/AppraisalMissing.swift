import RaccordCore

/// An evaluated subject of a bilan périodique without an appraisal.
public enum AppraisalMissing: Check {
  public static let id = "appraisal-missing"
  public static let title = "Appréciation manquante"
  public static let rationale =
    "Chaque matière évaluée doit avoir une appréciation sur les acquis, les progrès et les difficultés."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans {
      for acquis in bilan.acquis where !acquis.hasAppraisal && acquis.statutEvaluation == nil && !acquis.nonNote {
        let subject = index.effectiveCode[acquis.disciplineRef]
        let label = index.disciplines[acquis.disciplineRef]?.libelle ?? acquis.disciplineRef
        BilanFinding.report(
          Self.self, input, index, bilan, line: acquis.line, subject: subject,
          {
            "Le bilan de \($0) n'a pas d'appréciation en \(label) : l'enseignant doit la saisir dans le logiciel de notes."
          }, report: report)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une matière sans appréciation est signalée",
        input: CheckFixture.input { $0.data.bilans[0].acquis[0].hasAppraisal = false }, expected: 1),
      CheckExample(
        "une matière « non noté » ne l'est pas",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[0].hasAppraisal = false; $0.data.bilans[0].acquis[0].statutEvaluation = "1"
        }, expected: 0),
    ]
  }
}
