import Exports
import Foundation
import Importers
import Matching
import RaccordCore
import RaccordKit
import Store

/// `raccord bench`: generates a synthetic STS Web export and a large SIECLE nomenclature, imports
/// them into a fresh store, and compares the time with `xmllint --stream` on the same file.
public enum Benchmark {
  /// One file's import beside its anchor, `xmllint --stream --noout` on the same file.
  public struct Measure: Sendable {
    public var name: String
    public var bytes: Int64
    public var importing: Timing
    public var peakResidentMB: Double?
    public var xmllint: Timing?
    /// Reading alone (hashing and parsing), into a sink that keeps nothing.
    public var reading: Timing?
    /// Writing alone: the records already in memory, written into a fresh store.
    public var writing: Timing?
    /// The same file imported again into the store that holds it (found unchanged by its hash).
    public var unchanged: Timing?
    public var counts: [String: Int]

    public var megabytesPerSecond: Double { Double(bytes) / 1_048_576 / max(importing.minimum, 1e-9) }
  }

  /// Suggestion timings.
  public struct MatchingMeasure: Sendable {
    public var subjects: Int
    public var matieres: Int
    public var teachers: Int
    public var people: Int
    public var subjectSeconds: Double
    public var teacherSeconds: Double
  }

  /// The lycée-sized pre-flight: import of a big LSU file (with XSD validation) and every check.
  public struct ChecksMeasure: Sendable {
    public var pupils: Int
    public var acquis: Int
    public var bytes: Int64
    public var importSeconds: Double
    public var checkSeconds: Double
    public var peakResidentMB: Double?
    public var findings: Int
    /// `raccord export lsu` on that file, every proposal accepted: rewrite, XSD and references,
    /// run as its own process (so that its peak memory is its own).
    public var exportSeconds: Double?
    public var exportPeakResidentMB: Double?
    /// The same steps timed one by one on the same file, for the record: reading the store and
    /// planning, the rewrite (with both reference checks), the XSD validation of the file written.
    public var exportPlanSeconds: Double?
    public var exportRewriteSeconds: Double?
    public var exportSchemaSeconds: Double?
    /// `xmllint --stream --noout --schema` with the LSU 10.0 schema on the same file.
    public var xmllintSchemaSeconds: Double?
  }

  public struct Report: Sendable {
    public var measures: [Measure]
    public var runs: [RunMeasure] = []
    public var matching: [MatchingMeasure] = []
    public var checks: ChecksMeasure?
    public var web: WebBenchmark.Report?
    public var academy: AcademyBenchmark.Report?

    public func text() -> String {
      var lines = ["Banc d'essai de l'import (machine : \(ProcessInfo.processInfo.activeProcessorCount) cœurs)"]
      for m in measures {
        lines.append("")
        lines += m.lines()
      }
      if !runs.isEmpty { lines.append("") }
      for run in runs { lines.append(run.line()) }
      for m in matching {
        lines.append("")
        lines.append(
          "Suggestions : \(m.subjects) matières du logiciel de notes contre \(m.matieres) matières : "
            + String(
              format: "%.3f s (%.2f ms par matière)", m.subjectSeconds, 1000 * m.subjectSeconds / Double(m.subjects)))
        lines.append(
          "              \(m.teachers) enseignants contre \(m.people) individus STS : "
            + String(
              format: "%.3f s (%.3f ms par enseignant)", m.teacherSeconds, 1000 * m.teacherSeconds / Double(m.teachers))
        )
      }
      if let c = checks {
        lines.append("")
        lines.append(
          "Vérifications : \(c.pupils) élèves, \(c.acquis) acquis, fichier LSU de "
            + String(format: "%.1f Mo", Double(c.bytes) / 1_048_576))
        lines.append(
          String(
            format: "  import LSU avec validation XSD : %.2f s ; toutes les vérifications : %.2f s ; total : %.2f s",
            c.importSeconds, c.checkSeconds, c.importSeconds + c.checkSeconds))
        if let peak = c.peakResidentMB {
          lines.append(String(format: "  mémoire résidente maximale : %.0f Mo ; %d constats", peak, c.findings))
        }
        if let export = c.exportSeconds {
          var line = String(format: "  export LSU corrigé (réécriture + XSD + références) : %.2f s", export)
          if let lint = c.xmllintSchemaSeconds {
            line += String(
              format: " ; xmllint --stream --schema : %.2f s (rapport : %.2f×)", lint, export / max(lint, 1e-9))
          }
          if let peak = c.exportPeakResidentMB { line += String(format: " ; mémoire maximale %.0f Mo", peak) }
          lines.append(line)
          if let plan = c.exportPlanSeconds, let rewrite = c.exportRewriteSeconds, let schema = c.exportSchemaSeconds {
            lines.append(
              String(
                format: "    étapes mesurées une à une : lecture de la base et plan %.2f s ; réécriture et références "
                  + "%.2f s ; validation XSD %.2f s (l'export fait les deux dernières en même temps)",
                plan, rewrite, schema))
          }
        }
      }
      if let web {
        lines.append("")
        lines += web.lines()
      }
      if let academy {
        lines.append("")
        lines += academy.lines()
      }
      return lines.joined(separator: "\n")
    }
  }

