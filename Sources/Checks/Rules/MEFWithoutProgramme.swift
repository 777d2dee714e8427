import RaccordCore

/// A MEF of a division or pupil for which the nomenclature gives no programme.
public enum MEFWithoutProgramme: Check {
  public static let id = "mef-without-programme"
  public static let title = "MEF sans programme"
  public static let rationale =
    "Sans programme, ni Raccord ni LSU ne peuvent vérifier les matières : le MEF n'est pas sélectionné dans SIECLE, ou c'est un MEF académique."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.siecle

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let programme = index.programme
    guard !programme.isEmpty else { return }
    var structuresByMEF: [String: Set<String>] = [:]
    for (structure, mefs) in input.data.structureMEFs {
      for mef in mefs { structuresByMEF[mef, default: []].insert(structure) }
    }
    for (pupil, mef) in input.data.pupilMEFs where !mef.isEmpty {
      structuresByMEF[mef, default: []].insert(input.data.pupilDivisions[pupil] ?? "?")
    }
    for (mef, structures) in structuresByMEF.sorted(by: { $0.key < $1.key }) where programme[mef] == nil {
      var finding = input.finding(
        Self.self,
        "Le MEF \(mef) (\(structures.sorted().joined(separator: ", "))) n'a pas de programme dans la nomenclature "
          + "SIECLE : sélectionnez-le dans SIECLE (MEF_SELECTIONNE) puis exportez à nouveau Nomenclature.xml.")
      finding.division = structures.sorted().first
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une division rattachée au MEF 10310031110 sans programme est signalée",
        input: CheckFixture.input { $0.data.structureMEFs["3PM"] = ["10310031110"] }, expected: 1),
      CheckExample("un MEF avec programme ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
