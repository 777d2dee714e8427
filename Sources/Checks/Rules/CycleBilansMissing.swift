import RaccordCore

/// A class ending a cycle where some pupils have their bilan de fin de cycle in the file and others not.
public enum CycleBilansMissing: Check {
  public static let id = "cycle-bilans-missing"
  public static let title = "Bilans de fin de cycle manquants dans une classe"
  public static let rationale =
    "Quand une classe de fin de cycle (6e, 3e) envoie des bilans de fin de cycle, chacun de ses élèves en a "
    + "besoin (le bilan de fin de cycle 4 compte pour le brevet) : un élève sans bilan alors que ses camarades "
    + "en ont un est un oubli. Raccord le signale en avertissement, en nommant les élèves."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let data = input.data
    guard !data.cycleBilans.isEmpty else { return }
    let withBilan = Set(data.cycleBilans.map(\.pupilRef))
    let byDivision = Dictionary(grouping: data.pupils) { $0.codeDivision ?? "" }
    for division in byDivision.keys.sorted() where !division.isEmpty {
      guard let cycle = EndOfCycle.endedCycle(byDivision: division, in: data) else { continue }
      let members = (byDivision[division] ?? []).filter { !data.pupilsLeft.contains($0.idBE ?? "") }
      let missing = members.filter { !withBilan.contains($0.id) }
      guard !missing.isEmpty, missing.count < members.count else { continue }
      let names = missing.map { [$0.nom, $0.prenom].compactMap { $0 }.joined(separator: " ") }
        .map { $0.isEmpty ? "?" : $0 }
      var finding = input.finding(
        Self.self,
        "En \(division) (fin du cycle \(cycle)), \(members.count - missing.count) élève(s) sur \(members.count) ont "
          + "un bilan de fin de cycle dans le fichier ; il manque celui de \(names.joined(separator: ", ")). "
          + "Dans le logiciel de notes, positionnez ces élèves sur les 8 domaines du socle et saisissez la "
          + "synthèse de leurs acquis, puis exportez à nouveau.")
      finding.division = division
      finding.file = input.lsuFile
      finding.line = missing.first?.line
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une 3e où un élève sur deux a son bilan de fin de cycle est signalée",
        input: CheckFixture.endOfCycleInput { $0.data.cycleBilans.removeLast() }, expected: 1),
      CheckExample("une 3e où chacun a son bilan ne l'est pas", input: CheckFixture.endOfCycleInput(), expected: 0),
      CheckExample(
        "une 3e sans aucun bilan de fin de cycle (export périodique) ne l'est pas",
        input: CheckFixture.endOfCycleInput { $0.data.cycleBilans = [] }, expected: 0),
    ]
  }
}
