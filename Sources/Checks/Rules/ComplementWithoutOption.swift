import RaccordCore

/// An enseignement de complément given to a pupil who does not follow the matching option in SIECLE,
/// or in a bilan of cycle 3, where there is none.
public enum ComplementWithoutOption: Check {
  public static let id = "complement-without-option"
  public static let title = "Enseignement de complément sans l'option correspondante"
  public static let rationale =
    "L'enseignement de complément (bilan de fin de cycle 4 seulement) rapporte des points au brevet : il doit "
    + "correspondre à une option que l'élève suit dans SIECLE (LCA latin ou grec, chant choral, découverte "
    + "professionnelle, langue des signes ; LCE, LCR et LVE ne sont pas vérifiés, SIECLE les range parmi les "
    + "langues). Raccord signale en avertissement un complément sans l'option, et un complément dans un bilan de "
    + "cycle 3."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let data = input.data
    for bilan in data.cycleBilans {
      guard let code = bilan.complementCode, code != "AUC" else { continue }
      if bilan.cycle == "3" {
        report(
          EndOfCycle.finding(Self.self, input, index, bilan) {
            "Le bilan de fin de cycle 3 de \($0) porte l'enseignement de complément \(EndOfCycle.complement(code)), "
              + "qui n'existe qu'au cycle 4 : retirez-le dans le logiciel de notes."
          })
        continue
      }
      guard data.loadedKinds.contains(.siecleEleves), let options = EndOfCycle.complementOptions[code],
        let id = index.pupils[bilan.pupilRef]?.idBE, data.pupilMEFs[id] != nil
      else { continue }
      let followed = Set((data.pupilOptions[id] ?? []).map(\.matiere))
      guard followed.isDisjoint(with: options) else { continue }
      report(
        EndOfCycle.finding(Self.self, input, index, bilan) {
          "Le bilan de fin de cycle 4 de \($0) porte l'enseignement de complément \(EndOfCycle.complement(code)), "
            + "mais l'élève ne suit pas l'option correspondante dans SIECLE (matières "
            + "\(options.sorted().joined(separator: ", "))) : corrigez l'enseignement de complément dans le logiciel "
            + "de notes (« AUC » s'il n'en suit aucun), ou ajoutez l'option de l'élève dans SIECLE."
        })
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un complément LCA pour un élève sans option latin est signalé",
        input: CheckFixture.input {
          var bilan = CheckFixture.cycleBilan()
          bilan.complementCode = "LCA"
          bilan.complementPositionnement = "1"
          $0.data.cycleBilans = [bilan]
        }, expected: 1),
      CheckExample(
        "un complément LCA pour un latiniste ne l'est pas",
        input: CheckFixture.input {
          var bilan = CheckFixture.cycleBilan()
          bilan.complementCode = "LCA"
          bilan.complementPositionnement = "2"
          $0.data.cycleBilans = [bilan]
          $0.data.pupilOptions["1000001", default: []].append(
            EleveOptionRecord(eleveId: "1000001", rang: 2, modalite: "F", matiere: "020300"))
        }, expected: 0),
      CheckExample(
        "un complément dans un bilan de cycle 3 est signalé",
        input: CheckFixture.input {
          var bilan = CheckFixture.cycleBilan(cycle: "3")
          bilan.complementCode = "CHK"
          $0.data.cycleBilans = [bilan]
        }, expected: 1),
    ]
  }
}
