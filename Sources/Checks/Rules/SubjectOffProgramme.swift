import RaccordCore

/// A gradebook subject taught to a division whose MEFs' programmes do not contain it.
public enum SubjectOffProgramme: Check {
  public static let id = "subject-off-programme"
  public static let title = "Matière hors programme"
  public static let rationale =
    "LSU rattache chaque matière au programme du MEF de l'élève : une matière hors programme n'est pas reprise."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    var seen: Set<[String]> = []
    for bilan in input.data.bilans {
      guard let division = index.pupils[bilan.pupilRef]?.codeDivision else { continue }
      let mefs = index.mefs(of: division, in: input.data)
      for acquis in bilan.acquis {
        guard let code = index.effectiveCode(of: acquis.disciplineRef, in: division),
          seen.insert([acquis.disciplineRef, division]).inserted,
          index.inProgramme(code, mefs: mefs) == false
        else { continue }
        let label = index.disciplines[acquis.disciplineRef]?.libelle ?? code
        var finding = input.finding(
          Self.self,
          "La discipline « \(label) » (\(code)) est évaluée en \(division), mais n'est pas au programme de "
            + "\(mefs.sorted().joined(separator: ", ")) : choisissez le code du programme dans le logiciel de notes, "
            + "ou demandez au rectorat l'ajout de la matière au programme.")
        finding.division = division
        finding.subjectCode = code
        finding.file = input.lsuFile
        finding.line = index.disciplines[acquis.disciplineRef]?.line
        report(finding)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "Histoire-géographie codée 042100 en 3e (programme 2025 : 043700 et 043800) est signalée",
        input: CheckFixture.input { CheckFixture.teach(&$0, "DI_HG", "042100", "S", "HISTOIRE-GEOGRAPHIE") },
        expected: 1),
      CheckExample("les matières du programme ne le sont pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
