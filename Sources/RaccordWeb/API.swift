import Foundation
import HTTPTypes
import Hummingbird
import Matching
import NIOCore
import NIOFoundationEssentialsCompat
import RaccordCore
import RaccordKit
import Store

/// JSON responses of the API.
enum APIResponse {
  static func json(_ value: Any, status: HTTPResponse.Status = .ok) -> Response {
    json(text: text(value), status: status)
  }

  /// A JSON document already written.
  static func json(text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func text(_ value: Any) -> String {
    (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys]))
      .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}

extension Site {
  func addAPI(to router: Router<WebContext>) {
    router.get("/api/schools") { _, _ in
      let schools = try await self.cache.schools().filter { Self.mayAccess($0.uai) }
      var byUAI: [String: [String: Any]] = [:]
      var order: [String] = []
      for school in schools {
        if byUAI[school.uai] == nil {
          order.append(school.uai)
          byUAI[school.uai] = ["uai": school.uai, "name": school.schoolName ?? NSNull(), "years": [[String: Any]]()]
        }
        var years = byUAI[school.uai]!["years"] as! [[String: Any]]
        years.append([
          "year": school.year.start, "label": school.year.description,
          "files": school.files.map { file in
            [
              "kind": file.kind, "name": file.fileName, "sha256": file.sha256, "importedAt": file.importedAt,
              "exportedAt": file.exportedAt ?? NSNull(),
            ] as [String: Any]
          },
        ])
        byUAI[school.uai]!["years"] = years
      }
      return APIResponse.json(order.map { byUAI[$0]! })
    }
    router.get("/api/schools/:uai/:year/review") { _, context in
      let state = try await self.state(context)
      // The same document for every reviewer of this state of the store: written once.
      let text = await self.cache.page(state, address: "/api/review") {
        ReviewJSON.document(uai: state.status.uai, year: state.status.year.start, items: state.itemJSON)
      }
      return APIResponse.json(text: text)
    }
    router.post("/api/schools/:uai/:year/decisions") { request, context in
      guard context.tokenVerified else { throw WebError.forbidden(AccessMiddleware.refusal) }
      let state = try await self.state(context)
      var request = request
      let body = try await request.collectBody(upTo: 64 * 1024)
      let decision: DecisionRequest
      do {
        decision = try JSONDecoder().decode(DecisionRequest.self, from: Data(buffer: body))
      } catch {
        throw WebError(
          status: .unprocessableContent,
          message: "Corps JSON attendu : {\"key\": …, \"verdict\": \"accept\"|\"choose\"|\"reject\", \"code\"?, "
            + "\"modalite\"?, \"note\"?, \"version\"?}.")
      }
      let saved = try await self.decide(decision, state: state)
      var answer = Self.json(saved[0])
      answer["decisions"] = saved.map(Self.json)
      // The item's version after this decision: send it with the next decision on the same item.
      answer["version"] = saved.compactMap(\.revision).max() ?? NSNull()
      return APIResponse.json(answer, status: .created)
    }
  }

  static func json(_ decision: ReviewDecision) -> [String: Any] {
    [
      "key": decision.itemKey, "kind": decision.kind.rawValue, "verdict": decision.verdict.rawValue,
      "code": decision.chosenCode ?? NSNull(), "modalite": decision.chosenModalite ?? NSNull(),
      "note": decision.note ?? NSNull(), "author": decision.author ?? NSNull(), "scope": decision.scope ?? NSNull(),
      "decidedAt": decision.decidedAt, "revision": decision.revision ?? NSNull(),
    ]
  }
}
