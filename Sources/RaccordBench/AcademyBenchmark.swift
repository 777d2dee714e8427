import Foundation
import Hummingbird
import RaccordCore
import RaccordKit
import RaccordWeb
import Store

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The académie's load figures (issue 13): a generated académie imported school by school through
/// ``Raccord/importBatch(_:options:progress:)`` (what `raccord import --batch` does) with its
/// checks, then `raccord status --all`, then 20 reviewers deciding at once on a live server over
/// that store. Works on whatever store `AppDatabase` opens: a scratch SQLite file by default.
public enum AcademyBenchmark {
  public struct ImportFigures: Sendable {
    public var store: String
    public var schools: Int
    public var pupils: Int
    public var bytes: Int64
    public var generationSeconds: Double
    public var failed: [String]
    public var unchanged: Int
    public var totalSeconds: Double
    public var perSchool: Percentiles
    public var slowest: (source: String, seconds: Double)?
    public var peakResidentMB: Double?
    public var statusAllSeconds: Double
    public var statusRows: Int
    /// Planted anomalies (school count) and the schools whose findings include the planted kind.
    public var planted: [AcademyExports.Anomaly: Int]
    public var found: [AcademyExports.Anomaly: Int]
  }

  public struct Percentiles: Sendable {
    public var count: Int
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var maximum: Double

