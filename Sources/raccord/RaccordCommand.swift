import ArgumentParser
import Foundation
import RaccordCore
import RaccordKit
import Store

@main
struct RaccordCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "raccord",
    abstract: "Vérifie et rapproche les exports SIECLE, STS Web et du logiciel de notes avant l'export vers LSU.",
    subcommands: [
      RunCommand.self, ImportCommand.self, StatusCommand.self, DiffCommand.self, SuggestCommand.self,
      ReviewCommand.self, ServeCommand.self, ClassesCommand.self,
      CheckCommand.self, ChecksCommand.self, ExportCommand.self, BenchCommand.self, UserCommand.self,
    ]
  )
}

/// Options shared by every command.
struct StoreOptions: ParsableArguments {
  @Option(name: .customLong("db"), help: "Base Raccord (défaut : $RACCORD_DB, sinon raccord.sqlite).")
  var databasePath: String?

  @Option(
    help:
      "Dossier contenant Nomenclatures/ et Mappings/ (défaut : $RACCORD_DATA_DIR, le dossier courant, ou celui du programme)."
  )
  var dataDir: String?

  var resolvedDatabasePath: String { Raccord.databasePath(explicit: databasePath) }

  /// The store as shown to the user: a PostgreSQL URL loses its password.
  var displayedDatabasePath: String {
    PostgresLocation(url: resolvedDatabasePath)?.displayURL ?? resolvedDatabasePath
  }

  func makeRaccord(requireData: Bool = true) throws -> Raccord {
    let dataDirectory: URL?
    do {
      dataDirectory = try DataDirectory.locate(explicit: dataDir)
    } catch {
      if requireData { throw error }
      dataDirectory = nil
    }
    return Raccord(database: try AppDatabase(path: resolvedDatabasePath), dataDirectory: dataDirectory)
  }
}

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Importe des exports SIECLE (Nomenclature, Élèves, Structures) et STS Web : fichiers, dossiers ou .zip.")

  @OptionGroup var store: StoreOptions

  @Flag(help: "Importer même un export plus ancien que celui déjà chargé.")
  var force = false

  @Option(help: "Établissement (UAI) des fichiers CSV, qui ne le disent pas.")
  var uai: String?

  @Option(help: "Année de rentrée des fichiers CSV (défaut : la dernière chargée).")
  var year: Int?

  @Option(
    help: ArgumentHelp(
      "Import par lot : un dossier avec un sous-dossier (ou un .zip) par établissement.",
      discussion: "L'établissement est lu dans ses fichiers, pas dans le nom du dossier. Un établissement en "
        + "échec est signalé et laissé de côté, les autres sont importés ; code de sortie 1 si l'un a échoué.",
      valueName: "dossier"))
  var batch: String?

  @Argument(help: "Fichiers XML, archives .zip ou dossiers.")
  var paths: [String] = []

  func validate() throws {
    if batch == nil && paths.isEmpty {
      throw ValidationError("Indiquez les fichiers ou dossiers à importer, ou --batch DOSSIER.")
    }
    if batch != nil && !paths.isEmpty {
      throw ValidationError("--batch importe un dossier d'établissements : ne donnez pas d'autres fichiers.")
    }
  }

  func run() throws {
    let diagnostics = DiagnosticCollector()
    let printer = Printer()
    let progress = printer.progressHandler
    if let batch {
      let report = try store.makeRaccord().importBatch(
        URL(fileURLWithPath: batch), options: ImportOptions(force: force, uai: uai, year: year),
        progress: { school, index, count in printer.batchProgress(school, index: index, count: count) })
      printer.endProgress()
      Swift.print(report.table())
      if report.exitCode != 0 { throw ExitCode(report.exitCode) }
      return
    }
    let report = try printer.exitingOnError(
      diagnostics: diagnostics, onFailure: { Swift.print("Rien n'a été importé : la base est inchangée.") }
    ) {
      try store.makeRaccord().importFiles(
        paths, options: ImportOptions(force: force, uai: uai, year: year), diagnostics: diagnostics, progress: progress)
    }
    Swift.print(report.text())
  }
}

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract:
      "Tout le travail : importe les fichiers, rapproche matières et enseignants, écrit la table de correspondance.")

  @OptionGroup var store: StoreOptions

  @Option(help: "Dossier où écrire la table de correspondance (créé au besoin ; défaut : sorties).")
  var outputDir = "sorties"

  @Argument(help: "Fichiers XML, CSV, archives .zip ou dossiers.")
  var paths: [String]

  func run() throws {
    let printer = Printer()
    let diagnostics = DiagnosticCollector()
    let progress = printer.progressHandler
    let report = try printer.exitingOnError(diagnostics: diagnostics) {
      try store.makeRaccord().runAll(
        paths, outputDirectory: URL(fileURLWithPath: outputDir), databasePath: store.displayedDatabasePath,
        diagnostics: diagnostics, progress: progress)
    }
    Swift.print(report.text())
  }
}

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Liste les établissements, années, fichiers importés et leurs effectifs.")

  @OptionGroup var store: StoreOptions

  @Flag(
    help: "Vue de l'académie : une ligne par établissement et année, avec constats, relecture et classes bloquées.")
  var all = false

  @Option(help: "Format de --all : text, csv ou json.")
  var format: OverviewFormat = .text

  func run() throws {
    try Printer().exitingOnError {
      if all {
        let data = try store.makeRaccord().overview().render(format)
        FileHandle.standardOutput.write(data)
        return
      }
      let raccord = try store.makeRaccord(requireData: false)
      Swift.print(try raccord.status(databasePath: store.displayedDatabasePath).text())
    }
  }
}

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare deux années scolaires d'un établissement, ou les tables nationales à deux dates.",
    discussion: """
      Exemples :
        raccord diff --from 2024 --to 2025
        raccord diff --national --from 2015-09-01 --to 2025-09-01
      """)

  @OptionGroup var store: StoreOptions

  @Option(help: "Établissement (UAI), si la base en contient plusieurs.")
  var uai: String?

  @Flag(help: "Comparer les tables nationales (BCN) à deux dates AAAA-MM-JJ.")
  var national = false

  @Option(help: "Année de rentrée de départ (ex. 2024), ou date AAAA-MM-JJ avec --national.")
  var from: String

  @Option(help: "Année de rentrée d'arrivée (ex. 2025), ou date AAAA-MM-JJ avec --national.")
  var to: String

  func validate() throws {
    if national {
      for date in [from, to] where date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
        throw ValidationError("« \(date) » n'est pas une date AAAA-MM-JJ.")
      }
    } else {
      for year in [from, to] where SchoolYear(parsing: year) == nil {
        throw ValidationError("« \(year) » n'est pas une année de rentrée (ex. 2025 pour 2025-2026).")
      }
    }
  }

  func run() throws {
    try Printer().exitingOnError {
      let raccord = try store.makeRaccord(requireData: national)
      let diff =
        national
        ? try raccord.nationalDiff(from: from, to: to)
        : try raccord.diff(
          uai: uai, from: SchoolYear(parsing: from)!.start, to: SchoolYear(parsing: to)!.start)
      Swift.print(diff.text())
    }
  }
}
