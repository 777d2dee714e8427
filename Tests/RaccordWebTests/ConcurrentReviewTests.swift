import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RaccordCore
import RaccordKit
import RaccordTestSupport
import RaccordWeb
import Store
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Several reviewers on the same items at once, through a real server on loopback: a decision
/// taken on a version of an item that another decision replaced is refused (409) with that other
/// decision, so that no decision is lost or overwritten unseen.
@Suite(.serialized) final class ConcurrentReviewTests: Sendable {
  let folder: URL
  let raccord: Raccord
  let configuration = WebConfiguration(host: "127.0.0.1", port: 0, token: "jeton-concurrence")

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = Raccord(
      database: try AppDatabase(path: folder.appendingPathComponent("raccord.sqlite").path),
      dataDirectory: Fixtures.repositoryRoot)
    _ = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// The example school imported into a new store on `engine`.
  static func exampleSchool(on engine: TestEngine) throws -> Raccord {
    let raccord = Raccord(database: try engine.makeStore(), dataDirectory: Fixtures.repositoryRoot)
    _ = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
    return raccord
  }

  struct Answer: Sendable {
    var status: Int
    var body: [String: any Sendable]
  }

  static func call(_ port: Int, _ path: String, json: String? = nil) async throws -> Answer {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
    request.setValue("jeton-concurrence", forHTTPHeaderField: "X-Raccord-Token")
    if let json {
      request.httpMethod = "POST"
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = Data(json.utf8)
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let body = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: body.mapValues { "\($0)" })
  }

  static func versions(_ port: Int) async throws -> [String: Int64] {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/schools/0789990K/2025/review")!)
    request.setValue("jeton-concurrence", forHTTPHeaderField: "X-Raccord-Token")
    let (data, _) = try await URLSession.shared.data(for: request)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let items = object?["items"] as? [[String: Any]] ?? []
    return Dictionary(
      uniqueKeysWithValues: items.compactMap { item in
        guard let key = item["key"] as? String, let version = item["version"] as? NSNumber else { return nil }
        return (key, version.int64Value)
      })
  }

  /// 20 clients, 3 rounds: each round every client reads the items' versions, then all send a
  /// decision at once on one of 4 shared items. Exactly one per item wins each round; the others
  /// get 409 and the winner's decision; the wins chain version after version.
  /// On each engine: the file store of this suite, or the example school on PostgreSQL.
  @Test(arguments: TestEngine.all)
  func twentyReviewersOnOverlappingItemsLoseNothing(engine: TestEngine) async throws {
    let raccord = engine == .postgres ? try Self.exampleSchool(on: engine) : self.raccord
    let keys = ["LATIN", "HIST GEO", "S V T", "MUSIQUE"]
    let app = try await WebServer.application(raccord: raccord, configuration: configuration)
    try await app.test(.live) { client in
      let port = try #require(client.port)
      var wins: [String: [(expected: Int64, saved: Int64, note: String)]] = [:]
      for round in 0..<3 {
        let seen = try await withThrowingTaskGroup(of: [String: Int64].self) { group in
          for _ in 0..<20 { group.addTask { try await Self.versions(port) } }
          return try await group.reduce(into: [[String: Int64]]()) { $0.append($1) }
        }
        let answers = try await withThrowingTaskGroup(of: (Int, String, Int64, Answer).self) { group in
          for (reviewer, versions) in seen.enumerated() {
            let key = keys[reviewer % keys.count]
            let version = try #require(versions[key], "\(key)")
            let note = "relecteur \(reviewer), tour \(round)"
            let verdict = reviewer % 2 == 0 ? #""verdict":"reject""# : #""verdict":"accept""#
            group.addTask {
              let answer = try await Self.call(
                port, "/api/schools/0789990K/2025/decisions",
                json:
                  #"{"key":"\#(key)",\#(verdict),"note":"\#(note)","author":"relecteur \#(reviewer)","version":\#(version)}"#
              )
              return (reviewer, key, version, answer)
            }
          }
          return try await group.reduce(into: [(Int, String, Int64, Answer)]()) { $0.append($1) }
        }
        #expect(answers.count == 20)
        for key in keys {
          let onKey = answers.filter { $0.1 == key }
          let won = onKey.filter { $0.3.status == 201 }
          let refused = onKey.filter { $0.3.status == 409 }
          // Everyone read the same version in this round: exactly one decision can be taken on it.
          #expect(won.count == 1, "\(key), tour \(round): \(onKey.map(\.3.status))")
          #expect(won.count + refused.count == onKey.count, "\(onKey.map(\.3.status))")
          for (_, _, _, answer) in refused {
            let message = "\(answer.body["erreur"] ?? "")"
            #expect(message.contains("a été modifié entre-temps"), "\(message)")
            #expect(message.contains("par relecteur"), "\(message)")
            #expect(answer.body["decision_actuelle"] != nil)
          }
          for (reviewer, _, expected, answer) in won {
            let saved = Int64("\(answer.body["version"] ?? "")") ?? -1
            wins[key, default: []].append((expected, saved, "relecteur \(reviewer), tour \(round)"))
          }
        }
      }
      // Each win was taken on the version the previous win produced: none overwrote another unseen.
      let stored = try raccord.database.decisions(uai: "0789990K")
      for key in keys {
        let chain = try #require(wins[key])
        #expect(chain.count == 3)
        #expect(chain[0].expected == 0)
        for (previous, next) in zip(chain, chain.dropFirst()) {
          #expect(next.expected == previous.saved, "\(key): \(chain)")
        }
        // The store holds the last win (on the item, or on each of its groups).
        let governing = stored.filter { ReviewVersion.governs($0, itemKey: key) }
        #expect(!governing.isEmpty && governing.allSatisfy { $0.note == chain.last?.note }, "\(key)")
      }
    }
  }

  /// The page's form carries the version it showed: a stale form is refused with a page that names
  /// the other decision and leads back to the items, and nothing is written.
  @Test func aStaleFormIsRefusedOnThePage() async throws {
    let report = try raccord.suggestions()
    let latin = try #require(report.reviewItems().first { $0.key == "LATIN" })
    _ = try raccord.decide(
      key: "LATIN", code: "020300", note: "vu", author: "Mme Secrétaire", expectedVersion: latin.version)
    let before = try raccord.database.decisions(uai: "0789990K")
    let app = try await WebServer.application(raccord: raccord, configuration: configuration)
    try await app.test(.router) { client in
      var headers: HTTPFields = [
        .contentType: "application/x-www-form-urlencoded", .cookie: "raccord_jeton=jeton-concurrence",
      ]
      headers[HTTPField.Name("Host")!] = "127.0.0.1:0"
      try await client.execute(
        uri: "/etablissements/0789990K/2025/decisions", method: .post, headers: headers,
        body: ByteBuffer(string: "token=jeton-concurrence&key=LATIN&verdict=reject&version=\(latin.version)")
      ) { response in
        #expect(response.status == .conflict)
        let page = String(buffer: response.body)
        #expect(page.contains("« LATIN » a été modifié entre-temps : 020300 choisi par Mme Secrétaire"))
        #expect(page.contains("(note : vu)"))
        #expect(page.contains(#"href="/etablissements/0789990K/2025/correspondances""#))
      }
    }
    #expect(try raccord.database.decisions(uai: "0789990K") == before)
  }
}
