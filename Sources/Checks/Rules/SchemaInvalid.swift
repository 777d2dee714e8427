import RaccordCore
import XMLStreaming

/// What XSD validation of the LSU file against the bundled schema found.
public enum SchemaInvalid: Check {
  public static let id = "schema-invalid"
  public static let title = "Fichier LSU non conforme au schéma"
  public static let rationale =
    "LSU rejette un fichier non conforme au schéma de la version attendue (10.0 aujourd'hui)."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for problem in input.data.schemaProblems {
      var finding = input.finding(
        Self.self,
        "Le fichier LSU n'est pas conforme au schéma LSU 10.0, ligne \(problem.line) : "
          + SchemaMessage.french(problem.message)
          + (input.rawMessages ? " [libxml2 : \(problem.message)]" : "")
          + ". Mettez à jour le logiciel de notes ou corrigez la donnée, puis exportez à nouveau.")
      finding.file = input.lsuFile
      finding.line = problem.line
      report(finding)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une erreur de validation est signalée avec sa ligne",
        input: CheckFixture.input {
          $0.data.schemaProblems = [(71, "attribute 'modalite-election': 'N' is not valid")]
        },
        expected: 1),
      CheckExample("un fichier valide ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
