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
        + "import-large (fichier STS de 500 Mo) et academie (import par lot d'une académie générée, status --all, "
        + "relecteurs simultanés), seulement sur demande."),
    transform: { text in
      try Set(
        text.split(separator: ",").map { part in
          guard let section = Benchmark.Section(rawValue: String(part)) else {
            throw ValidationError(
              "Partie inconnue « \(part) » : import, import-large, run, matching, checks, web ou academie.")
          }
          return section
        })
    })
  var sections: Set<Benchmark.Section> = Set(Benchmark.Section.allCases)

  @Option(help: "Nombre d'établissements de l'académie générée (parties academie et --generate-academie).")
  var schools = 500

  @Option(help: "Relecteurs simultanés de la partie academie (0 : pas de mesure de la relecture).")
  var reviewers = 20

  @Option(help: "Durée de la mesure des relecteurs, en secondes.")
  var reviewSeconds = 20

  @Option(
    help: ArgumentHelp(
      "Écrit seulement l'académie générée dans ce dossier (un sous-dossier par établissement), puis s'arrête.",
      discussion: "Pour lancer ensuite à la main « raccord import --batch DOSSIER ».", valueName: "dossier"))
  var generateAcademie: String?

  @OptionGroup var store: StoreOptions

  func run() async throws {
    if let generateAcademie {
      let folder = URL(fileURLWithPath: generateAcademie)
      let written = try AcademyExports.write(count: schools, to: folder) { done, total in
        if done % 50 == 0 || done == total {
          FileHandle.standardError.write(Data("\(done)/\(total) établissements écrits\n".utf8))
        }
      }
      Swift.print(
        "\(written.count) établissements fictifs (\(written.map(\.pupils).reduce(0, +)) élèves) écrits dans "
          + "\(folder.path) ; importez-les avec « raccord import --batch \(folder.path) ».")
      return
    }
    let dataDirectory = try? DataDirectory.locate(explicit: store.dataDir)
    // The académie goes into the store named explicitly (--db or RACCORD_DB), never into the
    // default raccord.sqlite of the current folder.
    let academy = Benchmark.AcademySettings(
      schools: schools,
      database: store.databasePath
        ?? ProcessInfo.processInfo.environment["RACCORD_DB"].flatMap { $0.isEmpty ? nil : $0 },
      reviewers: reviewers, seconds: Double(reviewSeconds))
    let report = try await Benchmark.run(
      targetMegabytes: megabytes, workDirectory: workDir, dataDirectory: dataDirectory, sections: sections,
      academy: academy
    ) { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    Swift.print(report.text())
  }
}
