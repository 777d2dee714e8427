import RaccordCore

/// An LSU pupil whose `code-division` differs from their SIECLE division.
public enum PupilWrongDivision: Check {
  public static let id = "pupil-wrong-division"
  public static let title = "Élève dans une autre division"
  public static let rationale =
    "LSU rattache le bilan à la division SIECLE de l'élève : une autre division fait rejeter le bilan."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for pupil in input.data.pupils {
      guard let id = pupil.idBE, let siecle = input.data.pupilDivisions[id], let given = pupil.codeDivision,
        given != siecle
      else { continue }
      let finding = input.finding(
        Self.self,
        "L'élève \(pupil.nom ?? "") \(pupil.prenom ?? "") (id-be \(id)) est en \(given) dans le logiciel de notes, "
          + "mais en \(siecle) dans SIECLE : mettez les deux en accord (changement de classe à reporter).", pupil: pupil
      )
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un élève en 3B au lieu de 3A est signalé", input: CheckFixture.input { $0.data.pupils[0].codeDivision = "3B" },
        expected: 1),
      CheckExample("un élève dans sa division ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
