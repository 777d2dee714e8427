import RaccordCore

/// An evaluated subject of a bilan périodique without programme elements.
public enum ProgrammeElementsMissing: Check {
  public static let id = "programme-elements-missing"
  public static let title = "Éléments de programme absents"
  public static let rationale =
    "Les éléments de programme travaillés sont attendus dans le bilan, sans bloquer l'import LSU."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans {
      for acquis in bilan.acquis
      where acquis.elementProgrammeRefs.isEmpty && acquis.statutEvaluation == nil && !acquis.nonNote {
        let label = index.disciplines[acquis.disciplineRef]?.libelle ?? acquis.disciplineRef
        BilanFinding.report(
          Self.self, input, index, bilan, line: acquis.line, subject: index.effectiveCode[acquis.disciplineRef],
          { "Le bilan de \($0) n'indique pas d'éléments de programme en \(label) (non bloquant)." }, report: report)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une matière sans éléments de programme est signalée",
        input: CheckFixture.input { $0.data.bilans[0].acquis[0].elementProgrammeRefs = [] }, expected: 1),
      CheckExample("avec éléments de programme, rien", input: CheckFixture.input(), expected: 0),
    ]
  }
}