  /// The parts of the benchmark.
  public enum Section: String, Sendable, CaseIterable {
    /// STS, nomenclature and LSU imports against xmllint.
    case `import`
    /// A generated 500 MB STS file (opt-in: it takes time and disk; not in ``allCases``).
    case importLarge = "import-large"
    /// `raccord run` for a generated lycée and collège.
    case run
    /// Suggestions for growing numbers of subjects and teachers.
    case matching
    /// The 2,000-pupil pre-flight: LSU import and every check.
    case checks
    /// The review page on the pre-flight's store (needs `checks`).
    case web
    /// A generated académie: batch import and checks, `status --all`, 20 concurrent reviewers
    /// (opt-in: minutes of work and about 2 GB of files for 500 schools; not in ``allCases``).
    case academie

    /// The parts run when none is named: all but `import-large`.
    public static let allCases: [Section] = [.import, .run, .matching, .checks, .web]
  }

  /// Runs the benchmark.
  /// - Parameters:
  ///   - targetMegabytes: the size of the synthetic STS file.
  ///   - workDirectory: where to write the files and the store (a temporary folder by default).
  ///   - sections: the parts to run.
  ///   - log: receives progress lines.
  ///   - academy: the académie part's settings.
  public static func run(
    targetMegabytes: Int, workDirectory: String?, dataDirectory: URL? = nil,
    sections: Set<Section> = Set(Section.allCases), academy: AcademySettings = AcademySettings(),
    log: @escaping @Sendable (String) -> Void
  ) async throws -> Report {
    let folder: URL
    let temporary = workDirectory == nil
    if let workDirectory {
      folder = URL(fileURLWithPath: workDirectory)
    } else {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("raccord-bench-\(UUID().uuidString)")
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if temporary { try? FileManager.default.removeItem(at: folder) } }

    var report = Report(
      measures: sections.contains(.import)
        ? try imports(in: folder, targetMegabytes, log) : [])
    if sections.contains(.importLarge) {
      report.measures.append(try largeImport(in: folder, megabytes: 500, keep: !temporary, log: log))
    }
    if let dataDirectory, sections.contains(.run) {
      report.runs.append(
        try runAll(
          school: "lycée", pupils: 2_000, stsBytes: 3_000_000, target: 2, in: folder, dataDirectory: dataDirectory,
          log: log))
      report.runs.append(
        try runAll(
          school: "collège", pupils: 1_000, stsBytes: 1_000_000, target: 1, in: folder, dataDirectory: dataDirectory,
          log: log))
    }
    if let dataDirectory, sections.contains(.checks) || sections.contains(.web) {
      log("Banc des vérifications (2 000 élèves, 3 trimestres)…")
      report.checks = try checks(in: folder, dataDirectory: dataDirectory, pupils: 2_000)
      if sections.contains(.web) {
        report.web = try await WebBenchmark.run(
          database: folder.appendingPathComponent("bench-checks.sqlite"), dataDirectory: dataDirectory, log: log)
      }
    }
    if sections.contains(.academie) {
      report.academy = try await AcademyBenchmark.run(
        schools: academy.schools, folder: folder, database: academy.database, dataDirectory: dataDirectory,
        reviewers: academy.reviewers, duration: academy.seconds, log: log)
    }
    if sections.contains(.matching) {
      for scale in [1, 2] {
        report.matching.append(
          matching(subjects: 250 * scale, matieres: 3_000, teachers: 100 * scale, people: 2_000))
      }
    }
    return report
  }

