import ArgumentParser
import Exports
import Foundation
import RaccordKit

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
    commandName: "export", abstract: "Exporte les résultats.", subcommands: [ExportMappingsCommand.self])
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
        "\(pending.count) élément(s) à relire. Tapez le numéro d'un choix, a pour accepter le premier, r pour rejeter, p pour passer, q pour quitter."
      )
      for (index, item) in pending.enumerated() {
        print("\n[\(index + 1)/\(pending.count)] \(item.title) — \(item.status.rawValue)")
        for reason in item.reasons.prefix(6) { print("    - \(reason)") }
        for (number, choice) in item.choices.enumerated() { print("  \(number + 1). \(choice.text)") }
        answerLoop: while true {
          print("> ", terminator: "")
          guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return }
          switch answer {
          case "q":
            print(
              "Relecture interrompue : les décisions prises sont enregistrées ; relancez « raccord review » pour reprendre."
            )
            return
          case "p", "":
            break answerLoop
          case "a":
            _ = try raccord.decide(uai: school.uai, year: school.year, key: item.key, code: nil, author: author)
            break answerLoop
          case "r":
            _ = try raccord.decide(
              uai: school.uai, year: school.year, key: item.key, code: nil, reject: true, author: author)
            break answerLoop
          default:
            if let number = Int(answer), item.choices.indices.contains(number - 1) {
              do {
                _ = try raccord.decide(
                  uai: school.uai, year: school.year, key: item.key, code: item.choices[number - 1].code, author: author
                )
                break answerLoop
              } catch let error as RaccordError {
                // A refused choice (code outside the nomenclature): say why and ask again.
                print(error.errorDescription ?? "\(error)")
                continue answerLoop
              }
            }
            print(
              item.choices.isEmpty
                ? "Réponse non comprise : a, r, p ou q (aucun choix proposé)."
                : "Réponse non comprise : un numéro de 1 à \(item.choices.count), a, r, p ou q.")
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
      let decision = try store.makeRaccord().decide(
        uai: school.uai, year: school.year, key: key, code: code, modalite: modalite, reject: reject, note: note,
        author: author)
      print("Décision enregistrée : \(decision.verdict.rawValue) \(decision.chosenCode ?? "")")
    }
  }
}
