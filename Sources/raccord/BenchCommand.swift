import ArgumentParser
import Foundation
import RaccordKit

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Mesure l'import sur un export STS Web synthétique (≈ 50 Mo) et une grande nomenclature.")

  @Option(help: "Taille visée du fichier STS synthétique, en Mo.")
  var megabytes = 50

  @Option(help: "Dossier de travail (défaut : un dossier temporaire, supprimé ensuite).")
  var workDir: String?

  @OptionGroup var store: StoreOptions

  func run() throws {
    let dataDirectory = try? DataDirectory.locate(explicit: store.dataDir)
    let report = try Benchmark.run(targetMegabytes: megabytes, workDirectory: workDir, dataDirectory: dataDirectory) {
      line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    Swift.print(report.text())
  }
}
