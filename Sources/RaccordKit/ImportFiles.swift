import Foundation
import Importers
import RaccordCore
import Store
import XMLStreaming

/// What happened to one file of an import.
public struct FileImportResult: Sendable {
  public enum Outcome: Sendable {
    /// Imported; `replaced` names the earlier export it replaced.
    case imported(counts: [String: Int], replaced: StoredSourceFile?)
    /// The same bytes were already imported: nothing was done.
    case unchanged(previous: StoredSourceFile)
  }

  public var displayName: String
  public var kind: FileKind?
  public var header: FileHeader?
  public var outcome: Outcome

  /// The school year of an unchanged file.
  var previousYear: Int? {
    if case .unchanged(let previous) = outcome { return previous.year }
    return nil
  }

  /// The school of the file, whether imported now or before.
  public var uai: String? {
    if let header { return header.uai.code }
    if case .unchanged(let previous) = outcome { return previous.uai }
    return nil
  }

  /// The school year of the file, whether imported now or before.
  public var year: Int? { header?.year.start ?? previousYear }
}

/// What an import did.
public struct ImportReport: Sendable {
  public var files: [FileImportResult]
  /// Whether the national tables were (re)loaded by this import.
  public var nationalLayerLoaded: Bool
}

/// How to import.
public struct ImportOptions: Sendable {
  /// Import even an export older than the one already loaded.
  public var force: Bool
  /// The school of CSV files, which do not say it (default: the other files' school, or the only one loaded).
  public var uai: String?
  /// The school year of CSV files (default: the other files' year, or the latest loaded).
  public var year: Int?
  /// When set, every file must be of this school (a school account's upload): a file of another
  /// school is refused and nothing is imported.
  public var onlySchool: String?

  public init(force: Bool = false, uai: String? = nil, year: Int? = nil, onlySchool: String? = nil) {
    self.force = force
    self.uai = uai
    self.year = year
    self.onlySchool = onlySchool
  }
}

/// Checks that every file of one command is of the same school, and reports mixed years.
final class ConsistencySink: ImportSink {
  let inner: StoreSink
  let file: String
  let first: (file: String, header: FileHeader)?
  let diagnostics: DiagnosticCollector
  var reportedYears: Set<SchoolYear>
  let onlySchool: String?

  init(
    inner: StoreSink, file: String, first: (file: String, header: FileHeader)?, diagnostics: DiagnosticCollector,
    reportedYears: Set<SchoolYear>, onlySchool: String? = nil
  ) {
    self.onlySchool = onlySchool
    self.reportedYears = reportedYears
    self.inner = inner
    self.file = file
    self.first = first
    self.diagnostics = diagnostics
  }

  func begin(_ header: FileHeader) throws {
    if let onlySchool, header.uai.code != onlySchool.uppercased() {
      throw RaccordError.otherSchool(file: file, uai: header.uai.code, allowed: onlySchool.uppercased())
    }
    if let first, first.header.uai != header.uai {
      throw RaccordError.mixedSchools(
        file: file, uai: header.uai.code, firstFile: first.file, firstUAI: first.header.uai.code)
    }
    if let first, first.header.year != header.year, !reportedYears.contains(header.year) {
      reportedYears.insert(header.year)
      diagnostics.report(
        Diagnostic(
          .info, id: "mixed-years",
          "ce fichier porte sur l'année scolaire \(header.year), « \(first.file) » sur \(first.header.year) : "
            + "chaque fichier est rangé sous l'année qu'il indique ; vérifiez que c'est bien l'année voulue.",
          at: SourceLocation(file: file)))
    }
    try inner.begin(header)
  }

  func add(_ record: ImportRecord) throws {
    try inner.add(record)
  }
}

