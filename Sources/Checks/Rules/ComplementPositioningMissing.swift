import RaccordCore

/// An enseignement de complément other than AUC sent without its positionnement.
public enum ComplementPositioningMissing: Check {
  public static let id = "complement-positioning-missing"
  public static let title = "Enseignement de complément sans positionnement"
  public static let rationale =
    "Un enseignement de complément autre que « AUC » (aucun) doit dire si l'élève a atteint (1) ou dépassé (2) les "
    + "objectifs : ce sont ces points qui comptent au brevet. Raccord classe son absence bloquante."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.cycleBilans {
      guard let code = bilan.complementCode, code != "AUC", (bilan.complementPositionnement ?? "").isEmpty else {
        continue
      }
      report(
        EndOfCycle.finding(Self.self, input, index, bilan) {
          "Le bilan de fin de cycle de \($0) porte l'enseignement de complément \(EndOfCycle.complement(code)) "
            + "sans positionnement : dans le logiciel de notes, indiquez « objectifs atteints » ou « objectifs "
            + "dépassés », ou choisissez « aucun » si l'élève ne le suit pas."
        })
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un complément LCA sans positionnement est signalé",
        input: CheckFixture.input {
          var bilan = CheckFixture.cycleBilan()
          bilan.complementCode = "LCA"
          $0.data.cycleBilans = [bilan]
        }, expected: 1),
      CheckExample(
        "un complément « aucun » sans positionnement ne l'est pas",
        input: CheckFixture.input {
          var bilan = CheckFixture.cycleBilan()
          bilan.complementCode = "AUC"
          $0.data.cycleBilans = [bilan]
        }, expected: 0),
    ]
  }
}
