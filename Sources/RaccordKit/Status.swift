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
        let exported = file.exportedAt.map { ", exporté le \(Self.frenchDate($0))" } ?? ""
        lines.append("  • \(kind) : \(file.fileName)\(exported), importé le \(Self.frenchDate(file.importedAt))")
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

  /// `2019-07-08T17:46:24` → `08/07/2019 17:46:24`; `2025-11-23T18:00:00Z` → `23/11/2025 18:00`.
  public static func frenchDate(_ iso: String) -> String {
    let day = iso.prefix(10).split(separator: "-")
    guard day.count == 3 else { return iso }
    var text = "\(day[2])/\(day[1])/\(day[0])"
    if iso.count > 11 {
      let time = iso.dropFirst(11).prefix(8)
      text += " " + (iso.hasSuffix("Z") ? String(time.prefix(5)) + " UTC" : String(time))
    }
    return text
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
          lines.append("  remplace « \(replaced.fileName) » importé le \(StatusReport.frenchDate(replaced.importedAt))")
        }
      case .unchanged(let previous):
        lines.append(
          "Déjà importé, rien à faire : \(file.displayName) (\(kind), identique à « \(previous.fileName) » "
            + "importé le \(StatusReport.frenchDate(previous.importedAt)))")
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