extension Raccord {
  /// Imports SIECLE and STS Web exports (files, folders or zip archives) in one transaction:
  /// either every file is imported, or — on the first error — nothing is.
  /// - Parameters:
  ///   - paths: what the user named.
  ///   - options: see ``ImportOptions``.
  ///   - diagnostics: receives warnings.
  ///   - progress: called with the file being read and the fraction read.
  /// - Throws: ``ImporterError``, ``RaccordError`` or ``StoreError``; the store is then unchanged.
  public func importFiles(
    _ paths: [String], options: ImportOptions = ImportOptions(), diagnostics: DiagnosticCollector,
    progress: (@Sendable (String, Double) -> Void)? = nil
  ) throws -> ImportReport {
    let input = try ImportInput(paths: paths)
    return try database.importTransaction { session in
      // An LSU file's XSD validation only reads the file: it starts now, on the other core, and runs
      // while the national tables and the other files are loaded, not only beside its own import.
      var early = try EarlyValidation(input.files, session: session, raccord: self)
      let nationalLoaded = try refreshNationalLayer(session)
      var results: [FileImportResult] = []
      var first: (file: String, header: FileHeader)?
      var reportedYears: Set<SchoolYear> = []
      var exportsOfThisCommand: [String: String] = [:]
      // Copies of gradebook files are kept once the whole command is accepted.
      var toKeep: [ImportableFile] = []
      // XML files first: a CSV file takes its school and year from them.
      let ordered = input.files.filter { !$0.isCSV } + input.files.filter(\.isCSV)
      for file in ordered {
        if let previous = try session.currentFile(sha256: file.sha256) {
          if let only = options.onlySchool, previous.uai != only.uppercased() {
            throw RaccordError.otherSchool(file: file.displayName, uai: previous.uai, allowed: only.uppercased())
          }
          // Already imported, but still a file of this command: the others must be of its school.
          if first == nil, let kind = FileKind(rawValue: previous.kind), let uai = try? UAI(validating: previous.uai) {
            first = (file.displayName, FileHeader(kind: kind, uai: uai, year: SchoolYear(previous.year)))
          }
          results.append(
            FileImportResult(
              displayName: file.displayName, kind: FileKind(rawValue: previous.kind), header: nil,
              outcome: .unchanged(previous: previous)))
          // Its copy may be missing (a store from before copies were kept inside it): importing it again makes one.
          if previous.kind == FileKind.lsuBilans.rawValue { toKeep.append(file) }
          continue
        }
        let storeSink = session.sink(
          for: SourceFileInfo(
            displayName: file.displayName, fileName: file.fileName, sha256: file.sha256, size: file.size,
            force: options.force))
        let sink = ConsistencySink(
          inner: storeSink, file: file.displayName, first: first, diagnostics: diagnostics,
          reportedYears: reportedYears, onlySchool: options.onlySchool)
        let name = file.displayName
        // The XSD validation of an LSU file reads it a second time: on another core, while it is imported.
        let validation =
          try early.take(file) ?? (file.isCSV ? nil : BackgroundValidation.startIfLSU(file.url, raccord: self))
        let outcome: ImportOutcome
        if file.isCSV {
          let header = try csvHeader(
            options: options, first: first?.header,
            commandYears: results.compactMap { $0.header?.year.start ?? $0.previousYear }, file: file, session: session)
          outcome = try ServicesCSVImporter.run(file, header: header, into: sink)
        } else {
          let fileProgress = progress.map { report in { @Sendable (fraction: Double) in report(name, fraction) } }
          outcome = try XMLImport.runPipelined(file, into: sink, diagnostics: diagnostics, progress: fileProgress)
        }
        let exportKey = "\(outcome.header.kind.rawValue) \(outcome.header.uai.code) \(outcome.header.year.start)"
        if let other = exportsOfThisCommand[exportKey] {
          throw RaccordError.sameExportTwice(
            file: file.displayName, other: other, kind: outcome.header.kind, uai: outcome.header.uai.code,
            year: outcome.header.year.start)
        }
        exportsOfThisCommand[exportKey] = file.displayName
        try storeSink.finish(counts: outcome.counts)
        if outcome.header.kind == .lsuBilans {
          try storeSink.recordSourcePath(file.url.standardizedFileURL.path)
          toKeep.append(file)
        }
        if outcome.header.kind == .lsuBilans,
          let problems = try validation?.wait() ?? lsuValidator(version: LSUSchema.current)?.validate(file.url)
        {
          try storeSink.recordSchemaProblems(
            problems.map { (line: $0.line, message: $0.message) }, schemaVersion: LSUSchema.current.rawValue)
        }
        reportedYears = sink.reportedYears.union([outcome.header.year])
        if first == nil { first = (file.displayName, outcome.header) }
        results.append(
          FileImportResult(
            displayName: file.displayName, kind: outcome.header.kind, header: outcome.header,
            outcome: .imported(counts: outcome.counts, replaced: storeSink.replaced)))
      }
      try refuseGradebookWithoutNomenclature(results, session: session)
      for file in toKeep { try keepCopy(of: file, session: session) }
      if database.filesFolder == nil, !toKeep.isEmpty { try session.dropReplacedFileCopies() }
      return ImportReport(files: results, nationalLayerLoaded: nationalLoaded)
    }
  }

