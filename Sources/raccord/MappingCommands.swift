import ArgumentParser
import Exports
import Foundation
import Matching
import RaccordCore
import RaccordKit
import Store

/// Options naming the school and year to work on.
struct SchoolOptions: ParsableArguments {
  @Option(help: "Établissement (UAI), si la base en contient plusieurs.")
  var uai: String?

  @Option(
    help: "Année de rentrée (ex. 2025 pour 2025-2026) ; défaut : la dernière avec un fichier du logiciel de notes.")
  var year: Int?
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

extension ExportFormat: ExpressibleByArgument {}

struct SuggestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suggest",
    abstract: "Propose un code pour chaque matière et un individu STS pour chaque enseignant du logiciel de notes.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  @Option(help: "Format : table (terminal), json ou csv.")
  var format: OutputFormat = .table

  func run() throws {
    try Printer().exitingOnError {
      let report = try store.makeRaccord().suggestions(uai: school.uai, year: school.year)
      switch format {
      case .table: print(report.text())
      case .json: FileHandle.standardOutput.write(try MappingExport.render(report.mappingRows(), format: .json))
      case .csv: FileHandle.standardOutput.write(try MappingExport.render(report.mappingRows(), format: .csv))
      }
    }
  }
}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Exporte les résultats.",
    subcommands: [ExportMappingsCommand.self, ExportLSUCommand.self])
}

struct ExportMappingsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mappings",
    abstract: "Écrit la table de correspondance corrigée (CSV pour Excel : « ; », UTF-8 avec BOM ; ou JSON).")

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  @Option(help: "Format : csv ou json.")
  var format: ExportFormat = .csv

  @Option(name: .shortAndLong, help: "Fichier à écrire (défaut : correspondances-<UAI>-<année>.<format>).")
  var output: String?

  func run() throws {
    try Printer().exitingOnError {
      let raccord = try store.makeRaccord()
      let report = try raccord.suggestions(uai: school.uai, year: school.year)
      let data = try MappingExport.render(report.mappingRows(), format: format)
      let path = output ?? report.mappingFileName(format)
      if path == "-" {
        FileHandle.standardOutput.write(data)
      } else {
        try raccord.write(data, to: URL(fileURLWithPath: path))
        print(
          "Table de correspondance écrite : \(path) (\(report.subjects.count) matières, \(report.teachers.count) enseignants)"
        )
      }
    }
  }
}

extension DisciplineLabels: ExpressibleByArgument {}

struct ExportLSUCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lsu",
    abstract:
      "Réécrit le fichier LSU du logiciel de notes avec les décisions de la relecture (codes, modalités, "
      + "enseignants, co-enseignement), conforme au schéma LSU 10.0.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  @Option(help: "Fichier à écrire (défaut : lsu-corrige-<UAI>-<année>.xml dans le dossier courant).")
  var out: String?

  @Option(
    help: ArgumentHelp(
      "Libellé des disciplines recodées : fichier (celui du logiciel de notes, par défaut) ou nomenclature "
        + "(celui du nouveau code dans la nomenclature, 40 caractères au plus).",
      valueName: "fichier|nomenclature"))
  var libelles: DisciplineLabels = .file

  func run() throws {
    try Printer().exitingOnError {
      let report = try store.makeRaccord().exportLSU(
        uai: school.uai, year: school.year, output: out.map { URL(fileURLWithPath: $0) }, labels: libelles)
      print(report.text())
    }
  }
}

struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract:
      "Relit les suggestions une à une (choix numérotés ; p pour passer, q pour quitter et reprendre plus tard).",
    subcommands: [ReviewInteractiveCommand.self, ReviewAcceptCommand.self, ReviewSetCommand.self],
    defaultSubcommand: ReviewInteractiveCommand.self)
}

