import Foundation
import RaccordCore
import Store

/// What the store holds, for `raccord status`.
public struct StatusReport: Sendable {
  public var databasePath: String
  public var schools: [SchoolYearStatus]
  public var national: NationalLayerStatus?

  /// The report as French text.
  public func text() -> String {
    var lines: [String] = ["Base : \(databasePath)"]
    if let national {
      lines.append(
        "Tables nationales (BCN) : \(national.matieres) matières, \(national.mefs) MEF (chargées le \(national.loadedAt))"
      )
    } else {
      lines.append("Tables nationales (BCN) : non chargées")
    }
    if schools.isEmpty {
      lines.append("")
      lines.append("Aucun établissement : importez des fichiers avec « raccord import <fichiers ou dossiers> ».")
      return lines.joined(separator: "\n")
    }
    for school in schools {
      lines.append("")
      let name = school.schoolName.map { " — \($0)" } ?? ""
      lines.append("Établissement \(school.uai)\(name), année scolaire \(school.year)")
      for file in school.files {
        let kind = FileKind(rawValue: file.kind)?.frenchName ?? file.kind
        let exported = file.exportedAt.map { ", exporté le \(FrenchDate.text($0))" } ?? ""
        lines.append("  • \(kind) : \(file.fileName)\(exported), importé le \(FrenchDate.text(file.importedAt))")
        lines.append("    " + Self.countsText(file.counts))
      }
      if school.replacedFiles > 0 {
        lines.append("  (\(school.replacedFiles) export(s) plus ancien(s) remplacé(s))")
      }
    }
    return lines.joined(separator: "\n")
  }

  public static func countsText(_ counts: [String: Int]) -> String {
    let parts = ImportRecord.countLabels.compactMap { entry in
      counts[entry.key].map { "\($0) \(entry.label)" }
    }
    return parts.isEmpty ? "aucune donnée" : parts.joined(separator: ", ")
  }
}

extension ImportReport {
  /// The report as French text, one block per file.
  public func text() -> String {
    var lines: [String] = []
    if nationalLayerLoaded { lines.append("Tables nationales (BCN) chargées.") }
    for file in files {
      let kind = file.kind?.frenchName ?? "fichier"
      switch file.outcome {
      case .imported(let counts, let replaced):
        let school = file.header.map { " — établissement \($0.uai), année \($0.year)" } ?? ""
        lines.append("Importé : \(file.displayName) (\(kind)\(school))")
        lines.append("  " + StatusReport.countsText(counts))
        if let replaced {
          lines.append("  remplace « \(replaced.fileName) » importé le \(FrenchDate.text(replaced.importedAt))")
        }
      case .unchanged(let previous):
        lines.append(
          "Déjà importé, rien à faire : \(file.displayName) (\(kind), identique à « \(previous.fileName) » "
            + "importé le \(FrenchDate.text(previous.importedAt)))")
      }
    }
    return lines.joined(separator: "\n")
  }
}

extension Raccord {
  /// Lists schools, years, current files and their counts.
  public func status(databasePath: String) throws -> StatusReport {
    StatusReport(databasePath: databasePath, schools: try database.status(), national: try database.nationalLayer())
  }
}
