import ArgumentParser
import Foundation
import RaccordCore
import RaccordKit
import Store

struct UserCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user",
    abstract:
      "Gère les comptes de la page (mode académie) : dès qu'un compte existe, « raccord serve » demande une connexion.",
    subcommands: [UserAddCommand.self, UserListCommand.self, UserRemoveCommand.self])
}

struct UserAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Crée un compte : académique (tous les établissements) ou d'établissement (son UAI seulement).",
    discussion: """
      Le mot de passe (au moins 10 caractères) est demandé deux fois au terminal, sans écho. Pour un script : \
      --password-stdin le lit sur la première ligne de l'entrée standard, sinon la variable d'environnement \
      RACCORD_PASSWORD le donne. Seule son empreinte bcrypt est enregistrée dans la base.
      """)

  @OptionGroup var store: StoreOptions

  @Argument(help: "Identifiant du compte (lettres, chiffres, . - _ @).")
  var login: String

  @Flag(help: "Compte académique : voit tous les établissements.")
  var academie = false

  @Option(help: "Compte d'établissement : ne voit que cet établissement (UAI).")
  var etablissement: String?

  @Flag(help: "Lire le mot de passe sur la première ligne de l'entrée standard.")
  var passwordStdin = false

  func validate() throws {
    guard academie != (etablissement != nil) else {
      throw ValidationError("Précisez --academie ou --etablissement UAI (l'un des deux).")
    }
  }

  func run() throws {
    try Printer().exitingOnError {
      let password = try PasswordInput.read(fromStandardInput: passwordStdin)
      let account = try store.makeRaccord(requireData: false).addAccount(
        login: login, password: password, role: academie ? .academie : .etablissement, uai: etablissement)
      print(
        "Compte « \(account.login) » créé : "
          + (account.role == .academie
            ? "compte académique, il voit tous les établissements."
            : "établissement \(account.uai ?? ""), il ne voit que celui-ci.")
          + " « raccord serve » demande maintenant une connexion.")
    }
  }
}

struct UserListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les comptes.")

  @OptionGroup var store: StoreOptions

  func run() throws {
    try Printer().exitingOnError {
      let accounts = try store.makeRaccord(requireData: false).accounts()
      guard !accounts.isEmpty else {
        print("Aucun compte : « raccord serve » s'ouvre avec la clé d'accès affichée au lancement (un seul poste).")
        return
      }
      print(
        "Identifiant".padding(toLength: 24, withPad: " ", startingAt: 0)
          + "Accès".padding(
            toLength: 32, withPad: " ", startingAt: 0) + "Créé le")
      for account in accounts {
        let access = account.role == .academie ? "académie (tous)" : "établissement \(account.uai ?? "")"
        print(
          account.login.padding(toLength: 24, withPad: " ", startingAt: 0)
            + access.padding(toLength: 32, withPad: " ", startingAt: 0) + account.createdAt)
      }
    }
  }
}

struct UserRemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Supprime un compte (ses sessions ouvertes se ferment à la requête suivante).")

  @OptionGroup var store: StoreOptions

  @Argument(help: "Identifiant du compte.")
  var login: String

  func run() throws {
    try Printer().exitingOnError {
      let raccord = try store.makeRaccord(requireData: false)
      try raccord.removeAccount(login: login)
      let left = try raccord.accounts().count
      print(
        "Compte « \(login) » supprimé."
          + (left == 0
            ? " Plus aucun compte : « raccord serve » revient à la clé d'accès affichée au lancement."
            : " \(left) compte(s) restant(s)."))
    }
  }
}

/// Where `raccord user add` reads the password: standard input (`--password-stdin`), else
/// `RACCORD_PASSWORD`, else the terminal without echo (asked twice).
enum PasswordInput {
  static func read(fromStandardInput: Bool) throws -> String {
    if fromStandardInput {
      guard let line = Swift.readLine(strippingNewline: true) else {
        throw ValidationError("--password-stdin : l'entrée standard est vide.")
      }
      return line
    }
    if let value = ProcessInfo.processInfo.environment["RACCORD_PASSWORD"], !value.isEmpty { return value }
    guard isatty(STDIN_FILENO) == 1 else {
      throw ValidationError(
        "Pas de terminal pour saisir le mot de passe : utilisez --password-stdin ou la variable RACCORD_PASSWORD.")
    }
    let first = try hidden("Mot de passe : ")
    let second = try hidden("Mot de passe (encore) : ")
    guard first == second else { throw ValidationError("Les deux mots de passe diffèrent : rien n'a été créé.") }
    return first
  }

  /// One line from the terminal, not echoed.
  static func hidden(_ prompt: String) throws -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    tcgetattr(STDIN_FILENO, &saved)
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
    defer {
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
      FileHandle.standardError.write(Data("\n".utf8))
    }
    guard let line = Swift.readLine(strippingNewline: true) else {
      throw ValidationError("Saisie du mot de passe interrompue : rien n'a été créé.")
    }
    return line
  }
}
