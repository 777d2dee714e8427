import Foundation
import Importers
import RaccordCore
import RaccordKit
import Store

/// Wall times of the runs of one step.
public struct Timing: Sendable {
  public var runs: [Double] = []
  /// Processor time (user and system, every thread) of each run: on a busy machine, wall times
  /// depend on the other processes, these much less.
  public var processor: [Double] = []

  public var median: Double {
    let sorted = runs.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  public var minimum: Double { runs.min() ?? .nan }

  public var minimumProcessor: Double { processor.min() ?? .nan }

  /// « médiane 1,23 s, min 1,20 s (processeur : min 1,90 s) » in the bench's text.
  public var text: String {
    var text = String(format: "médiane %.2f s, min %.2f s", median, minimum)
    if !processor.isEmpty { text += String(format: " (temps processeur, min : %.2f s)", minimumProcessor) }
    return text
  }

  mutating func time<T>(_ body: () throws -> T) rethrows -> T {
    let start = Date()
    let startProcessor = Self.processorSeconds(__rusage_who_t(RUSAGE_SELF.rawValue))
    let result = try body()
    runs.append(Date().timeIntervalSince(start))
    processor.append(Self.processorSeconds(__rusage_who_t(RUSAGE_SELF.rawValue)) - startProcessor)
    return result
  }

  /// User and system time of this process (`RUSAGE_SELF`) or of its ended children (`RUSAGE_CHILDREN`).
  static func processorSeconds(_ who: __rusage_who_t) -> Double {
    var usage = rusage()
    getrusage(who, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}

extension Benchmark {
  /// How many times each import and its anchor run, one after the other.
  static let runs = 5

  /// One file imported `runs` times into a fresh store, each time right after `xmllint` on it.
  /// - Parameters:
  ///   - prepare: fills the fresh store with what the file needs first (a gradebook needs its
  ///     school's nomenclature); not timed.
  static func measureImport(
    _ file: URL, name: String? = nil, in folder: URL, dataDirectory: URL? = nil,
    prepare: (Raccord) throws -> Void = { _ in }, log: (String) -> Void
  ) throws -> Measure {
    let database = folder.appendingPathComponent("bench-\(file.deletingPathExtension().lastPathComponent).sqlite")
    var importing = Timing()
    var reading = Timing()
    var lint: Timing? = Timing()
    var peak: Double?
    var counts: [String: Int] = [:]
    for run in 1...runs {
      log("Import de \(file.lastPathComponent) (essai \(run)/\(runs))…")
      timeXMLLint(file, into: &lint)
      removeStore(database)
      let raccord = Raccord(database: try AppDatabase(path: database.path), dataDirectory: dataDirectory)
      try prepare(raccord)
      resetPeakMemory()
      let report = try importing.time { try raccord.importFiles([file.path], diagnostics: DiagnosticCollector()) }
      if let megabytes = peakResidentMegabytes() { peak = max(peak ?? 0, megabytes) }
      if case .imported(let imported, _) = report.files.first?.outcome { counts = imported }
      try reading.time {
        for importable in try ImportInput(paths: [file.path]).files {
          _ = try XMLImport.run(importable, into: DiscardingSink(), diagnostics: DiagnosticCollector())
        }
      }
    }
    // The same file again into the store that holds it: hashed, found unchanged, skipped.
    var unchanged = Timing()
    let again = Raccord(database: try AppDatabase(path: database.path), dataDirectory: dataDirectory)
    for _ in 1...runs {
      let report = try unchanged.time { try again.importFiles([file.path], diagnostics: DiagnosticCollector()) }
      guard case .unchanged = report.files.first?.outcome else { throw ReimportNotSkipped(file: file.path) }
    }
    var measure = Measure(
      name: name ?? file.lastPathComponent, bytes: size(of: file), importing: importing, peakResidentMB: peak,
      xmllint: lint, reading: reading, counts: counts)
    measure.unchanged = unchanged
    measure.writing = try writingAlone(file, database: database, prepare: prepare, dataDirectory: dataDirectory)
    return measure
  }

  /// The store's writer alone: the file's records read into memory first, then written `runs` times
  /// into a fresh store, in one transaction as an import does.
  static func writingAlone(
    _ file: URL, database: URL, prepare: (Raccord) throws -> Void, dataDirectory: URL?
  ) throws -> Timing {
    guard let importable = try ImportInput(paths: [file.path]).files.first else { return Timing() }
    let collected = CollectingSink()
    let outcome = try XMLImport.run(importable, into: collected, diagnostics: DiagnosticCollector())
    var writing = Timing()
    for _ in 1...runs {
      removeStore(database)
      let store = try AppDatabase(path: database.path)
      try prepare(Raccord(database: store, dataDirectory: dataDirectory))
      try writing.time {
        try store.importTransaction { session in
          let sink = session.sink(
            for: SourceFileInfo(
              displayName: importable.displayName, fileName: importable.fileName, sha256: importable.sha256,
              size: importable.size))
          try sink.begin(outcome.header)
          for record in collected.records { try sink.add(record) }
          try sink.finish(counts: outcome.counts)
        }
      }
    }
    removeStore(database)
    return writing
  }

  static func removeStore(_ database: URL) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: database.path + suffix)
    }
    // The copies of imported gradebook files kept beside the store.
    try? FileManager.default.removeItem(
      at: database.deletingLastPathComponent().appendingPathComponent(
        database.deletingPathExtension().lastPathComponent + "-fichiers"))
  }

