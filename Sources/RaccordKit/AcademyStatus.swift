import Checks
import Exports
import Foundation
import Matching
import RaccordCore
import Store

/// One school and year of the store, as the académie's overview shows it.
public struct SchoolOverview: Sendable, Codable {
  public var uai: String
  public var name: String?
  public var year: Int
  /// The current file of each kind: French name of the kind, file name, "exporté le …" (else "importé le …").
  public var files: [File]
  /// Findings of the checks (`nil` when the school lacks the SIECLE nomenclature or STS export).
  public var blocking: Int?
  public var warnings: Int?
  /// Review progress (`nil` without a gradebook file).
  public var decided: Int?
  public var toDecide: Int?
  /// Classes whose LSU export is impossible as things stand.
  public var blockedClasses: [String]
  /// Why the checks could not run, in French.
  public var problem: String?

  public struct File: Sendable, Codable {
    public var kind: String
    public var name: String
    public var date: String
  }

  /// `SIECLE nomenclature, STS Web, …`: what is loaded, in French.
  public var filesText: String { files.map(\.kind).joined(separator: ", ") }
}

extension Raccord {
  /// Every school and year of the store with its files, findings, review progress and blocked
  /// classes: the académie's overview (`raccord status --all`, the page's list of schools).
  public func overview() throws -> [SchoolOverview] {
    try database.status().map(overview(of:))
  }

  /// One row of the overview: one school and year of ``AppDatabase/status()``. The page keeps each
  /// row until the school's files or decisions change.
  public func overview(of status: SchoolYearStatus) throws -> SchoolOverview {
    var row = SchoolOverview(
      uai: status.uai, name: status.schoolName, year: status.year.start,
      files: status.files.map {
        SchoolOverview.File(
          kind: FileKind(rawValue: $0.kind)?.frenchName ?? $0.kind, name: $0.fileName,
          date: $0.exportedAt.map { "exporté le " + FrenchDate.text($0) }
            ?? "importé le " + FrenchDate.text($0.importedAt))
      }, blockedClasses: [])
    // One reading of the school's data for both the suggestions and the checks.
    let data = try database.schoolYearData(uai: status.uai, year: status.year.start)
    let kinds = data.loadedKinds
    let suggestions =
      kinds.contains(.lsuBilans) || kinds.contains(.gradebookServices) ? try? self.suggestions(for: data) : nil
    if let items = suggestions?.reviewItems() {
      row.decided = items.filter { [.accepted, .rejected].contains($0.status) }.count
      row.toDecide = items.filter(\.isPending).count
    }
    guard kinds.contains(.siecleNomenclature), kinds.contains(.stsEmp) else {
      row.problem =
        RaccordError.missingForChecks(
          uai: status.uai, year: status.year.start, what: kinds.contains(.stsEmp) ? .siecleNomenclature : .stsEmp
        ).errorDescription
      return row
    }
    let report = try runChecks(on: data, suggestions: suggestions)
    row.blocking = report.findings.filter { $0.severity == .blocking }.count
    row.warnings = report.findings.filter { $0.severity == .warning }.count
    row.blockedClasses = report.classes.filter { $0.status == .impossible }.map(\.division)
    return row
  }
}

/// How `raccord status --all` writes the overview.
public enum OverviewFormat: String, CaseIterable, Sendable {
  case text, csv, json
}

extension [SchoolOverview] {
  /// The overview as text (one block per school), CSV (Excel-FR) or JSON.
  public func render(_ format: OverviewFormat) throws -> Data {
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return try encoder.encode(self)
    case .csv:
      let header = [
        "UAI", "Établissement", "Année", "Fichiers", "Bloquants", "Avertissements", "Décidés", "À décider",
        "Classes bloquées", "Problème",
      ]
      let rows = map { school -> [String] in
        [
          school.uai, school.name ?? "", SchoolYear(school.year).description,
          school.files.map { "\($0.kind) (\($0.date))" }.joined(separator: " ; "),
          school.blocking.map(String.init) ?? "", school.warnings.map(String.init) ?? "",
          school.decided.map(String.init) ?? "", school.toDecide.map(String.init) ?? "",
          school.blockedClasses.joined(separator: " "), school.problem ?? "",
        ]
      }
      return CSVWriter().document(header: header, rows: rows)
    case .text:
      var lines = ["\(count) établissement(s) et année(s) dans la base."]
      for school in self {
        lines.append("")
        lines.append("\(school.uai) \(school.name ?? "") — \(SchoolYear(school.year))")
        lines.append("  Fichiers : " + school.files.map { "\($0.kind) (\($0.date))" }.joined(separator: ", "))
        if let blocking = school.blocking, let warnings = school.warnings {
          lines.append("  Vérifications : \(blocking) bloquant(s), \(warnings) avertissement(s)")
        } else if let problem = school.problem {
          lines.append("  Vérifications impossibles : \(problem)")
        }
        if let decided = school.decided, let toDecide = school.toDecide {
          lines.append("  Relecture : \(decided) décidé(s), \(toDecide) à décider")
        }
        if !school.blockedClasses.isEmpty {
          lines.append("  Classes bloquées : \(school.blockedClasses.joined(separator: ", "))")
        }
      }
      return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
  }
}
