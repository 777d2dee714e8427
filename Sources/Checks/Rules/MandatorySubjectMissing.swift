import RaccordCore

/// A 3e pupil's bilan without a subject of their MEF's tronc commun (from 2025-26, HG and EMC are distinct).
public enum MandatorySubjectMissing: Check {
  public static let id = "mandatory-subject-missing"
  public static let title = "Matière obligatoire absente (3e)"
  public static let rationale =
    "Depuis 2025-2026, LSU attend pour chaque élève de 3e toutes les matières obligatoires de son MEF, dont l'histoire-géographie et l'EMC distinctes."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    guard input.year >= 2025 else { return }
    var missing: [[String]: [String]] = [:]
    for bilan in input.data.bilans {
      guard let pupil = index.pupils[bilan.pupilRef], let id = pupil.idBE, let mef = input.data.pupilMEFs[id],
        mef.hasPrefix("103"), let programme = index.programme[mef], !input.data.pupilsLeft.contains(id)
      else { continue }
      let graded = Set(bilan.acquis.compactMap { index.effectiveCode[$0.disciplineRef] })
      for (code, modalites) in programme
      where modalites.contains("S") && !notAssessed.contains(code) && !graded.contains(code) {
        missing[[pupil.codeDivision ?? "?", code], default: []].append(id)
      }
    }
    for (key, pupils) in missing.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
      var finding = input.finding(
        Self.self,
        "\(pupils.count) élève(s) de \(key[0]) n'ont pas de note en \(index.label(key[1])) (\(key[1])), matière "
          + "obligatoire de 3e : créez ce service dans le logiciel de notes (et dans STS Web).")
      finding.division = key[0]
      finding.subjectCode = key[1]
      finding.pupilId = pupils.count == 1 ? pupils[0] : nil
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un élève de 3e sans histoire-géographie (043700), EMC (043800), mathématiques ni EPS : 4 matières signalées",
        input: CheckFixture.input(), expected: 4),
      CheckExample(
        "avant 2025-2026, rien n'est signalé",
        input: CheckFixture.input { $0.data.year = 2024 }, expected: 0),
    ]
  }
}
