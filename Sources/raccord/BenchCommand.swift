import ArgumentParser
import Foundation
import RaccordBench
import RaccordKit

struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract:
      "Mesure l'import (STS ≈ 50 Mo, grande nomenclature), les suggestions, les vérifications d'un lycée de "
      + "2 000 élèves et la page de relecture.")

  @Option(help: "Taille visée du fichier STS synthétique, en Mo.")
  var megabytes = 50

  @Option(help: "Dossier de travail (défaut : un dossier temporaire, supprimé ensuite).")
  var workDir: String?

  @Option(
    help: ArgumentHelp(
      "Parties à mesurer, séparées par des virgules : import, run, matching, checks, web (défaut : toutes), "
        + "import-large (fichier STS de 500 Mo, seulement sur demande)."),
    transform: { text in
      try Set(
        text.split(separator: ",").map { part in
          guard let section = Benchmark.Section(rawValue: String(part)) else {
            throw ValidationError(
              "Partie inconnue « \(part) » : import, import-large, run, matching, checks ou web.")
          }
          return section
        })
    })
  var sections: Set<Benchmark.Section> = Set(Benchmark.Section.allCases)

  @OptionGroup var store: StoreOptions

  func run() async throws {
    let dataDirectory = try? DataDirectory.locate(explicit: store.dataDir)
    let report = try await Benchmark.run(
      targetMegabytes: megabytes, workDirectory: workDir, dataDirectory: dataDirectory, sections: sections
    ) { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    Swift.print(report.text())
  }
}
