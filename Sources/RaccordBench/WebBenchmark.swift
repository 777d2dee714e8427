import Foundation
import Hummingbird
import RaccordCore
import RaccordKit
import RaccordWeb
import Store

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Times the review page on a large store: each page cold (first request after a change of the
/// store) and warm (served from the cache), then under 20 concurrent clients with `wrk` when it is
/// installed. Everything stays on the loopback address.
public enum WebBenchmark {
  public struct PageTiming: Sendable {
    public var page: String
    public var coldSeconds: Double
    public var warmMedianSeconds: Double
    public var warmMinimumSeconds: Double
    public var bytes: Int
  }

  public struct LoadRun: Sendable {
    public var page: String
    public var connections: Int
    public var seconds: Int
    public var requests: Int
    public var requestsPerSecond: Double
    public var errors: Int
    /// wrk's latency percentiles, as it prints them.
    public var latency: String
  }

  public struct Report: Sendable {
    /// The dashboard's first request after the server started: the store is read, the matchers built.
    public var firstLoadSeconds: Double
    /// Each page cold (right after a decision changed the store) and warm.
    public var pages: [PageTiming]
    public var load: [LoadRun]
    public var wrkMissing: Bool

    public func lines() -> [String] {
      var lines = [
        "Page de relecture (raccord serve) sur la même base, depuis 127.0.0.1 :",
        String(
          format: "  premier affichage après le démarrage (lecture de la base, vérifications) : %.0f ms",
          firstLoadSeconds * 1000),
      ]
      for page in pages {
        lines.append(
          String(
            format: "  %@ : juste après une décision %.0f ms ; ensuite médiane %.1f ms, minimum %.1f ms (%d Ko)",
            page.page,
            page.coldSeconds * 1000, page.warmMedianSeconds * 1000, page.warmMinimumSeconds * 1000, page.bytes / 1024))
      }
      if wrkMissing { lines.append("  wrk absent (paquet Debian wrk) : pas de mesure de charge") }
      for run in load {
        lines.append(
          String(
            format: "  wrk, %d clients, %d s, %@ : %d requêtes (%.0f/s), %d erreur(s) ; latences %@", run.connections,
            run.seconds, run.page, run.requests, run.requestsPerSecond, run.errors, run.latency))
      }
      return lines
    }
  }

  /// Runs the page timings against the store at `database` (which must hold one school year with
  /// its gradebook), on a server started in this process on a free loopback port.
  public static func run(database: URL, dataDirectory: URL?, log: (String) -> Void) async throws -> Report {
    let raccord = Raccord(database: try AppDatabase(path: database.path), dataDirectory: dataDirectory)
    guard let school = try raccord.database.status().last else { throw URLError(.fileDoesNotExist) }
    let token = WebConfiguration.randomToken()
    let address = AsyncStream.makeStream(of: String.self)
    let app = try await WebServer.application(
      raccord: raccord, configuration: WebConfiguration(host: "127.0.0.1", port: 0, token: token)
    ) { url in address.continuation.yield(url) }
    return try await withThrowingTaskGroup(of: Report?.self) { group in
      group.addTask {
        try await app.runService()
        return nil
      }
      var iterator = address.stream.makeAsyncIterator()
      guard let url = await iterator.next(), let base = url.components(separatedBy: "/?").first else {
        throw URLError(.cannotConnectToHost)
      }
      let root = "\(base)/etablissements/\(school.uai)/\(school.year.start)"
      let cookie = "raccord_jeton=\(token)"
      let firstItem = try raccord.suggestions(uai: school.uai, year: school.year.start).reviewItems().first
      // The first request after the server starts (or after an import) reads the store and builds
      // the matchers: timed apart, then each page is timed right after a decision.
      log("Premier affichage…")
      let firstLoad = try await timed(root, cookie: cookie)
      var pages: [PageTiming] = []
      for (index, (name, path)) in [
        ("tableau de bord", ""), ("correspondances", "/correspondances"), ("anomalies", "/anomalies"),
      ].enumerated() {
        log("Page \(name)…")
        // A decision changes the store: the next request recomputes the page's state (cold).
        if let item = firstItem {
          try raccord.decide(
            uai: school.uai, year: school.year.start, key: item.key, code: nil, reject: true, note: "banc \(index)")
        }
        let cold = try await timed(root + path, cookie: cookie)
        var warm: [Double] = []
        var bytes = 0
        for _ in 0..<10 {
          let run = try await timedWithSize(root + path, cookie: cookie)
          warm.append(run.seconds)
          bytes = run.bytes
        }
        warm.sort()
        pages.append(
          PageTiming(
            page: name, coldSeconds: cold, warmMedianSeconds: warm[warm.count / 2], warmMinimumSeconds: warm[0],
            bytes: bytes))
      }
      var load: [LoadRun] = []
      let wrk = "/usr/bin/wrk"
      let wrkMissing = !FileManager.default.isExecutableFile(atPath: wrk)
      if !wrkMissing {
        for (name, path) in [("correspondances", "/correspondances"), ("tableau de bord", "")] {
          log("Charge : 20 clients sur \(name)…")
          load.append(try runWRK(wrk, url: root + path, cookie: cookie, page: name))
        }
      }
      group.cancelAll()
      return Report(firstLoadSeconds: firstLoad, pages: pages, load: load, wrkMissing: wrkMissing)
    }
  }

  static func timed(_ url: String, cookie: String) async throws -> Double {
    try await timedWithSize(url, cookie: cookie).seconds
  }

  static func timedWithSize(_ url: String, cookie: String) async throws -> (seconds: Double, bytes: Int) {
    var request = URLRequest(url: URL(string: url)!)
    request.setValue(cookie, forHTTPHeaderField: "Cookie")
    let start = Date()
    let (data, response) = try await URLSession.shared.data(for: request)
    let seconds = Date().timeIntervalSince(start)
    guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw URLError(.badServerResponse) }
    return (seconds, data.count)
  }

  /// 20 connections on two threads for 10 seconds: bounded, loopback only.
  static func runWRK(_ wrk: String, url: String, cookie: String, page: String) throws -> LoadRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: wrk)
    process.arguments = ["-t2", "-c20", "-d10s", "--latency", "-H", "Cookie: \(cookie)", url]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    func number(after label: String) -> Double? {
      guard let line = output.split(separator: "\n").first(where: { $0.contains(label) }) else { return nil }
      return line.split(separator: " ").compactMap { Double($0) }.first
    }
    let requests = output.split(separator: "\n").first { $0.contains("requests in") }.flatMap {
      Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
    }
    let errors =
      Int(number(after: "Non-2xx or 3xx responses:") ?? 0)
      + (output.contains("Socket errors") ? 1 : 0)
    let latency = ["50%", "90%", "99%"].compactMap { label -> String? in
      output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }.map {
        $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "  ", with: " ")
      }
    }.joined(separator: ", ")
    return LoadRun(
      page: page, connections: 20, seconds: 10, requests: requests ?? 0,
      requestsPerSecond: number(after: "Requests/sec:") ?? 0, errors: errors, latency: latency)
  }
}