  static func size(of file: URL) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? NSNumber)?.int64Value ?? 0
  }

  /// Writes a synthetic file unless the work folder already holds one of about the right size.
  static func generate(
    _ file: URL, approximately bytes: Int64? = nil, log: (String) -> Void, _ write: () throws -> Void
  )
    rethrows
  {
    let existing = size(of: file)
    if existing > 0, bytes.map({ abs(Double(existing - $0)) < 0.05 * Double($0) }) ?? true {
      log("\(file.lastPathComponent) : déjà généré, réutilisé.")
      return
    }
    log("Génération de \(file.lastPathComponent)…")
    try write()
  }

  /// The 500 MB STS file: generated as a stream, imported once (with `xmllint` once), removed
  /// afterwards unless the work folder was given.
  static func largeImport(in folder: URL, megabytes: Int, keep: Bool, log: (String) -> Void) throws -> Measure {
    let file = folder.appendingPathComponent("grand/sts_emp_0789990K_2025.xml")
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    let bytes = Int64(megabytes) * 1_048_576
    try generate(file, approximately: bytes, log: log) { try SyntheticExports.writeSTS(to: file, targetBytes: bytes) }
    defer {
      if !keep { try? FileManager.default.removeItem(at: file) }
    }
    let database = folder.appendingPathComponent("bench-grand.sqlite")
    defer { removeStore(database) }
    var importing = Timing()
    var lint: Timing? = Timing()
    timeXMLLint(file, into: &lint)
    removeStore(database)
    let raccord = Raccord(database: try AppDatabase(path: database.path), dataDirectory: nil)
    log("Import de \(file.lastPathComponent) (\(megabytes) Mo)…")
    resetPeakMemory()
    let report = try importing.time { try raccord.importFiles([file.path], diagnostics: DiagnosticCollector()) }
    var counts: [String: Int] = [:]
    if case .imported(let imported, _) = report.files.first?.outcome { counts = imported }
    return Measure(
      name: "\(file.lastPathComponent) (grand)", bytes: size(of: file), importing: importing,
      peakResidentMB: peakResidentMegabytes(), xmllint: lint, reading: nil, counts: counts)
  }

  /// `raccord run` (import, suggestions, mapping table, checks) on a generated school's files,
  /// into a fresh store each time.
  public struct RunMeasure: Sendable {
    public var school: String
    public var pupils: Int
    public var bytes: Int64
    public var timing: Timing
    public var target: Double
    public var peakResidentMB: Double?
  }

  static func runAll(
    school: String, pupils: Int, stsBytes: Int64, target: Double, in folder: URL, dataDirectory: URL,
    log: (String) -> Void
  ) throws -> RunMeasure {
    let files = folder.appendingPathComponent("run-\(pupils)")
    try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
    let nomenclature = files.appendingPathComponent("Nomenclature.xml")
    let sts = files.appendingPathComponent("sts_emp_0789990K_2025.xml")
    let lsu = files.appendingPathComponent("lsu-\(pupils).xml")
    try generate(nomenclature, log: log) { try SyntheticExports.writeCollegeNomenclature(to: nomenclature) }
    try generate(sts, approximately: stsBytes, log: log) {
      try SyntheticExports.writeSTS(to: sts, targetBytes: stsBytes)
    }
    try generate(lsu, log: log) { try SyntheticExports.writeLSU(to: lsu, pupils: pupils, periods: 3) }
    let database = folder.appendingPathComponent("bench-run-\(pupils).sqlite")
    let output = folder.appendingPathComponent("run-\(pupils)-sorties")
    var timing = Timing()
    var peak: Double?
    for run in 1...runs {
      log("raccord run, \(school) de \(pupils) élèves (essai \(run)/\(runs))…")
      removeStore(database)
      try? FileManager.default.removeItem(at: output)
      let raccord = Raccord(database: try AppDatabase(path: database.path), dataDirectory: dataDirectory)
      resetPeakMemory()
      _ = try timing.time {
        try raccord.runAll(
          [files.path], outputDirectory: output, databasePath: database.path, diagnostics: DiagnosticCollector())
      }
      if let megabytes = peakResidentMegabytes() { peak = max(peak ?? 0, megabytes) }
    }
    let bytes = [nomenclature, sts, lsu].map(size(of:)).reduce(0, +)
    return RunMeasure(
      school: school, pupils: pupils, bytes: bytes, timing: timing, target: target, peakResidentMB: peak)
  }
}

