import RaccordCore

/// An id reference (`*-ref`, `*-refs`) that points nowhere: libxml2's XSD validation does not check IDREFs.
public enum ReferenceBroken: Check {
  public static let id = "reference-broken"
  public static let title = "Référence cassée"
  public static let rationale = "Une référence vers un identifiant absent du fichier fait rejeter le bilan par LSU."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    func broken(_ what: String, _ ref: String, line: Int?, pupil: GradebookPupil?) {
      var finding = input.finding(
        Self.self,
        "Le bilan\(pupil.map { " de \($0.nom ?? "") \($0.prenom ?? "") (\($0.codeDivision ?? "?"))" } ?? "") "
          + "renvoie à \(what) « \(ref) », qui n'est pas déclaré dans le fichier : exportez à nouveau depuis le logiciel de notes."
      )
      finding.pupilId = pupil?.idBE
      finding.division = pupil?.codeDivision
      finding.file = input.lsuFile
      finding.line = line
      report(finding)
    }
    for bilan in input.data.bilans {
      let pupil = index.pupils[bilan.pupilRef]
      if pupil == nil { broken("l'élève", bilan.pupilRef, line: bilan.line, pupil: nil) }
      if !index.periods.contains(bilan.periodRef) {
        broken("la période", bilan.periodRef, line: bilan.line, pupil: pupil)
      }
      for ref in bilan.profPrincRefs where index.teachers[ref] == nil {
        broken("le professeur principal", ref, line: bilan.line, pupil: pupil)
      }
      for acquis in bilan.acquis {
        if index.disciplines[acquis.disciplineRef] == nil {
          broken("la discipline", acquis.disciplineRef, line: acquis.line, pupil: pupil)
        }
        for ref in acquis.teacherRefs where index.teachers[ref] == nil {
          broken("l'enseignant", ref, line: acquis.line, pupil: pupil)
        }
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un enseignant ENS_9930 non déclaré est signalé",
        input: CheckFixture.input { $0.data.bilans[0].acquis[0].teacherRefs = ["ENS_9930"] }, expected: 1),
      CheckExample("des références complètes ne le sont pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
