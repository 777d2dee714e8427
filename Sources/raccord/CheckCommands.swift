import ArgumentParser
import Checks
import Exports
import Foundation
import RaccordCore
import RaccordKit

extension CheckFormat: ExpressibleByArgument {}
extension LSUSchema: ExpressibleByArgument {}
extension OverviewFormat: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Vérifie tout ce qui bloquerait ou dégraderait l'export vers LSU (code de sortie : 0 sans constat bloquant, 1 avec, 2 si les données sont inutilisables)."
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  @Option(help: "Format : text, json, csv ou html.")
  var format: CheckFormat = .text

  @Option(name: .shortAndLong, help: "Fichier à écrire (défaut : la sortie standard).")
  var output: String?

  @Option(help: "Constats déjà acceptés (un fichier écrit par --format json), masqués du rapport.")
  var baseline: String?

  @Option(help: "Version du schéma LSU pour un fichier donné directement (2.0, 3.0, 7.0 ou 10.0).")
  var schemaVersion: LSUSchema = .current

  @Flag(help: "Ajouter aux messages de validation XSD le message d'origine de libxml2.")
  var verbose = false

  @Argument(help: "Un fichier LSU à vérifier directement (sinon : ce qui est chargé dans la base).")
  var file: String?

  func run() throws {
    let report = try Printer().exitingOnError {
      let raccord = try store.makeRaccord()
      let accepted = try baseline.map(raccord.loadBaseline) ?? []
      let report =
        if let file {
          try raccord.checkLSUFile(file, schema: schemaVersion, baseline: accepted)
        } else {
          try raccord.runChecks(uai: school.uai, year: school.year, baseline: accepted, rawMessages: verbose)
        }
      let data = try report.render(format, colour: output == nil && format == .text && isatty(STDOUT_FILENO) == 1)
      if let output {
        try raccord.write(data, to: URL(fileURLWithPath: output))
        print("Rapport écrit : \(output) (\(report.findings.count) constats)")
      } else {
        FileHandle.standardOutput.write(data)
      }
      return report
    }
    if report.exitCode != 0 { throw ExitCode(report.exitCode) }
  }
}

struct ChecksCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "checks", abstract: "Liste le catalogue des vérifications, ou explique l'une d'elles.")

  @Argument(help: "Identifiant d'une vérification, par exemple service-off-programme.")
  var id: String?

  func run() throws {
    guard let id else {
      for check in CheckRegistry.all {
        print(
          "\(check.id.padding(toLength: 30, withPad: " ", startingAt: 0)) \(check.severity.french.padding(toLength: 14, withPad: " ", startingAt: 0)) \(check.title)"
        )
      }
      return
    }
    guard let check = CheckRegistry.check(id) else {
      throw ValidationError("Vérification « \(id) » inconnue : « raccord checks » les liste.")
    }
    print("\(check.id) — \(check.title)")
    print("Gravité : \(check.severity.french) ; où corriger : \(check.fixIn.french)")
    print(check.rationale)
    print("\nExemples :")
    for example in check.examples {
      print("  • \(example.description) (\(example.expected) constat\(example.expected > 1 ? "s" : ""))")
    }
  }
}