extension Benchmark.Measure {
  /// The bench's lines for one file.
  func lines() -> [String] {
    var lines = ["\(name) : \(String(format: "%.1f", Double(bytes) / 1_048_576)) Mo"]
    let count = importing.runs.count
    lines.append(
      "  import complet (lecture + écriture SQLite), \(count) essai\(count > 1 ? "s" : "") : \(importing.text), "
        + String(format: "%.1f Mo/s", megabytesPerSecond))
    if let lint = xmllint {
      var line =
        "  xmllint --stream --noout : \(lint.text) ; rapport import/xmllint : "
        + String(
          format: "%.2f× (minimums), %.2f× (médianes)", importing.minimum / max(lint.minimum, 1e-9),
          importing.median / max(lint.median, 1e-9))
      if !lint.processor.isEmpty, !importing.processor.isEmpty {
        line += String(
          format: ", %.2f× en temps processeur (deux fils pour l'import)",
          importing.minimumProcessor / max(lint.minimumProcessor, 1e-9))
      }
      lines.append(line)
    } else {
      lines.append("  xmllint absent (paquet Debian libxml2-utils) : pas de comparaison")
    }
    if let writing {
      lines.append("  écriture seule (enregistrements déjà lus, une transaction) : \(writing.text)")
    }
    if let unchanged {
      lines.append("  réimport du même fichier (haché, reconnu, ignoré ; objectif < 0,2 s) : \(unchanged.text)")
    }
    if let reading {
      var line = "  lecture seule (hachage et analyse, sans écriture) : \(reading.text)"
      if let lint = xmllint {
        line += String(format: " ; %.2f× xmllint (minimums)", reading.minimum / max(lint.minimum, 1e-9))
      }
      lines.append(line)
    }
    if let peak = peakResidentMB {
      lines.append("  mémoire résidente maximale pendant l'import : \(String(format: "%.0f", peak)) Mo")
    }
    lines.append("  " + StatusReport.countsText(counts))
    return lines
  }
}

extension Benchmark.RunMeasure {
  func line() -> String {
    var line =
      "raccord run, \(school) de \(pupils) élèves (\(String(format: "%.1f", Double(bytes) / 1_048_576)) Mo de "
      + "fichiers) : \(timing.text) (objectif : moins de \(String(format: "%.0f", target)) s)"
    if let peak = peakResidentMB { line += String(format: " ; mémoire maximale %.0f Mo", peak) }
    return line
  }
}

/// The unchanged file was imported again instead of being skipped: its timing would mean nothing.
struct ReimportNotSkipped: Error {
  let file: String
}

/// Keeps every record: feeds the writer-alone measure.
final class CollectingSink: ImportSink {
  var records: [ImportRecord] = []
  func begin(_ header: FileHeader) throws {}
  func add(_ record: ImportRecord) throws { records.append(record) }
}

extension Benchmark {
  /// One `xmllint --stream --noout` run on `file`, wall and processor time added to `lint`; `nil`
  /// from then on when xmllint is not installed.
  static func timeXMLLint(_ file: URL, into lint: inout Timing?) {
    let childrenBefore = Timing.processorSeconds(__rusage_who_t(RUSAGE_CHILDREN.rawValue))
    if let seconds = Benchmark.xmllintSeconds(file) {
      lint?.runs.append(seconds)
      lint?.processor.append(Timing.processorSeconds(__rusage_who_t(RUSAGE_CHILDREN.rawValue)) - childrenBefore)
    } else {
      lint = nil
    }
  }
}
