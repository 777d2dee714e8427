import RaccordCore

/// A subject graded for a pupil whose MEF and options do not include it.
public enum PupilSubjectOffProgramme: Check {
  public static let id = "pupil-subject-off-programme"
  public static let title = "Matière hors du parcours de l'élève"
  public static let rationale =
    "Une option (modalité O ou F) n'est exportée que pour les élèves qui la suivent dans SIECLE ; une matière hors du programme de leur MEF n'est pas reprise."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.siecle

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans {
      guard let pupil = index.pupils[bilan.pupilRef], let id = pupil.idBE, let mef = input.data.pupilMEFs[id],
        let programme = index.programme[mef]
      else { continue }
      let options = Set((input.data.pupilOptions[id] ?? []).map(\.matiere))
      let divisionMEFs = index.mefs(of: pupil.codeDivision ?? "", in: input.data)
      for acquis in bilan.acquis {
        // A subject outside the whole division's programme is subject-off-programme's finding.
        guard let code = index.mappedCode(of: acquis.disciplineRef, in: pupil.codeDivision ?? ""),
          index.inProgramme(code, mefs: divisionMEFs) != false
        else { continue }
        var reason: String?
        if let modalites = programme[code] {
          if !modalites.contains("S"), !modalites.contains(""), !options.contains(code) {
            reason =
              "c'est une option (\(modalites.sorted().joined(separator: ", "))) que l'élève ne suit pas dans SIECLE"
          }
        } else {
          reason = "elle n'est pas au programme de son MEF \(mef)"
        }
        guard let reason else { continue }
        var finding = input.finding(
          Self.self,
          "\(pupil.nom ?? "") \(pupil.prenom ?? "") (id-be \(id), \(pupil.codeDivision ?? "?")) est évalué en "
            + "\(index.label(code)) (\(code)) : \(reason). Ajoutez l'option dans SIECLE, ou retirez l'élève du service dans le logiciel de notes."
        )
        finding.pupilId = id
        finding.division = pupil.codeDivision
        finding.subjectCode = code
        finding.file = input.lsuFile
        finding.line = acquis.line
        report(finding)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un élève évalué en LCA latin (option F) sans l'option dans SIECLE est signalé",
        input: CheckFixture.input { CheckFixture.teach(&$0, "DI_LAT", "020300", "F", "LATIN") }, expected: 1),
      CheckExample(
        "avec l'option, il ne l'est pas",
        input: CheckFixture.input {
          CheckFixture.teach(&$0, "DI_LAT", "020300", "F", "LATIN")
          $0.data.pupilOptions["1000001", default: []].append(
            .init(eleveId: "1000001", rang: 2, modalite: "F", matiere: "020300"))
        }, expected: 0),
    ]
  }
}
