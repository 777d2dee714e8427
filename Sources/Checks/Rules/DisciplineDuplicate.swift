import RaccordCore

/// Two disciplines with the same code and modalité (the XSD does not catch it without `id-lv`).
public enum DisciplineDuplicate: Check {
  public static let id = "discipline-duplicate"
  public static let title = "Discipline en double"
  public static let rationale =
    "LSU identifie une discipline par son code et sa modalité : deux disciplines identiques font rejeter le fichier."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let groups = Dictionary(grouping: input.data.disciplines.filter { $0.code != nil }) {
      "\($0.code!) \($0.modalite ?? "")"
    }
    for (_, duplicates) in groups.sorted(by: { $0.key < $1.key }) where duplicates.count > 1 {
      let first = duplicates[0]
      var finding = input.finding(
        Self.self,
        "Les disciplines " + duplicates.map { "« \($0.libelle ?? $0.id) » (\($0.id))" }.joined(separator: " et ")
          + " ont le même code \(first.code!) et la même modalité \(first.modalite ?? "") : fusionnez-les dans le "
          + "logiciel de notes (un seul service par matière et modalité).")
      finding.subjectCode = first.code
      finding.file = input.lsuFile
      finding.line = duplicates[1].line
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "deux disciplines 020700 S sont signalées une fois",
        input: CheckFixture.input {
          $0.data.disciplines.append(CheckFixture.discipline("DI_FR2", "020700", "S", "FRANCAIS 2"))
        },
        expected: 1),
      CheckExample(
        "la même matière sous deux modalités ne l'est pas",
        input: CheckFixture.input {
          $0.data.disciplines.append(CheckFixture.discipline("DI_FRF", "020700", "F", "FRANCAIS OPT"))
        },
        expected: 0),
    ]
  }
}