  /// Keeps a copy of a gradebook's LSU file beside the store, named by its SHA-256, so that the
  /// corrected export finds it even when the original (an upload, a USB key) is gone. A store
  /// without a folder beside it (PostgreSQL) keeps the copy inside, in the import's transaction.
  func keepCopy(of file: ImportableFile, session: ImportSession) throws {
    guard let folder = database.filesFolder else {
      return try session.keepFileCopy(sha256: file.sha256, of: file.url)
    }
    let copy = folder.appendingPathComponent("\(file.sha256).xml")
    guard !FileManager.default.fileExists(atPath: copy.path) else { return }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let partial = folder.appendingPathComponent(".\(file.sha256).partiel")
      try? FileManager.default.removeItem(at: partial)
      try FileManager.default.copyItem(at: file.url, to: partial)
      try FileManager.default.moveItem(at: partial, to: copy)
    } catch {
      throw RaccordError.cannotKeepCopy(
        file: file.displayName, folder: folder.path, reason: error.localizedDescription)
    }
  }

  /// The school and year of a CSV file: from the options, the command's other files, or the store.
  func csvHeader(
    options: ImportOptions, first: FileHeader?, commandYears: [Int], file: ImportableFile, session: ImportSession
  ) throws
    -> FileHeader
  {
    let loaded = try session.schoolYears()
    let uaiText = options.uai ?? first?.uai.code ?? (Set(loaded.map(\.uai)).count == 1 ? loaded.first?.uai : nil)
    guard let uaiText else {
      throw RaccordError.csvSchoolUnknown(file: file.displayName)
    }
    let uai: UAI
    do {
      uai = try UAI(validating: uaiText)
    } catch {
      throw RaccordError.invalidUAI(uaiText, reason: error.french)
    }
    // The latest year among this command's other files, else the latest in the store: a gradebook
    // file is about the current year.
    let year = options.year ?? commandYears.max() ?? loaded.filter { $0.uai == uai.code }.map(\.year).max()
    guard let year else {
      throw RaccordError.csvYearUnknown(file: file.displayName)
    }
    return FileHeader(kind: .gradebookServices, uai: uai, year: SchoolYear(year))
  }

  /// A gradebook file whose school and year have no SIECLE or STS nomenclature, loaded or in this
  /// command, is refused: nothing could be mapped, and its school or year is most likely wrong.
  func refuseGradebookWithoutNomenclature(_ results: [FileImportResult], session: ImportSession) throws {
    for result in results {
      guard let header = result.header, header.kind == .lsuBilans || header.kind == .gradebookServices else { continue }
      let kinds = try session.currentKinds(uai: header.uai.code, year: header.year.start)
      if !kinds.contains(FileKind.siecleNomenclature.rawValue) && !kinds.contains(FileKind.stsEmp.rawValue) {
        throw RaccordError.gradebookWithoutNomenclature(
          file: result.displayName, uai: header.uai.code, year: header.year.start,
          knownSchool: try session.schoolYears().contains { $0.uai == header.uai.code })
      }
    }
  }

  /// Loads the national tables when the store lacks them or they changed (parsed only then).
  func refreshNationalLayer(_ session: ImportSession) throws -> Bool {
    guard let dataDirectory else { return false }
    let folder = DataDirectory.nomenclatures(in: dataDirectory)
    if try session.nationalFingerprint() == NationalTablesLoader.fingerprint(of: folder) { return false }
    return try session.loadNationalLayer(NationalTablesLoader.load(from: folder))
  }

  /// Loads (or reloads, when they changed) the national tables without importing any file.
  @discardableResult
  public func loadNationalLayer() throws -> Bool {
    try database.importTransaction { try refreshNationalLayer($0) }
  }
}

/// An LSU file's XSD validation, run on a thread of its own while the file is imported.
final class BackgroundValidation: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  /// Written once by the validating thread, read after `done` is signalled.
  private var problems: [SchemaProblem] = []

  /// Starts validating `url` against the current LSU schema when its first bytes show an LSU
  /// file (root `lsun-bilans`); `nil` otherwise, or without a data folder.
  static func startIfLSU(_ url: URL, raccord: Raccord) throws -> BackgroundValidation? {
    guard isLSU(url), let validator = try raccord.lsuValidator(version: LSUSchema.current) else { return nil }
    let validation = BackgroundValidation()
    let box = ValidatorBox(validator)
    Thread.detachNewThread {
      validation.problems = box.validator.validate(url)
      validation.done.signal()
    }
    return validation
  }

  /// Whether the file's first bytes show an LSU file (root `lsun-bilans`).
  static func isLSU(_ url: URL) -> Bool {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
    let start = (try? handle.read(upToCount: 4096)) ?? Data()
    try? handle.close()
    return start.range(of: Data("<lsun-bilans".utf8)) != nil
  }

  /// The problems found, once the validation has ended.
  func wait() -> [SchemaProblem] {
    done.wait()
    return problems
  }
}

/// The XSD validation of a command's first LSU file not imported yet, started before anything is
/// imported. The other LSU files (rare: one gradebook per school and year) are validated each beside
/// its own import, as before, so that validations never pile up.
struct EarlyValidation {
  private var file: ImportableFile?
  private var started: Result<BackgroundValidation?, any Error> = .success(nil)

  init(_ files: [ImportableFile], session: ImportSession, raccord: Raccord) throws {
    for file in files where !file.isCSV {
      guard try session.currentFile(sha256: file.sha256) == nil, BackgroundValidation.isLSU(file.url) else { continue }
      self.file = file
      // An error (no schema) is thrown at the file's turn, where it was thrown before.
      started = Result { try BackgroundValidation.startIfLSU(file.url, raccord: raccord) }
      return
    }
  }

  /// The validation started early for `file`, if it is that file (once).
  mutating func take(_ file: ImportableFile) throws -> BackgroundValidation? {
    guard let early = self.file, early.url == file.url, early.sha256 == file.sha256 else { return nil }
    self.file = nil
    return try started.get()
  }
}

/// Hands a validator to the thread that uses it alone (libxml2 validation contexts are per call).
private struct ValidatorBox: @unchecked Sendable {
  let validator: SchemaValidator
  init(_ validator: SchemaValidator) { self.validator = validator }
}
