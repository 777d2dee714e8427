import RaccordCore

/// A gradebook discipline whose code neither the year's SIECLE nomenclature nor the national tables know.
public enum SubjectUnknown: Check {
  public static let id = "subject-unknown"
  public static let title = "Matière inconnue"
  public static let rationale =
    "LSU n'accepte que les codes matière de la nomenclature SIECLE : un code inconnu empêche d'exporter la discipline."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let catalogue = index.catalogue
    let national = index.national
    for discipline in input.data.disciplines {
      let code = index.effectiveCode[discipline.id]
      if let code, catalogue[code] != nil || national[code] != nil { continue }
      let finding = input.finding(
        Self.self,
        "La discipline « \(discipline.libelle ?? discipline.id) » (\(discipline.id)) a le code \(code ?? "vide"), "
          + "inconnu de la nomenclature SIECLE \(SchoolYear(input.year)) et des tables nationales : donnez-lui "
          + "dans le logiciel de notes un code de Nomenclature.xml, ou retirez-la de l'export LSU.",
        discipline: discipline, code: code)
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une discipline codée 999999 est signalée",
        input: CheckFixture.input { CheckFixture.teach(&$0, "DI_X", "999999", "S", "ATELIER") }, expected: 1),
      CheckExample("les disciplines codées 020700 et 030201 ne le sont pas", input: CheckFixture.input(), expected: 0),
      CheckExample(
        "une discipline inconnue rapprochée de 020700 par une décision acceptée ne l'est plus",
        input: CheckFixture.input {
          CheckFixture.teach(&$0, "DI_X", "999999", "S", "FRANCAIS")
          $0.subjects = [
            SubjectResolution(
              disciplineIDs: ["DI_X"], label: "FRANCAIS", code: "999999", modalite: "S", divisions: ["3A"],
              chosenCode: "020700", accepted: true, resolved: true)
          ]
        }, expected: 0),
    ]
  }
}
