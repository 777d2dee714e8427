import RaccordCore

/// A class where some services send grades and others 1–4 positionings.
public enum ClassMixedPositioning: Check {
  public static let id = "class-mixed-positioning"
  public static let title = "Classe aux modes d'évaluation mêlés"
  public static let rationale =
    "LSU évalue une classe d'une seule façon (« Paramétrage par classe ») : avec notes, ou par positionnement ; "
    + "une classe mêlant les deux aura des bilans incomplets. Raccord le signale en avertissement, ou en bloquant "
    + "quand le paramétrage de la classe est enregistré (vérification « class-setting-mismatch »)."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let evaluation = index.evaluation
    for division in evaluation.services.keys.sorted() where evaluation.kind(of: division) == .mixed {
      guard input.data.classSettings[division] == nil else { continue }
      let services = evaluation.services[division] ?? []
      let graded = services.filter { $0.grades > 0 }
      let positioned = services.filter { $0.positionings > 0 }
      var finding = input.finding(
        Self.self,
        "En \(division), des services sont notés — \(ClassEvaluation.list(graded) { $0.grades }) — et d'autres "
          + "positionnés de 1 à 4 — \(ClassEvaluation.list(positioned) { $0.positionings }). LSU n'accepte qu'un mode "
          + "par classe : dans le logiciel de notes, calculez les notes LSU des services positionnés, ou saisissez "
          + "les positionnements des services notés, selon le mode de la classe dans LSU (Paramétrage par classe), "
          + "puis exportez à nouveau.")
      finding.division = division
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une classe où le français est noté et l'anglais positionné est signalée",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[1].moyenne = nil
          $0.data.bilans[0].acquis[1].positionnement = "3"
        }, expected: 1),
      CheckExample("une classe entièrement notée ne l'est pas", input: CheckFixture.input(), expected: 0),
      CheckExample(
        "une classe dont le paramétrage est enregistré relève de « class-setting-mismatch »",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[1].moyenne = nil
          $0.data.bilans[0].acquis[1].positionnement = "3"
          $0.data.classSettings["3A"] = ClassSetting(division: "3A", positioning: .notes, classAverage: false)
        }, expected: 0),
    ]
  }
}