  /// The académie part's settings.
  public struct AcademySettings: Sendable {
    /// How many schools to generate.
    public var schools: Int
    /// The store to import them into (`--db`, RACCORD_DB: a path or a PostgreSQL URL); a scratch
    /// SQLite file in the work folder when `nil`.
    public var database: String?
    /// Concurrent reviewers, and for how long (seconds); 0 reviewers skips that part.
    public var reviewers: Int
    public var seconds: Double

    public init(schools: Int = 500, database: String? = nil, reviewers: Int = 20, seconds: Double = 20) {
      self.schools = schools
      self.database = database
      self.reviewers = reviewers
      self.seconds = seconds
    }
  }

  /// Imports a synthetic STS export, a nomenclature and a gradebook LSU file into fresh stores,
  /// each run right after xmllint on the same file.
  static func imports(in folder: URL, _ targetMegabytes: Int, _ log: (String) -> Void) throws -> [Measure] {
    let sts = folder.appendingPathComponent("sts_emp_0789990K_2025.xml")
    let nomenclature = folder.appendingPathComponent("Nomenclature.xml")
    let college = folder.appendingPathComponent("bench-Nomenclature-college.xml")
    let lsu = folder.appendingPathComponent("bench-lsu-3000.xml")
    let stsBytes = Int64(targetMegabytes) * 1_048_576
    try generate(sts, approximately: stsBytes, log: log) {
      try SyntheticExports.writeSTS(to: sts, targetBytes: stsBytes)
    }
    try generate(nomenclature, log: log) {
      try SyntheticExports.writeNomenclature(to: nomenclature, mefs: 2_000, matieres: 3_000, rowsPerMEF: 30)
    }
    try generate(college, log: log) { try SyntheticExports.writeCollegeNomenclature(to: college) }
    // The largest lycée's gradebook: 3,000 pupils over 3 periods.
    try generate(lsu, log: log) { try SyntheticExports.writeLSU(to: lsu, pupils: 3_000, periods: 3) }
    return [
      try measureImport(sts, in: folder, log: log),
      try measureImport(nomenclature, in: folder, log: log),
      // A gradebook needs its school's nomenclature in the store; no XSD validation here (the
      // `checks` part times it), so that the figure compares with xmllint's.
      try measureImport(
        lsu, in: folder,
        prepare: { raccord in _ = try raccord.importFiles([college.path], diagnostics: DiagnosticCollector()) },
        log: log),
    ]
  }

