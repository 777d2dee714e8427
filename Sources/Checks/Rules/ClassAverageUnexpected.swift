import RaccordCore

/// A class average sent for a class set "sans moyenne de classe".
public enum ClassAverageUnexpected: Check {
  public static let id = "class-average-unexpected"
  public static let title = "Moyenne de classe envoyée sans être prévue"
  public static let rationale =
    "Une classe paramétrée « sans moyenne de classe » dans LSU (le réglage par défaut) ne doit pas recevoir de "
    + "moyenne de classe : Raccord le signale en avertissement quand ce paramétrage est enregistré."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let evaluation = index.evaluation
    for (division, setting) in input.data.classSettings.sorted(by: { $0.key < $1.key }) where !setting.classAverage {
      let sent = (evaluation.services[division] ?? []).filter { $0.classAverages > 0 }
      guard !sent.isEmpty else { continue }
      var finding = input.finding(
        Self.self,
        "\(division) est paramétrée « sans moyenne de classe » dans LSU, mais le fichier envoie la moyenne de la "
          + "classe pour \(sent.map(\.label).joined(separator: ", ")) : décochez l'export de la moyenne de classe "
          + "dans le logiciel de notes, ou paramétrez la classe « avec moyenne de classe » dans LSU.")
      finding.division = division
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une moyenne de classe envoyée pour une 3A « sans moyenne de classe » est signalée",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[0].moyenneStructure = "12.5"
          $0.data.classSettings["3A"] = ClassSetting(division: "3A", positioning: .notes, classAverage: false)
        }, expected: 1),
      CheckExample(
        "la même classe paramétrée « avec moyenne de classe » ne l'est pas",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[0].moyenneStructure = "12.5"
          $0.data.classSettings["3A"] = ClassSetting(division: "3A", positioning: .notes, classAverage: true)
        }, expected: 0),
    ]
  }
}