struct ReviewInteractiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "interactive", abstract: "Relecture interactive.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  @Option(help: "Nom de la personne qui relit (gardé avec chaque décision).")
  var author: String?

  func run() throws {
    try Printer().exitingOnError {
      let raccord = try store.makeRaccord()
      let pending = try raccord.suggestions(uai: school.uai, year: school.year).pendingReview()
      if pending.isEmpty {
        print("Rien à relire : toutes les suggestions sont acceptées ou rejetées.")
        return
      }
      print(
        "\(pending.count) élément(s) à relire. Tapez a pour accepter la proposition, le numéro d'un code pour "
          + "le choisir partout, g2:3 pour choisir le code 3 dans le groupe 2 seulement, r pour rejeter, "
          + "p pour passer, q pour quitter.")
      for (index, item) in pending.enumerated() {
        print("\n[\(index + 1)/\(pending.count)] \(item.title) — \(item.status.rawValue)")
        let choices = ReviewPrompt.choices(of: item)
        for (number, group) in item.groups.enumerated() {
          if item.groups.count > 1 {
            print(
              "  Groupe \(number + 1) (\(group.divisions.joined(separator: ", "))) : "
                + "\(group.code.map { "\($0) \(group.label ?? "")" } ?? "aucun code") — \(group.status.rawValue)")
          }
          for reason in group.reasons.prefix(item.groups.count > 1 ? 3 : 6) { print("    - \(reason)") }
        }
        for advice in item.coTeaching { print("    ! \(advice.text)") }
        for (number, choice) in choices.enumerated() { print("  \(number + 1). \(choice.text)") }
        answerLoop: while true {
          print("> ", terminator: "")
          guard let line = readLine() else { return }
          switch ReviewPrompt.parse(line, item: item, choices: choices) {
          case .quit:
            print(
              "Relecture interrompue : les décisions prises sont enregistrées ; relancez « raccord review » pour reprendre."
            )
            return
          case .skip:
            break answerLoop
          case .decide(let key, let code, let reject):
            do {
              // The version shown: a decision taken meanwhile elsewhere (the page) is not overwritten.
              try raccord.decide(
                uai: school.uai, year: school.year, key: key, code: code, reject: reject, author: author,
                expectedVersion: item.version)
              break answerLoop
            } catch let error as RaccordError {
              if case .staleDecision = error {
                print(error.errorDescription ?? "\(error)")
                break answerLoop
              }
              // A refused choice (code outside the nomenclature): say why and ask again.
              print(error.errorDescription ?? "\(error)")
            }
          case .notUnderstood(let help):
            print(help)
          }
        }
      }
      print("\nRelecture terminée.")
    }
  }
}

struct ReviewAcceptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept-proposed", abstract: "Accepte toutes les suggestions « proposée » au-dessus d'une confiance.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  @Option(help: "Confiance minimale, de 0 à 1.")
  var minConfidence = 0.8

  @Option(help: "Nom de la personne qui décide.")
  var author: String?

  func run() throws {
    try Printer().exitingOnError {
      let count = try store.makeRaccord().acceptProposed(
        uai: school.uai, year: school.year, minimumConfidence: minConfidence, author: author)
      print("\(count) suggestion(s) acceptée(s).")
    }
  }
}

struct ReviewSetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set", abstract: "Enregistre une décision : accepter, choisir un autre code ou individu, ou rejeter.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  @Option(help: "Clé de l'élément (colonne « Clé » de « raccord suggest --format csv »).")
  var key: String

  @Option(
    help: "Code matière (6 caractères) ou identifiant STS choisi ; sans cette option, la suggestion est acceptée.")
  var code: String?

  @Option(help: "Modalité d'élection choisie (S, O, F…).")
  var modalite: String?

  @Flag(help: "Rejeter la suggestion.")
  var reject = false

  @Option(help: "Note libre.")
  var note: String?

  @Option(help: "Nom de la personne qui décide.")
  var author: String?

  func run() throws {
    try Printer().exitingOnError {
      let decisions = try store.makeRaccord().decide(
        uai: school.uai, year: school.year, key: key, code: code, modalite: modalite, reject: reject, note: note,
        author: author)
      for decision in decisions {
        print("Décision enregistrée : \(decision.itemKey) → \(decision.verdict.rawValue) \(decision.chosenCode ?? "")")
      }
    }
  }
}
