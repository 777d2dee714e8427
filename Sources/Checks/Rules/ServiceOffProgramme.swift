import RaccordCore

/// An STS Web service whose matière is in no programme of its structure's MEFs.
public enum ServiceOffProgramme: Check {
  public static let id = "service-off-programme"
  public static let title = "Service hors programme"
  public static let rationale =
    "Un service STS dont la matière n'est au programme d'aucun MEF de la division ou du groupe ne peut pas être rattaché aux bilans LSU."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.sts

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for service in input.data.services {
      let mefs = index.mefs(of: service.structure, in: input.data)
      // Presence of the programme row decides, never the hours (HORAIRE 0.00 is normal).
      guard index.inProgramme(service.matiere, mefs: mefs) == false else { continue }
      report(
        input.finding(
          Self.self, service: service, index: index,
          "est hors programme : cette matière n'est au programme d'aucun MEF de \(service.structure) "
            + "(\(mefs.sorted().joined(separator: ", "))). Dans STS Web, remplacez la matière du service par celle du programme."
        ))
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un service 3A en 042100 (hors programme de 3e en 2025) est signalé",
        input: CheckFixture.input {
          $0.data.services.append(
            STSServiceRow(structure: "3A", kind: "D", matiere: "042100", modaliteCours: "CG", teacherIDs: ["4189"]))
        }, expected: 1),
      CheckExample(
        "un service dont la ligne de programme a 0,00 h n'est pas signalé (seule la présence compte)",
        input: CheckFixture.input {
          $0.data.programme.append(.init(mef: CheckFixture.mef, matiere: "008400", modalite: "S", horaire: "0.00"))
          $0.data.services.append(
            STSServiceRow(structure: "3A", kind: "D", matiere: "008400", modaliteCours: "CG", teacherIDs: ["4189"]))
        }, expected: 0),
    ]
  }
}
