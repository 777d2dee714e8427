import ArgumentParser
import Foundation
import RaccordKit
import RaccordWeb

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Ouvre la relecture dans le navigateur : tableau de bord, correspondances, anomalies, import.",
    discussion: """
      La première ligne affichée est l'adresse de la page, avec la clé d'accès de cette session :
      ouvrez-la dans le navigateur. Arrêtez le serveur avec Ctrl+C.
      Mode académie : dès que la base contient un compte (raccord user add), la page demande une
      connexion et la première ligne est l'adresse de la page de connexion.
      """)

  @OptionGroup var store: StoreOptions

  @Option(help: "Adresse d'écoute (défaut : 127.0.0.1, cette machine seulement).")
  var host = "127.0.0.1"

  @Option(help: "Port (0 : un port libre choisi par le système).")
  var port = 8123

  @Option(help: "Taille maximale d'un envoi de fichiers, en Mo.")
  var maxUploadMb = 512

  @Flag(help: "Ouvrir la page dans le navigateur par défaut.")
  var open = false

  func run() async throws {
    let raccord = try store.makeRaccord()
    let configuration = WebConfiguration(host: host, port: port, maxUploadBytes: maxUploadMb * 1_048_576)
    if !configuration.isLoopback {
      FileHandle.standardError.write(
        Data(
          ("attention : la page écoute sur \(host), joignable depuis d'autres machines ; la clé d'accès circule "
            + "en clair (pas de HTTPS). Préférez 127.0.0.1.\n").utf8))
    }
    let accounts = try raccord.accounts().count
    if accounts > 0 {
      FileHandle.standardError.write(
        Data(
          ("Mode académie : \(accounts) compte(s) dans la base, la page demande une connexion "
            + "(raccord user list).\n").utf8))
    }
    let open = self.open
    try await WebServer.run(raccord: raccord, configuration: configuration) { url in
      FileHandle.standardOutput.write(Data((url + "\n").utf8))
      if open { Browser.open(url) }
    }
  }
}

enum Browser {
  /// Opens `url` with the desktop's default browser, when there is one.
  static func open(_ url: String) {
    for tool in ["/usr/bin/xdg-open", "/usr/bin/open"] where FileManager.default.isExecutableFile(atPath: tool) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: tool)
      process.arguments = [url]
      try? process.run()
      return
    }
    FileHandle.standardError.write(Data("Aucun navigateur trouvé : ouvrez l'adresse ci-dessus vous-même.\n".utf8))
  }
}
