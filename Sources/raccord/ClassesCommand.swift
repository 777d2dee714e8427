import ArgumentParser
import Foundation
import RaccordCore
import RaccordKit

extension ClassSetting.Positioning: ExpressibleByArgument {}

struct ClassesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classes",
    abstract: "Liste les classes : mode d'évaluation envoyé par le logiciel de notes et paramétrage LSU enregistré.",
    subcommands: [ClassesListCommand.self, ClassesSetCommand.self], defaultSubcommand: ClassesListCommand.self)
}

struct ClassesListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les classes.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  func run() throws {
    try Printer().exitingOnError {
      let classes = try store.makeRaccord().classes(uai: school.uai, year: school.year)
      print("Classe  Évaluation dans le fichier              Paramétrage LSU enregistré")
      for klass in classes {
        let setting =
          klass.setting.map { "\($0.positioning.french), \($0.classAverage ? "avec" : "sans") moyenne de classe" }
          ?? "non enregistré (raccord classes set \(klass.division) --positionnement …)"
        print(
          klass.division.padding(toLength: 8, withPad: " ", startingAt: 0)
            + klass.evaluation.padding(toLength: 40, withPad: " ", startingAt: 0) + setting)
      }
    }
  }
}

struct ClassesSetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set",
    abstract: "Enregistre le paramétrage LSU d'une classe (Paramétrage par classe), pour les vérifications.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var school: SchoolOptions

  @Argument(help: "La classe (division), ex. 6A.")
  var division: String

  @Option(help: "Mode d'évaluation : notes, echelle (1 à 4) ou objectifs.")
  var positionnement: ClassSetting.Positioning

  @Option(help: "Avec moyenne de classe : oui ou non (défaut de LSU : non).")
  var moyenneClasse = "non"

  func validate() throws {
    guard ["oui", "non"].contains(moyenneClasse.lowercased()) else {
      throw ValidationError("--moyenne-classe : oui ou non.")
    }
  }

  func run() throws {
    try Printer().exitingOnError {
      let setting = try store.makeRaccord().setClass(
        division, positioning: positionnement, classAverage: moyenneClasse.lowercased() == "oui", uai: school.uai,
        year: school.year)
      print(
        "Paramétrage enregistré pour \(setting.division) : \(setting.positioning.french), "
          + "\(setting.classAverage ? "avec" : "sans") moyenne de classe.")
    }
  }
}
