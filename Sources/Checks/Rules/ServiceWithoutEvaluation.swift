import RaccordCore

/// A service of a class sent with neither grade nor positioning for any pupil.
public enum ServiceWithoutEvaluation: Check {
  public static let id = "service-without-evaluation"
  public static let title = "Service sans note ni positionnement"
  public static let rationale =
    "Un logiciel de notes exporte ainsi un service qui ne suit pas le mode d'évaluation de la classe : LSU "
    + "recevrait des bilans sans évaluation pour ce service. Raccord le signale en avertissement."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let evaluation = index.evaluation
    for division in evaluation.services.keys.sorted() {
      let mode = evaluation.kind(of: division)
      for service in evaluation.services[division] ?? []
      where service.neither > 0 && service.grades == 0 && service.positionings == 0 {
        let expected =
          switch mode {
          case .grades: "les notes (la classe est notée)"
          case .positionings: "les positionnements de 1 à 4 (la classe est positionnée)"
          default: "les notes ou les positionnements, selon le mode de la classe dans LSU"
          }
        var finding = input.finding(
          Self.self,
          "En \(division), le service « \(service.label) » est exporté sans note ni positionnement pour ses "
            + "\(service.neither) acquis : dans le logiciel de notes, saisissez ou calculez \(expected) de ce service, "
            + "puis exportez à nouveau.")
        finding.division = division
        report(finding)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "l'anglais de 3A exporté sans note ni positionnement est signalé",
        input: CheckFixture.input { $0.data.bilans[0].acquis[1].moyenne = nil }, expected: 1),
      CheckExample(
        "un élève dispensé (statut d'évaluation) ne l'est pas",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[1].moyenne = nil
          $0.data.bilans[0].acquis[1].statutEvaluation = "D"
        }, expected: 0),
      CheckExample("des services notés ne le sont pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
