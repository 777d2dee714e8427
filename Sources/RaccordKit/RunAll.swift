import Checks
import Exports
import Foundation
import Matching
import RaccordCore
import Store

/// What `raccord run` did.
public struct RunReport: Sendable {
  public var imported: ImportReport
  public var status: StatusReport
  public var suggestions: SuggestionReport?
  /// Where the mapping table was written.
  public var mappingFile: String?
  /// Why there are no suggestions (no gradebook file yet), if so.
  public var suggestionsSkipped: String?
  /// The pre-flight checks, when the nomenclature and STS are loaded.
  public var checks: CheckReport?
  public var checksSkipped: String?

  /// The whole job as French text.
  public func text() -> String {
    var parts = [imported.text(), "", status.text()]
    if let suggestions {
      let items = suggestions.reviewItems().filter { $0.kind == .subject }
      let subjects = Dictionary(grouping: items, by: \.status).mapValues(\.count)
      let teachers = Dictionary(grouping: suggestions.teachers, by: \.status).mapValues(\.count)
      func summary(_ counts: [SuggestionStatus: Int]) -> String {
        SuggestionStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
          .joined(separator: ", ")
      }
      parts.append("")
      parts.append("Rapprochement \(suggestions.uai), \(suggestions.year) :")
      parts.append("  matières : \(items.count) (\(summary(subjects)))")
      parts.append("  enseignants : \(suggestions.teachers.count) (\(summary(teachers)))")
      for item in suggestions.teachers {
        for advice in item.replacements { parts.append("  ! \(item.name) : \(advice.text)") }
      }
      for item in suggestions.teachers where item.chosen == nil {
        parts.append("  ! \(item.name) : inconnu de STS Web")
      }
      if let mappingFile { parts.append("Table de correspondance écrite : \(mappingFile)") }
      parts.append("Détail : « raccord suggest » ; relecture : « raccord review ».")
    } else if let suggestionsSkipped {
      parts.append("")
      parts.append(suggestionsSkipped)
    }
    if let checks {
      parts.append("")
      parts.append(checks.text())
    } else if let checksSkipped {
      parts.append("")
      parts.append(checksSkipped)
    }
    return parts.joined(separator: "\n")
  }
}

extension Raccord {
  /// The main job: import the files, list what the store holds, suggest mappings, and write the
  /// corrected mapping table (CSV for Excel) into `outputDirectory`.
  public func runAll(
    _ paths: [String], outputDirectory: URL, databasePath: String, diagnostics: DiagnosticCollector,
    progress: (@Sendable (String, Double) -> Void)? = nil
  ) throws -> RunReport {
    let imported = try importFiles(paths, diagnostics: diagnostics, progress: progress)
    var report = RunReport(imported: imported, status: try status(databasePath: databasePath))
    // The school and the latest year of the files given (imported now or already there).
    let school = imported.files.compactMap(\.uai).first
    let year = imported.files.filter { $0.uai == school }.compactMap(\.year).max()
    // Suggestions and checks work on the same school year: it is read once, and the suggestions
    // are made once (what `suggestions(uai:year:)` then `runChecks(uai:year:)` would do twice).
    let target: Result<(uai: String, year: Int, data: SchoolYearData), RaccordError>
    do {
      let uai = try resolveSchool(school)
      let start = try resolveYear(uai: uai, year: year)
      target = .success((uai, start, try database.schoolYearData(uai: uai, year: start)))
    } catch let error as RaccordError {
      target = .failure(error)
    }
    do {
      let (uai, start, data) = try target.get()
      try requireSuggestionInputs(data, uai: uai, year: start)
      report.suggestions = try suggestions(for: data)
    } catch let error as RaccordError {
      report.suggestionsSkipped = error.errorDescription
    }
    if let suggestions = report.suggestions {
      // A file that cannot be written stops the job with its reason: it is never swallowed.
      let file = outputDirectory.appendingPathComponent(suggestions.mappingFileName(.csv))
      do {
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
      } catch {
        throw RaccordError.cannotWrite(path: file.path, reason: nil)
      }
      try write(MappingExport.render(suggestions.mappingRows(), format: .csv), to: file)
      report.mappingFile = file.path
    }
    do {
      let (uai, start, data) = try target.get()
      try requireCheckInputs(data, uai: uai, year: start)
      let suggestions = data.hasGradebook ? try report.suggestions ?? self.suggestions(for: data) : nil
      report.checks = try runChecks(on: data, suggestions: suggestions)
    } catch let error as RaccordError {
      report.checksSkipped = error.errorDescription
    }
    return report
  }
}

extension SuggestionReport {
  /// `correspondances-<UAI>-<année>.<format>`.
  public func mappingFileName(_ format: ExportFormat) -> String {
    "correspondances-\(uai)-\(year.start).\(format.rawValue)"
  }
}

extension Raccord {
  /// Writes a file, with a French error naming it.
  public func write(_ data: Data, to url: URL) throws {
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw RaccordError.cannotWrite(path: url.path, reason: nil)
    }
  }

  /// Reads a baseline: the output of an earlier `raccord check --format json`.
  public func loadBaseline(_ path: String) throws -> [Finding] {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
      throw RaccordError.baselineUnreadable(path: path)
    }
    do {
      return try JSONDecoder().decode([Finding].self, from: data)
    } catch {
      throw RaccordError.baselineInvalid(path: path)
    }
  }
}
