import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RaccordCore
import RaccordKit
import Store

/// A decision as the page's form and the JSON API send it.
struct DecisionRequest: Decodable, Sendable {
  var token: String?
  var key: String
  /// `accept`, `choose` or `reject`.
  var verdict: String
  var code: String?
  /// The page's free field over every code of the nomenclature; it wins over `code` when filled.
  var autre: String?
  var modalite: String?
  var note: String?
  var author: String?
  /// The item's version the reviewer saw (``ReviewItem/version``): a decision taken on an older one
  /// is refused (409) with the decision taken since. Absent: decided whatever the item's state.
  var version: Int64?
}

/// The token field of any form.
struct TokenOnly: Decodable { var token: String? }

/// The class setting form.
struct ClassSettingRequest: Decodable, Sendable {
  var token: String?
  var division: String
  var positionnement: String
  var moyenne: String?
}

/// The bulk acceptance form.
struct BulkRequest: Decodable, Sendable {
  var token: String?
  var minimum: Double?
}

extension Site {
  func addActions(to router: Router<WebContext>) {
    router.post("/etablissements/:uai/:year/decisions") { request, context in
      let state = try await self.state(context)
      let form: DecisionRequest = try await self.form(request, context: context)
      _ = try await self.decide(form, state: state)
      let item = state.items.first { $0.key == form.key || $0.groups.contains { $0.key == form.key } }
      let anchor = item.map { "#" + Self.anchor($0.key, kind: $0.kind) } ?? ""
      return Response.redirect(
        to: Self.path(state.status.uai, state.status.year.start, "correspondances") + anchor, type: .normal)
    }
    router.post("/etablissements/:uai/:year/classes") { request, context in
      let state = try await self.state(context)
      let form: ClassSettingRequest = try await self.form(request, context: context)
      guard let positioning = ClassSetting.Positioning(rawValue: form.positionnement) else {
        throw WebError(
          status: .unprocessableContent,
          message: "Mode d'évaluation « \(form.positionnement) » inconnu : notes, echelle ou objectifs.")
      }
      let raccord = self.raccord
      let uai = state.status.uai
      let year = state.status.year.start
      _ = try await SchoolYearCache.blocking {
        try raccord.setClass(
          form.division, positioning: positioning, classAverage: form.moyenne == "oui", uai: uai, year: year)
      }
      await self.cache.invalidate()
      await self.cache.forgetOverview(uai: uai, year: year)
      return Response.redirect(to: Self.path(uai, year) + "#classe-\(form.division)", type: .normal)
    }
    router.post("/etablissements/:uai/:year/decisions/lot") { request, context in
      let state = try await self.state(context)
      let form: BulkRequest = try await self.form(request, context: context)
      let raccord = self.raccord
      let minimum = min(max(form.minimum ?? 0.9, 0.5), 1)
      let uai = state.status.uai
      let year = state.status.year.start
      _ = try await SchoolYearCache.blocking {
        try raccord.acceptProposed(uai: uai, year: year, minimumConfidence: minimum, author: "page de relecture")
      }
      return Response.redirect(to: Self.path(uai, year, "correspondances"), type: .normal)
    }
  }

  /// Decodes a URL-encoded form after checking its token (or the token header).
  func form<T: Decodable & Sendable>(_ request: Request, context: WebContext) async throws -> T {
    var request = request
    let body = try await request.collectBody(upTo: 1024 * 1024)
    let text = String(buffer: body)
    let token = try? URLEncodedFormDecoder().decode(TokenOnly.self, from: text).token
    guard context.tokenVerified || (token != nil && token == expectedToken(context)) else {
      throw WebError.forbidden(AccessMiddleware.refusal)
    }
    do {
      return try URLEncodedFormDecoder().decode(T.self, from: text)
    } catch {
      throw WebError(status: .badRequest, message: "Formulaire incomplet : \(error)")
    }
  }

  /// Records a decision; the verdict's words are checked here so the page and the API say the same.
  func decide(_ form: DecisionRequest, state: SchoolYearState) async throws -> [ReviewDecision] {
    let code = [form.autre, form.code].compactMap { value in
      value?.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
    }.first
    switch form.verdict {
    case "accept", "choose", "reject": break
    default:
      throw WebError(
        status: .unprocessableContent,
        message:
          "Décision « \(form.verdict) » inconnue : accept (accepter), choose (choisir un code) ou reject (rejeter).")
    }
    if form.verdict == "choose" && code == nil {
      throw WebError(status: .unprocessableContent, message: "Choisissez un code dans la liste avant de valider.")
    }
    let raccord = self.raccord
    let uai = state.status.uai
    let year = state.status.year.start
    // The suggestions the page keeps for the store's current state: a decision then costs its write
    // only, not a new reading of the school year and new matchers (20 reviewers deciding at once).
    let kept = state.suggestions
    let items = state.items
    let note = form.note.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    return try await SchoolYearCache.blocking {
      try raccord.decide(
        on: kept ?? raccord.suggestions(uai: uai, year: year), items: kept == nil ? nil : items, key: form.key,
        code: form.verdict == "choose" ? code : nil,
        modalite: form.modalite.flatMap { $0.isEmpty ? nil : $0 }, reject: form.verdict == "reject", note: note,
        author: form.author ?? "page de relecture", expectedVersion: form.version)
    }
  }
}
