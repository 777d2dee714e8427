import RaccordCore

/// A pupil who follows an option that is an enseignement de complément (LCA latin…), whose bilan
/// de fin de cycle 4 has none.
public enum ComplementMissing: Check {
  public static let id = "complement-missing"
  public static let title = "Enseignement de complément absent pour un élève qui suit l'option"
  public static let rationale =
    "Un élève qui suit dans SIECLE une option reconnue comme enseignement de complément (LCA latin ou grec, chant "
    + "choral, découverte professionnelle, langue des signes) peut obtenir des points au brevet s'il figure dans "
    + "son bilan de fin de cycle 4. Raccord signale en avertissement un bilan qui n'en porte pas (ou « AUC »)."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let data = input.data
    guard data.loadedKinds.contains(.siecleEleves) else { return }
    for bilan in data.cycleBilans where bilan.cycle == "4" && (bilan.complementCode ?? "AUC") == "AUC" {
      guard let id = index.pupils[bilan.pupilRef]?.idBE else { continue }
      let followed = Set((data.pupilOptions[id] ?? []).map(\.matiere))
      let matching = EndOfCycle.complementOptions.filter { !followed.isDisjoint(with: $0.value) }.keys.sorted()
      guard let code = matching.first else { continue }
      let option = followed.intersection(EndOfCycle.complementOptions[code] ?? []).sorted()
        .map { index.label($0) }.joined(separator: ", ")
      report(
        EndOfCycle.finding(Self.self, input, index, bilan) {
          "\($0) suit l'option \(option) dans SIECLE, mais son bilan de fin de cycle 4 ne porte pas l'enseignement "
            + "de complément \(EndOfCycle.complement(code)) : si l'élève l'a suivi, ajoutez-le dans le logiciel de notes "
            + "avec « objectifs atteints » ou « dépassés »."
        })
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un latiniste sans enseignement de complément est signalé",
        input: CheckFixture.input {
          $0.data.cycleBilans = [CheckFixture.cycleBilan()]
          $0.data.pupilOptions["1000001", default: []].append(
            EleveOptionRecord(eleveId: "1000001", rang: 2, modalite: "F", matiere: "020300"))
        }, expected: 1),
      CheckExample(
        "un élève sans option de complément ne l'est pas",
        input: CheckFixture.input { $0.data.cycleBilans = [CheckFixture.cycleBilan()] }, expected: 0),
    ]
  }
}