  /// Times suggestions on synthetic but realistic data: gradebook labels are official labels
  /// abbreviated, upper-cased or reordered; teachers are STS people with accents dropped.
  public static func matching(subjects: Int, matieres: Int, teachers: Int, people: Int) -> MatchingMeasure {
    let words = [
      "HISTOIRE", "GEOGRAPHIE", "SCIENCES", "PHYSIQUE", "CHIMIE", "EDUCATION", "MUSICALE", "LANGUE", "VIVANTE",
      "TECHNOLOGIE", "ARTS", "PLASTIQUES", "MATHEMATIQUES", "FRANCAIS", "ANGLAIS", "ESPAGNOL", "ALLEMAND", "LATIN",
      "ECONOMIE", "DROIT", "GESTION", "ATELIER", "PRATIQUE", "ENSEIGNEMENT", "MORAL", "CIVIQUE", "SPORTIVE",
    ]
    var catalogue: [CatalogueEntry] = []
    var programme: [String: Set<String>] = [:]
    for index in 0..<matieres {
      let label = (0..<3).map { words[(index * 7 + $0 * 11) % words.count] }.joined(separator: " ") + " \(index)"
      let code = String(format: "%06d", index * 100 % 1_000_000)
      catalogue.append(
        CatalogueEntry(code: code, codeGestion: "G\(index)", libelleLong: label, libelleEdition: label.capitalized))
      if index % 10 == 0 { programme[code] = ["S"] }
    }
    let matcher = SubjectMatcher(catalogue: catalogue, tables: MappingTables())
    let context = SubjectContext(description: "banc d'essai", programme: programme, yearStart: "2025-09-01")
    let queries = (0..<subjects).map { index -> SubjectQuery in
      let entry = catalogue[(index * 13) % catalogue.count]
      let label =
        index % 2 == 0
        ? entry.libelleEdition! : String(entry.libelleLong!.split(separator: " ").reversed().joined(separator: "."))
      return SubjectQuery(label: label, code: index % 3 == 0 ? entry.code : nil)
    }
    var start = Date()
    for query in queries { _ = matcher.suggest(query, in: context) }
    let subjectSeconds = Date().timeIntervalSince(start)

    let names = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU"]
    let first = ["Élodie", "Rémi", "Chloé", "Jérôme", "Inès", "Loïc", "Maëlle", "Noé"]
    let staff = (0..<people).map { index in
      STSPerson(
        id: "\(10_000 + index)", list: "individu", nomUsage: "\(names[index % names.count])-\(index / names.count)",
        nomPatronymique: names[(index + 3) % names.count], prenom: first[index % first.count], fonction: "ENS")
    }
    let teacherMatcher = TeacherMatcher(people: staff)
    let teacherQueries = (0..<teachers).map { index -> TeacherQuery in
      let person = staff[(index * 17) % staff.count]
      return TeacherQuery(
        idSTS: index % 2 == 0 ? person.id : nil, nom: person.nomUsage?.lowercased(),
        prenom: person.prenom?.folding(options: .diacriticInsensitive, locale: nil))
    }
    start = Date()
    for query in teacherQueries { _ = teacherMatcher.suggest(query) }
    let teacherSeconds = Date().timeIntervalSince(start)
    return MatchingMeasure(
      subjects: subjects, matieres: matieres, teachers: teachers, people: people, subjectSeconds: subjectSeconds,
      teacherSeconds: teacherSeconds)
  }