    public init(_ values: [Double]) {
      let sorted = values.sorted()
      count = sorted.count
      func at(_ q: Double) -> Double {
        sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1)]
      }
      p50 = at(0.50)
      p95 = at(0.95)
      p99 = at(0.99)
      maximum = sorted.last ?? .nan
    }

    func milliseconds() -> String {
      String(
        format: "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms", p50 * 1000, p95 * 1000, p99 * 1000, maximum * 1000
      )
    }
  }

  public struct ReviewFigures: Sendable {
    public var uai: String
    public var pupils: Int
    public var items: Int
    public var reviewers: Int
    public var seconds: Double
    /// Latencies per kind of request: the review page, the review API, the decision.
    public var page: Percentiles
    public var api: Percentiles
    public var decision: Percentiles
    public var accepted: Int
    public var conflicts: Int
    /// Anything but 2xx, 303 and 409 (with the first few, for the record).
    public var errors: Int
    public var errorSamples: [String]
    /// Accepted decisions neither in the store nor followed by a later accepted one on their item.
    public var lost: Int
    /// Accepted decisions not taken on the version the previous accepted one produced.
    public var overwrittenUnseen: Int
  }

  public struct Report: Sendable {
    public var imports: ImportFigures
    public var review: ReviewFigures?

    public func lines() -> [String] {
      let i = imports
      var lines = [
        "Académie générée : \(i.schools) établissements, \(i.pupils) élèves, "
          + String(format: "%.0f Mo de fichiers (générés en %.0f s)", Double(i.bytes) / 1_048_576, i.generationSeconds),
        "  base : \(i.store)",
        String(
          format: "  import par lot + vérifications : %.1f s au total (%.2f s par établissement en moyenne)",
          i.totalSeconds, i.totalSeconds / Double(max(i.schools, 1))),
        "  par établissement : " + i.perSchool.milliseconds()
          + (i.slowest.map { String(format: " (le plus long : %@, %.2f s)", $0.source, $0.seconds) } ?? ""),
      ]
      if let peak = i.peakResidentMB { lines.append(String(format: "  mémoire résidente maximale : %.0f Mo", peak)) }
      if !i.failed.isEmpty { lines.append("  en échec : \(i.failed.joined(separator: ", "))") }
      if i.unchanged > 0 {
        lines.append("  attention : \(i.unchanged) fichier(s) déjà dans la base, non réimportés (base non vide)")
      }
      lines.append(String(format: "  status --all : %.1f s pour %d lignes", i.statusAllSeconds, i.statusRows))
      lines.append(
        "  anomalies semées / retrouvées par les vérifications : "
          + AcademyExports.Anomaly.allCases.map { "\($0.rule) \(i.found[$0] ?? 0)/\(i.planted[$0] ?? 0)" }
          .joined(separator: ", "))
      if let r = review {
        lines.append(
          "\(r.reviewers) relecteurs simultanés pendant \(String(format: "%.0f", r.seconds)) s sur \(r.uai) "
            + "(\(r.pupils) élèves, \(r.items) éléments à relire), serveur sur 127.0.0.1 :")
        lines.append("  page de relecture (\(r.page.count)) : " + r.page.milliseconds())
        lines.append("  API de relecture (\(r.api.count)) : " + r.api.milliseconds())
        lines.append("  décisions (\(r.decision.count)) : " + r.decision.milliseconds())
        lines.append(
          "  \(r.accepted) décisions acceptées (201), \(r.conflicts) refusées car prises sur une version dépassée "
            + "(409, attendu), \(r.errors) erreur(s)"
            + (r.errorSamples.isEmpty ? "" : " : " + r.errorSamples.joined(separator: " ; ")))
        lines.append(
          "  décisions perdues : \(r.lost) ; écrasées sans avoir été vues : \(r.overwrittenUnseen)")
      }
      return lines
    }
  }

  /// Generates `schools` schools into `folder/academie` (kept if already there with as many
  /// schools), imports them into `database` (a scratch SQLite file in `folder` when `nil`), runs
  /// `status --all`, then the reviewers for `duration` seconds unless `reviewers` is 0.
  public static func run(
    schools count: Int, folder: URL, database: String?, dataDirectory: URL?, reviewers: Int = 20,
    duration: Double = 20, log: @escaping @Sendable (String) -> Void
  ) async throws -> Report {
    let academy = folder.appendingPathComponent("academie-\(count)")
    var start = Date()
    let plan: [AcademyExports.School]
    if (try? Raccord.batchSources(in: academy).count) == count {
      log("Académie de \(count) établissements déjà générée dans \(academy.path), réutilisée.")
      plan = AcademyExports.plan(count: count)
    } else {
      try? FileManager.default.removeItem(at: academy)
      log("Génération de \(count) établissements dans \(academy.path)…")
      plan = try AcademyExports.write(count: count, to: academy) { done, total in
        if done % 50 == 0 || done == total { log("  \(done)/\(total)") }
      }
    }
    let generationSeconds = Date().timeIntervalSince(start)
    let store: String
    if let database {
      store = database
    } else {
      let scratch = folder.appendingPathComponent("academie-\(count).sqlite")
      Benchmark.removeStore(scratch)
      store = scratch.path
    }
    let raccord = Raccord(database: try AppDatabase(path: store), dataDirectory: dataDirectory)
    log("Import par lot dans \(Self.redacted(store))…")
    Benchmark.resetPeakMemory()
    start = Date()
    let report = try raccord.importBatch(academy) { school, index, total in
      if index % 25 == 0 || index == total || school.failed {
        log(BatchImportReport.line(school, index: index, count: total))
      }
    }
    let totalSeconds = Date().timeIntervalSince(start)
    let peak = Benchmark.peakResidentMegabytes()
    log("status --all…")
    start = Date()
    let overview = try raccord.overview()
    _ = try overview.render(.text)
    let statusSeconds = Date().timeIntervalSince(start)

    var found: [AcademyExports.Anomaly: Int] = [:]
    var planted: [AcademyExports.Anomaly: Int] = [:]
    for school in plan {
      for anomaly in school.anomalies { planted[anomaly, default: 0] += 1 }
    }
    // Which planted kinds the checks report, school by school (the checks again, not timed).
    for school in plan where !school.anomalies.isEmpty {
      guard let rules = try? Set(raccord.runChecks(uai: school.uai, year: 2025).findings.map(\.rule)) else {
        continue
      }
      for anomaly in school.anomalies where rules.contains(anomaly.rule) { found[anomaly, default: 0] += 1 }
    }
    let slowest = report.schools.max { $0.seconds < $1.seconds }
    let imports = ImportFigures(
      store: Self.redacted(store), schools: report.schools.count, pupils: plan.map(\.pupils).reduce(0, +),
      bytes: Self.bytes(in: academy), generationSeconds: generationSeconds,
      failed: report.schools.filter(\.failed).map { "\($0.source) (\($0.error ?? ""))" },
      unchanged: report.schools.map(\.unchanged).reduce(0, +), totalSeconds: totalSeconds,
      perSchool: Percentiles(report.schools.map(\.seconds)), slowest: slowest.map { ($0.source, $0.seconds) },
      peakResidentMB: peak, statusAllSeconds: statusSeconds, statusRows: overview.count, planted: planted,
      found: found)
    log(Report(imports: imports).lines().joined(separator: "\n"))
    guard reviewers > 0 else { return Report(imports: imports) }
    // The largest school whose gradebook leaves something to review.
    let candidates = plan.filter { !$0.anomalies.isDisjoint(with: [.renamedSubject, .teacherWithoutSTSId]) }
    guard let school = (candidates.isEmpty ? plan : candidates).max(by: { $0.pupils < $1.pupils }) else {
      return Report(imports: imports)
    }
    let review = try await reviewLoad(
      raccord: raccord, school: school, reviewers: reviewers, duration: duration, log: log)
    return Report(imports: imports, review: review)
  }

  /// A PostgreSQL URL without its password, if any.
  static func redacted(_ store: String) -> String {
    guard var components = URLComponents(string: store), components.scheme?.hasPrefix("postgres") == true else {
      return store
    }
    if components.password != nil { components.password = "***" }
    return components.string ?? "postgres://…"
  }

  static func bytes(in folder: URL) -> Int64 {
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey])
    else { return 0 }
    var total: Int64 = 0
    for case let url as URL in enumerator {
      total += Int64((try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
    }
    return total
  }

  /// What the reviewers saw and did.
  final class Tally: @unchecked Sendable {
    struct Win {
      var key: String
      var expected: Int64
      var saved: Int64
      var note: String
    }

    private let lock = NSLock()
    private(set) var page: [Double] = []
    private(set) var api: [Double] = []
    private(set) var decision: [Double] = []
    private(set) var wins: [Win] = []
    private(set) var conflicts = 0
    private(set) var errors: [String] = []

    func record(_ kind: String, _ seconds: Double) {
      lock.withLock {
        switch kind {
        case "page": page.append(seconds)
        case "api": api.append(seconds)
        default: decision.append(seconds)
        }
      }
    }

    func win(_ win: Win) { lock.withLock { wins.append(win) } }
    func conflict() { lock.withLock { conflicts += 1 } }
    func error(_ text: String) { lock.withLock { errors.append(text) } }
  }

  /// `reviewers` clients loop for `duration` seconds over the school's review: the page, the API,
  /// a decision on one of the items with the version just read. Then the store is read back.
  static func reviewLoad(
    raccord: Raccord, school: AcademyExports.School, reviewers: Int, duration: Double,
    log: @escaping @Sendable (String) -> Void
  ) async throws -> ReviewFigures {
    let token = WebConfiguration.randomToken()
    let address = AsyncStream.makeStream(of: String.self)
    let app = try await WebServer.application(
      raccord: raccord, configuration: WebConfiguration(host: "127.0.0.1", port: 0, token: token)
    ) { url in address.continuation.yield(url) }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = reviewers * 2
    configuration.timeoutIntervalForRequest = 30
    let session = URLSession(configuration: configuration)
    let tally = Tally()
    let items = try raccord.suggestions(uai: school.uai, year: 2025).reviewItems().count
    return try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await app.runService() }
      var iterator = address.stream.makeAsyncIterator()
      guard let url = await iterator.next(), let base = url.components(separatedBy: "/?").first else {
        throw URLError(.cannotConnectToHost)
      }
      let root = "\(base)/etablissements/\(school.uai)/2025"
      let api = "\(base)/api/schools/\(school.uai)/2025"
      // Warm up once (the first request reads the school's year and builds the matchers).
      _ = try? await session.data(for: request(root + "/correspondances", token: token))
      log("\(reviewers) relecteurs pendant \(Int(duration)) s sur \(school.uai) (\(items) éléments)…")
      let end = Date().addingTimeInterval(duration)
      await withTaskGroup(of: Void.self) { reviewersGroup in
        for reviewer in 0..<reviewers {
          reviewersGroup.addTask {
            var random = AcademyExports.Random(seed: UInt64(reviewer) &+ 17)
            var round = 0
            while Date() < end {
              round += 1
              await timed(session, request(root + "/correspondances", token: token), kind: "page", tally)
              guard
                let data = await timed(session, request(api + "/review", token: token), kind: "api", tally),
                let list = try? JSONDecoder().decode(ReviewDocument.self, from: data).items, !list.isEmpty
              else { continue }
              let item = list[random.int(0...(list.count - 1))]
              let key = item.key
              let version = item.version
              let note = "relecteur \(reviewer), tour \(round)"
              let canAccept = !item.proposed.isEmpty && item.proposed.allSatisfy { $0.code != nil }
              let verdict = canAccept && random.chance(0.5) ? "accept" : "reject"
              let body: [String: Any] = [
                "key": key, "verdict": verdict, "note": note, "author": "relecteur \(reviewer)", "version": version,
              ]
              var post = request(api + "/decisions", token: token)
              post.httpMethod = "POST"
              post.setValue("application/json", forHTTPHeaderField: "Content-Type")
              post.httpBody = try? JSONSerialization.data(withJSONObject: body)
              let start = Date()
              do {
                let (data, response) = try await session.data(for: post)
                tally.record("decision", Date().timeIntervalSince(start))
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if status == 201 {
                  let answer = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
                  let saved = (answer["version"] as? NSNumber)?.int64Value ?? -1
                  tally.win(Tally.Win(key: key, expected: version, saved: saved, note: note))
                } else if status == 409 {
                  tally.conflict()
                } else {
                  tally.error("décision \(status) \(String(decoding: data.prefix(120), as: UTF8.self))")
                }
              } catch {
                tally.error("décision : \(error)")
              }
            }
          }
        }
      }
      group.cancelAll()
      // Read back: per item, the accepted decisions chain version after version, and the store
      // holds the last one.
      let stored = try raccord.database.decisions(uai: school.uai).filter { $0.year == 2025 }
      var lost = 0
      var overwritten = 0
      for (key, wins) in Dictionary(grouping: tally.wins, by: \.key) {
        let chain = wins.sorted { $0.saved < $1.saved }
        for (previous, next) in zip(chain, chain.dropFirst()) where next.expected != previous.saved {
          overwritten += 1
        }
        let governing = stored.filter { ReviewVersion.governs($0, itemKey: key) }
        if let last = chain.last, governing.isEmpty || !governing.allSatisfy({ $0.note == last.note }) { lost += 1 }
      }
      return ReviewFigures(
        uai: school.uai, pupils: school.pupils, items: items, reviewers: reviewers, seconds: duration,
        page: Percentiles(tally.page), api: Percentiles(tally.api), decision: Percentiles(tally.decision),
        accepted: tally.wins.count, conflicts: tally.conflicts, errors: tally.errors.count,
        errorSamples: Array(tally.errors.prefix(3)), lost: lost, overwrittenUnseen: overwritten)
    }
  }

  /// What a reviewer reads of the review API's document.
  struct ReviewDocument: Decodable {
    struct Item: Decodable {
      struct Group: Decodable { var code: String? }
      var key: String
      var version: Int64
      var proposed: [Group]
    }
    var items: [Item]
  }

  static func request(_ url: String, token: String) -> URLRequest {
    var request = URLRequest(url: URL(string: url)!)
    request.setValue("raccord_jeton=\(token)", forHTTPHeaderField: "Cookie")
    request.setValue(token, forHTTPHeaderField: "X-Raccord-Token")
    return request
  }

  /// One GET, timed; its body when the answer is 2xx or 303, else an error counted.
  @discardableResult
  static func timed(_ session: URLSession, _ request: URLRequest, kind: String, _ tally: Tally) async -> Data? {
    let start = Date()
    do {
      let (data, response) = try await session.data(for: request)
      tally.record(kind, Date().timeIntervalSince(start))
      let status = (response as? HTTPURLResponse)?.statusCode ?? 0
      guard (200..<300).contains(status) || status == 303 else {
        tally.error("\(kind) \(status)")
        return nil
      }
      return data
    } catch {
      tally.error("\(kind) : \(error)")
      return nil
    }
  }
}
