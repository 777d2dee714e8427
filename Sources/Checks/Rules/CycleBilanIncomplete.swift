import RaccordCore

/// A bilan de fin de cycle without its eight socle domains positioned, or without the synthèse.
public enum CycleBilanIncomplete: Check {
  public static let id = "cycle-bilan-incomplete"
  public static let title = "Bilan de fin de cycle incomplet"
  public static let rationale =
    "Un bilan de fin de cycle positionne l'élève sur chacun des 8 domaines du socle commun (0 pour dispensé) et "
    + "porte la synthèse de ses acquis ; sans elle, le logiciel de notes n'exporte pas l'élève. Raccord le classe "
    + "bloquant."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.cycleBilans {
      let missing = GradebookCycleBilan.socleDomains.filter { (bilan.socle[$0.code] ?? "").isEmpty }
      var lacks: [String] = []
      if !missing.isEmpty {
        lacks.append(
          "le positionnement sur \(missing.count == 1 ? "le domaine" : "les domaines") "
            + missing.map { "« \($0.label) » (\($0.code))" }.joined(separator: ", "))
      }
      if !bilan.hasSynthesis { lacks.append("la synthèse des acquis") }
      guard !lacks.isEmpty else { continue }
      report(
        EndOfCycle.finding(Self.self, input, index, bilan) {
          "Le bilan de fin de cycle \(bilan.cycle ?? "?") de \($0) n'a pas \(lacks.joined(separator: " ni ")) : "
            + "complétez-le dans le logiciel de notes."
        })
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un bilan sans synthèse est signalé",
        input: CheckFixture.input {
          var bilan = CheckFixture.cycleBilan()
          bilan.hasSynthesis = false
          $0.data.cycleBilans = [bilan]
        }, expected: 1),
      CheckExample(
        "un bilan sans positionnement en langue étrangère est signalé",
        input: CheckFixture.input {
          var bilan = CheckFixture.cycleBilan()
          bilan.socle["CPD_ETR"] = nil
          $0.data.cycleBilans = [bilan]
        }, expected: 1),
      CheckExample(
        "un bilan complet (un domaine dispensé compte) ne l'est pas",
        input: CheckFixture.input {
          var bilan = CheckFixture.cycleBilan()
          bilan.socle["CPD_ART"] = "0"
          $0.data.cycleBilans = [bilan]
        }, expected: 0),
    ]
  }
}
