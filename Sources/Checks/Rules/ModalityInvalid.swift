import RaccordCore

/// A discipline whose modalité d'élection is not the programme's for that subject, or not accepted by LSU.
public enum ModalityInvalid: Check {
  public static let id = "modality-invalid"
  public static let title = "Modalité d'élection invalide"
  public static let rationale =
    "LSU identifie une discipline par son code et sa modalité : une modalité absente du programme, ou N, est refusée."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook
  static let acceptedByLSU: Set<String> = ["S", "O", "F", "L", "R", "X", "D"]

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    var divisionsOf: [String: Set<String>] = [:]
    for bilan in input.data.bilans {
      guard let division = index.pupils[bilan.pupilRef]?.codeDivision else { continue }
      for acquis in bilan.acquis { divisionsOf[acquis.disciplineRef, default: []].insert(division) }
    }
    for discipline in input.data.disciplines {
      guard let code = index.effectiveCode[discipline.id] else { continue }
      let modalite = discipline.modalite ?? ""
      let divisions = divisionsOf[discipline.id] ?? []
      let mefs = divisions.reduce(into: Set<String>()) { $0.formUnion(index.mefs(of: $1, in: input.data)) }
      let allowed = mefs.reduce(into: Set<String>()) { $0.formUnion(index.programme[$1]?[code] ?? []) }
      var reason: String?
      if !acceptedByLSU.contains(modalite) {
        reason = "la modalité « \(modalite) » n'est pas acceptée par LSU (S, O, F, L, R, X ou D)"
      } else if !allowed.isEmpty, !allowed.contains(modalite) {
        reason =
          "le programme de \(divisions.sorted().joined(separator: ", ")) prévoit \(allowed.sorted().joined(separator: " ou ")), pas \(modalite)"
      }
      guard let reason else { continue }
      var finding = input.finding(
        Self.self,
        "La discipline « \(discipline.libelle ?? discipline.id) » (\(code)) : \(reason). Corrigez la modalité dans le logiciel de notes.",
        discipline: discipline, code: code)
      finding.division = divisions.sorted().first
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "Anglais LV1 en S alors que le programme dit O est signalé",
        input: CheckFixture.input { $0.data.disciplines[1].modalite = "S" }, expected: 1),
      CheckExample(
        "la modalité N est signalée", input: CheckFixture.input { $0.data.disciplines[0].modalite = "N" }, expected: 1),
      CheckExample("les modalités du programme ne le sont pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
