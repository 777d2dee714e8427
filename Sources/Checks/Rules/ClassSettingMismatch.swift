import RaccordCore

/// Acquis of another type than the class's recorded LSU setting.
public enum ClassSettingMismatch: Check {
  public static let id = "class-setting-mismatch"
  public static let title = "Évaluation contraire au paramétrage de la classe"
  public static let rationale =
    "Quand l'établissement a enregistré le paramétrage LSU d'une classe (raccord classes set, ou le tableau de "
    + "bord), un acquis d'un autre type ne sera pas pris par LSU : Raccord le tient pour bloquant."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let evaluation = index.evaluation
    for (division, setting) in input.data.classSettings.sorted(by: { $0.key < $1.key }) {
      let services = evaluation.services[division] ?? []
      let wrong =
        setting.positioning.usesGrades
        ? services.filter { $0.positionings > 0 } : services.filter { $0.grades > 0 }
      guard !wrong.isEmpty else { continue }
      let what = setting.positioning.usesGrades ? "des positionnements" : "des notes"
      var finding = input.finding(
        Self.self,
        "\(division) est paramétrée dans LSU « \(setting.positioning.french) », mais le fichier envoie \(what) — "
          + ClassEvaluation.list(wrong) { setting.positioning.usesGrades ? $0.positionings : $0.grades }
          + " : dans le logiciel de notes, "
          + (setting.positioning.usesGrades
            ? "calculez les notes LSU de ces services" : "saisissez les positionnements de ces services")
          + ", ou changez le paramétrage de la classe dans LSU (attention : cela peut supprimer des bilans non "
          + "verrouillés), puis exportez à nouveau.")
      finding.division = division
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une 3A paramétrée par objectifs qui envoie des notes est signalée",
        input: CheckFixture.input {
          $0.data.classSettings["3A"] = ClassSetting(division: "3A", positioning: .objectifs, classAverage: false)
        }, expected: 1),
      CheckExample(
        "une 3A paramétrée avec notes qui envoie des notes ne l'est pas",
        input: CheckFixture.input {
          $0.data.classSettings["3A"] = ClassSetting(division: "3A", positioning: .notes, classAverage: false)
        }, expected: 0),
    ]
  }
}
