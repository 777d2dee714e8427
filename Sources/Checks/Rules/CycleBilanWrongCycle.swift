import RaccordCore

/// A bilan de fin de cycle naming another cycle than the one the pupil's MEF belongs to.
public enum CycleBilanWrongCycle: Check {
  public static let id = "cycle-bilan-wrong-cycle"
  public static let title = "Bilan de fin de cycle sur le mauvais cycle"
  public static let rationale =
    "La 6e termine le cycle 3 et la 3e le cycle 4 : un bilan de fin de cycle qui nomme un autre cycle que celui du "
    + "MEF de l'élève (SIECLE) serait rangé sous le mauvais cycle dans LSU. Raccord le classe bloquant."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.cycleBilans {
      guard let pupil = index.pupils[bilan.pupilRef], let mef = EndOfCycle.mef(of: pupil, in: input.data),
        let expected = EndOfCycle.cycle(ofMEF: mef), let cycle = bilan.cycle, cycle != String(expected)
      else { continue }
      report(
        EndOfCycle.finding(Self.self, input, index, bilan) {
          "Le bilan de fin de cycle de \($0) porte sur le cycle \(cycle), alors que l'élève est en "
            + "\(EndOfCycle.level(ofMEF: mef)) (MEF \(mef) dans SIECLE), qui relève du cycle \(expected) : "
            + "dans le logiciel de notes, supprimez ce bilan et saisissez le bilan de fin de cycle \(expected) "
            + "(ou corrigez le MEF de l'élève dans SIECLE s'il est faux)."
        })
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un élève de 3e avec un bilan de fin de cycle 3 est signalé",
        input: CheckFixture.input { $0.data.cycleBilans = [CheckFixture.cycleBilan(cycle: "3")] }, expected: 1),
      CheckExample(
        "un élève de 3e avec un bilan de fin de cycle 4 ne l'est pas",
        input: CheckFixture.input { $0.data.cycleBilans = [CheckFixture.cycleBilan()] }, expected: 0),
    ]
  }
}
