import RaccordCore

/// An LSU pupil whose `id-be` is not in the SIECLE pupils file.
public enum PupilUnknown: Check {
  public static let id = "pupil-unknown"
  public static let title = "Élève inconnu de SIECLE"
  public static let rationale =
    "LSU retrouve l'élève par son identifiant SIECLE (id-be) : un identifiant inconnu fait rejeter son bilan."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    guard !input.data.pupilDivisions.isEmpty || !input.data.pupilMEFs.isEmpty else { return }
    for pupil in input.data.pupils where input.data.pupilMEFs[pupil.idBE ?? ""] == nil {
      let finding = input.finding(
        Self.self,
        "L'élève \(pupil.nom ?? "") \(pupil.prenom ?? "") (\(pupil.id), id-be \(pupil.idBE ?? "absent")) n'est pas "
          + "dans l'export SIECLE des élèves : corrigez son identifiant SIECLE dans le logiciel de notes (import "
          + "SIECLE à refaire), ou vérifiez son inscription dans SIECLE.", pupil: pupil)
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un id-be absent de SIECLE est signalé", input: CheckFixture.input { $0.data.pupils[0].idBE = "1000009" },
        expected: 1),
      CheckExample("un élève inscrit ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