  /// Imports a lycée-sized LSU file (2,000 pupils, 3 periods, 15 subjects each) next to a matching
  /// nomenclature and STS export, then runs every check.
  static func checks(in folder: URL, dataDirectory: URL, pupils: Int) throws -> ChecksMeasure {
    let nomenclature = folder.appendingPathComponent("bench-Nomenclature-college.xml")
    let sts = folder.appendingPathComponent("bench-sts.xml")
    let lsu = folder.appendingPathComponent("bench-lsu.xml")
    try SyntheticExports.writeCollegeNomenclature(to: nomenclature)
    try SyntheticExports.writeSTS(to: sts, targetBytes: 1_500_000)
    let acquis = try SyntheticExports.writeLSU(to: lsu, pupils: pupils, periods: 3)
    let database = folder.appendingPathComponent("bench-checks.sqlite")
    try? FileManager.default.removeItem(at: database)
    let raccord = Raccord(database: try AppDatabase(path: database.path), dataDirectory: dataDirectory)
    _ = try raccord.importFiles([nomenclature.path, sts.path], diagnostics: DiagnosticCollector())
    resetPeakMemory()
    var start = Date()
    _ = try raccord.importFiles([lsu.path], diagnostics: DiagnosticCollector())
    let importSeconds = Date().timeIntervalSince(start)
    start = Date()
    let report = try raccord.runChecks()
    let checkSeconds = Date().timeIntervalSince(start)
    let size = (try FileManager.default.attributesOfItem(atPath: lsu.path)[.size] as? NSNumber)?.int64Value ?? 0
    var measure = ChecksMeasure(
      pupils: pupils, acquis: acquis, bytes: size, importSeconds: importSeconds, checkSeconds: checkSeconds,
      peakResidentMB: peakResidentMegabytes(), findings: report.findings.count)
    try raccord.acceptProposed(minimumConfidence: 0.5, author: "banc")
    let output = folder.appendingPathComponent("bench-lsu-corrige.xml")
    if let child = exportInChild(database: database, dataDirectory: dataDirectory, output: output) {
      measure.exportSeconds = child.seconds
      measure.exportPeakResidentMB = child.peakMB
    } else {
      resetPeakMemory()
      start = Date()
      _ = try raccord.exportLSU(output: output)
      measure.exportSeconds = Date().timeIntervalSince(start)
      measure.exportPeakResidentMB = peakResidentMegabytes()
    }
    let schema = DataDirectory.nomenclatures(in: dataDirectory).appendingPathComponent(
      "lsu/\(LSUSchema.current.fileName)")
    measure.xmllintSchemaSeconds = xmllintSeconds(lsu, schema: schema)
    // The steps one by one.
    start = Date()
    _ = try raccord.suggestions()
    measure.exportPlanSeconds = Date().timeIntervalSince(start)
    let copy = folder.appendingPathComponent("bench-lsu-reecrit.xml")
    start = Date()
    _ = try LSURewriter(plan: LSURewritePlan()).rewrite(lsu, to: copy)
    measure.exportRewriteSeconds = Date().timeIntervalSince(start)
    start = Date()
    _ = try raccord.validateLSU(output, version: .current)
    measure.exportSchemaSeconds = Date().timeIntervalSince(start)
    try? FileManager.default.removeItem(at: copy)
    return measure
  }

  /// Resets the kernel's peak-RSS counter of this process (Linux), so that the next reading covers
  /// only what follows. Memory the allocator kept from earlier parts is given back first: it would
  /// otherwise count in the next part's peak.
  static func resetPeakMemory() {
    // glibc's malloc_trim, looked up at run time (Swift's Glibc module does not declare it).
    typealias Trim = @convention(c) (Int) -> Int32
    if let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
      _ = unsafeBitCast(trim, to: Trim.self)(0)
    }
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
  }

  static func peakResidentMegabytes() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let digits = line.split(separator: " ").compactMap { Double($0) }.first
      return digits.map { $0 / 1024 }
    }
    return nil
  }

  /// Runs `raccord export lsu` (this very program) on the bench store under GNU `time`: wall time
  /// and the child's own peak resident memory. (Spawned directly, a child's `ru_maxrss` would
  /// include this process's memory, which Linux carries across `exec`.) `nil` when this program is
  /// not `raccord` or `/usr/bin/time` is missing.
  static func exportInChild(database: URL, dataDirectory: URL, output: URL) -> (seconds: Double, peakMB: Double)? {
    var path = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &path, 4095)
    guard length > 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
    let program = String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard URL(fileURLWithPath: program).lastPathComponent == "raccord" else { return nil }
    let peakFile = output.deletingLastPathComponent().appendingPathComponent("bench-export-memoire.txt")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = [
      "-f", "%M", "-o", peakFile.path, program, "export", "lsu", "--db", database.path, "--data-dir",
      dataDirectory.path, "--out", output.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = Date()
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    guard process.terminationStatus == 0,
      let text = try? String(contentsOf: peakFile, encoding: .utf8),
      let kilobytes = Double(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
    else { return nil }
    return (seconds, kilobytes / 1024)
  }

  static func xmllintSeconds(_ file: URL, schema: URL? = nil) -> Double? {
    let candidates = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"]
    guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["--stream", "--noout"] + (schema.map { ["--schema", $0.path] } ?? []) + [file.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = Date()
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    return Date().timeIntervalSince(start)
  }
}

/// Keeps nothing: measures reading alone.
final class DiscardingSink: ImportSink {
  func begin(_ header: FileHeader) throws {}
  func add(_ record: ImportRecord) throws {}
}
