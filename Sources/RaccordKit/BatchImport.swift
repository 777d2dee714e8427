import Checks
import Foundation
import RaccordCore
import Store

/// One school of a batch import.
public struct BatchSchoolResult: Sendable {
  /// The sub-folder (or zip) of the batch folder, as named there.
  public var source: String
  /// The school and year read inside its files (never from the folder's name).
  public var uai: String?
  public var schoolName: String?
  public var year: Int?
  /// Files imported now, and files already imported with the same bytes.
  public var imported: Int
  public var unchanged: Int
  /// The checks' counts once imported (`nil` when the school lacks what they need).
  public var blocking: Int?
  public var warnings: Int?
  /// Why the school was skipped (nothing of it was imported), in French.
  public var error: String?
  public var seconds: Double

  public var failed: Bool { error != nil }
}

/// What `raccord import --batch` did, school by school.
public struct BatchImportReport: Sendable {
  public var folder: String
  public var schools: [BatchSchoolResult]

  public var failedCount: Int { schools.filter(\.failed).count }
  /// 0 when every school was imported, 1 when at least one was skipped.
  public var exitCode: Int32 { failedCount > 0 ? 1 : 0 }

  /// One line per school as it is done, for a log.
  public static func line(_ school: BatchSchoolResult, index: Int, count: Int) -> String {
    let head = "[\(index)/\(count)] \(school.source)"
    if let error = school.error { return "\(head) : ÉCHEC — \(error)" }
    var parts = [school.uai ?? "?"]
    if let year = school.year { parts.append(SchoolYear(year).description) }
    parts.append(
      "\(school.imported) fichier(s) importé(s)" + (school.unchanged > 0 ? ", \(school.unchanged) inchangé(s)" : ""))
    if let blocking = school.blocking, let warnings = school.warnings {
      parts.append("\(blocking) bloquant(s), \(warnings) avertissement(s)")
    }
    return "\(head) : " + parts.joined(separator: " — ")
  }

  /// The summary table printed at the end, in French.
  public func table() -> String {
    let header = ["Dossier", "UAI", "Établissement", "Année", "Fichiers", "Bloquants", "Avertissements", "Résultat"]
    let rows = schools.map { school -> [String] in
      [
        school.source, school.uai ?? "—", school.schoolName ?? "—",
        school.year.map { SchoolYear($0).description } ?? "—",
        "\(school.imported + school.unchanged)", school.blocking.map(String.init) ?? "—",
        school.warnings.map(String.init) ?? "—", school.error == nil ? "importé" : "ÉCHEC",
      ]
    }
    var widths = header.map(\.count)
    for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
    func format(_ row: [String]) -> String {
      row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        .trimmingCharacters(in: .whitespaces)
    }
    var lines = ["Import par lot de « \(folder) » : \(schools.count) établissement(s), \(failedCount) en échec."]
    lines.append(format(header))
    lines += rows.map(format)
    let failures = schools.filter(\.failed)
    if !failures.isEmpty {
      lines.append("")
      lines.append(
        "En échec (rien de ces établissements n'a été importé ; corrigez puis relancez, les autres sont gardés) :")
      lines += failures.map { "  - \($0.source) : \($0.error ?? "")" }
    }
    return lines.joined(separator: "\n")
  }
}

/// The results of a batch's workers, passed on to `progress` in the batch's order.
private final class BatchResults: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [BatchSchoolResult?]
  private var next = 0
  private var reported = 0
  private let progress: (@Sendable (BatchSchoolResult, Int, Int) -> Void)?

  init(count: Int, progress: (@Sendable (BatchSchoolResult, Int, Int) -> Void)?) {
    results = Array(repeating: nil, count: count)
    self.progress = progress
  }

  /// The index of the next school to import, `nil` when all are taken.
  func nextSource() -> Int? {
    lock.withLock {
      guard next < results.count else { return nil }
      next += 1
      return next - 1
    }
  }

  /// Records a school's result, and reports every result now complete in order.
  func done(_ result: BatchSchoolResult, at index: Int) {
    lock.withLock {
      results[index] = result
      while reported < results.count, let ready = results[reported] {
        reported += 1
        progress?(ready, reported, results.count)
      }
    }
  }

  var all: [BatchSchoolResult] { lock.withLock { results.compactMap { $0 } } }
}

extension Raccord {
  /// The schools of a batch folder: each sub-folder, and each `.zip` directly in it, holds one
  /// school's exports (SIECLE, STS Web, gradebook), in name order. Hidden entries are skipped.
  public static func batchSources(in folder: URL) throws -> [URL] {
    let entries: [URL]
    do {
      entries = try FileManager.default.contentsOfDirectory(
        at: folder, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
    } catch {
      throw RaccordError.noFile(path: folder.path)
    }
    return entries.filter { entry in
      let isFolder = (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
      return isFolder || entry.pathExtension.lowercased() == "zip"
    }.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  /// Imports every school of a batch folder (see ``batchSources(in:)``), each in its own
  /// transaction, then runs its checks. A school that fails is reported and skipped — nothing of
  /// it is stored — and the others go on. The school and year come from inside the files.
  /// - Parameter progress: called after each school with its result, its rank and the total.
  public func importBatch(
    _ folder: URL, options: ImportOptions = ImportOptions(),
    progress: (@Sendable (BatchSchoolResult, Int, Int) -> Void)? = nil
  ) throws -> BatchImportReport {
    let sources = try Self.batchSources(in: folder)
    // PostgreSQL takes writers side by side: two schools at a time (this machine's two cores); a
    // SQLite file has one writer at a time.
    let workers = database.dialect == .postgres ? min(2, sources.count) : 1
    let results = BatchResults(count: sources.count, progress: progress)
    DispatchQueue.concurrentPerform(iterations: max(workers, 1)) { _ in
      while let index = results.nextSource() {
        results.done(importSchool(sources[index], options: options), at: index)
      }
    }
    let schools = results.all
    return BatchImportReport(folder: folder.path, schools: schools)
  }

  /// Imports one school of a batch in its own transaction, then runs its checks.
  private func importSchool(_ source: URL, options: ImportOptions) -> BatchSchoolResult {
    let start = Date()
    var result = BatchSchoolResult(source: source.lastPathComponent, imported: 0, unchanged: 0, seconds: 0)
    do {
      let report = try importFiles([source.path], options: options, diagnostics: DiagnosticCollector())
      for file in report.files {
        if case .unchanged = file.outcome { result.unchanged += 1 } else { result.imported += 1 }
      }
      let header = report.files.compactMap(\.header).first
      result.uai = report.files.compactMap(\.uai).first
      result.year = header?.year.start
      if let uai = result.uai {
        let status = try database.status(uai: uai)
        result.year = result.year ?? status.last?.year.start
        result.schoolName = status.compactMap(\.schoolName).first
        if let checks = try? runChecks(uai: uai, year: result.year) {
          result.blocking = checks.findings.filter { $0.severity == .blocking }.count
          result.warnings = checks.findings.filter { $0.severity == .warning }.count
        }
      }
    } catch {
      result.error = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
    }
    result.seconds = Date().timeIntervalSince(start)
    return result
  }
}
