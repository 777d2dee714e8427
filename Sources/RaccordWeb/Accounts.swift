import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RaccordCore
import RaccordKit
import Store

/// A signed-in account's session (académie mode), kept in the server's memory only.
struct WebSession: Sendable {
  let id: String
  var account: Account
  /// The token the session's forms and API requests must carry (`token` field or `X-Raccord-Token`).
  let csrf: String
  let created: Date
  var lastSeen: Date
}

/// The sessions of the server. A session ends after `idleLimit` without a request, after
/// `lifetime` whatever happens, on logout, and when its account is removed from the store.
actor SessionStore {
  enum Lookup: Sendable {
    case valid(WebSession)
    case expired
    case unknown
  }

  private var sessions: [String: WebSession] = [:]
  let idleLimit: TimeInterval
  let lifetime: TimeInterval
  let clock: @Sendable () -> Date

  init(idleLimit: TimeInterval, lifetime: TimeInterval, clock: @escaping @Sendable () -> Date) {
    self.idleLimit = idleLimit
    self.lifetime = lifetime
    self.clock = clock
  }

  /// A new session for `account`, with fresh random identifiers (never one the browser sent).
  func open(_ account: Account) -> WebSession {
    let now = clock()
    sweep(now)
    let session = WebSession(
      id: WebConfiguration.randomToken(), account: account, csrf: WebConfiguration.randomToken(), created: now,
      lastSeen: now)
    sessions[session.id] = session
    return session
  }

  /// The session of this cookie, marked as used now.
  func lookup(_ id: String) -> Lookup {
    let now = clock()
    guard var session = sessions[id] else { return .unknown }
    if now.timeIntervalSince(session.lastSeen) > idleLimit || now.timeIntervalSince(session.created) > lifetime {
      sessions[id] = nil
      return .expired
    }
    session.lastSeen = now
    sessions[id] = session
    return .valid(session)
  }

  func update(_ id: String, account: Account) {
    sessions[id]?.account = account
  }

  func close(_ id: String) {
    sessions[id] = nil
  }

  private func sweep(_ now: Date) {
    sessions = sessions.filter {
      now.timeIntervalSince($0.value.lastSeen) <= idleLimit && now.timeIntervalSince($0.value.created) <= lifetime
    }
  }
}

/// What a request runs under: its session (académie mode) and the token its forms carry. Task-local,
/// so that every page rendered for the request (even an error page) shows who is signed in and
/// carries that session's token.
enum RequestScope {
  @TaskLocal static var session: WebSession?
  @TaskLocal static var academyMode = false
}

/// Resolves the request's session before anything else: whether the store holds accounts (then the
/// page is in académie mode), and which account the session cookie names.
struct SessionMiddleware: RouterMiddleware {
  let site: Site

  func handle(
    _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
  ) async throws -> Response {
    if request.uri.path.hasPrefix("/static/") { return try await next(request, context) }
    let database = site.raccord.database
    let academyMode = try await SchoolYearCache.blocking { try database.hasAccounts() }
    var context = context
    context.academyMode = academyMode
    guard academyMode else {
      return try await RequestScope.$academyMode.withValue(false) { try await next(request, context) }
    }
    if let id = request.cookies[Site.sessionCookie]?.value {
      switch await site.sessions.lookup(id) {
      case .valid(let session):
        // The account as the store has it now: removed or changed accounts take effect at once.
        let login = session.account.login
        if let account = try await SchoolYearCache.blocking({ try database.account(login: login) }) {
          var session = session
          session.account = account
          await site.sessions.update(id, account: account)
          context.session = session
        } else {
          await site.sessions.close(id)
          context.sessionExpired = true
        }
      case .expired:
        context.sessionExpired = true
      case .unknown:
        break
      }
    }
    return try await RequestScope.$academyMode.withValue(true) {
      try await RequestScope.$session.withValue(context.session) { try await next(request, context) }
    }
  }
}

/// The login form.
struct LoginRequest: Decodable, Sendable {
  var identifiant: String
  var motDePasse: String
  var jeton: String?
  var suite: String?

  enum CodingKeys: String, CodingKey {
    case identifiant
    case motDePasse = "mot_de_passe"
    case jeton
    case suite
  }
}

extension Site {
  static let sessionCookie = "raccord_session"
  /// The login form's own token (double-submit: cookie and hidden field), against forged logins.
  static let loginCookie = "raccord_connexion"

  /// The school of a path (`/etablissements/UAI/…`, `/api/schools/UAI/…`), to check before the route runs.
  static func school(inPath path: String) -> String? {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true)
    if parts.count >= 2, parts[0] == "etablissements" { return parts[1].removingPercentEncoding?.uppercased() }
    if parts.count >= 3, parts[0] == "api", parts[1] == "schools" {
      return parts[2].removingPercentEncoding?.uppercased()
    }
    return nil
  }

  /// Whether the request may see and change school `uai`: always in the single-school mode (the run's
  /// token was checked), only for an account that covers it in académie mode.
  static func mayAccess(_ uai: String) -> Bool {
    guard RequestScope.academyMode else { return true }
    return RequestScope.session?.account.canAccess(uai: uai) == true
  }

  /// 403 unless the request may see school `uai`.
  static func requireAccess(_ uai: String) throws {
    guard mayAccess(uai) else { throw WebError.forbidden(forbiddenMessage(uai)) }
  }

  static func forbiddenMessage(_ uai: String) -> String {
    guard let account = RequestScope.session?.account else { return AccessMiddleware.loginNeeded }
    return "Accès refusé : le compte « \(account.login) » donne accès à l'établissement \(account.uai ?? "—") "
      + "seulement, pas à l'établissement \(uai). « Retour à l'accueil » ramène à votre établissement ; si "
      + "vous devez travailler sur \(uai), demandez un compte à l'équipe académique."
  }

  func addAccountRoutes(to router: Router<WebContext>) {
    router.get("/connexion") { request, context in
      guard context.academyMode else { return Response.redirect(to: "/", type: .found) }
      let query = request.uri.queryParameters
      var note: String?
      if query.get("fin") != nil { note = "Vous êtes déconnecté." }
      if query.get("expiree") != nil || context.sessionExpired {
        note = "Votre session a expiré : reconnectez-vous."
      }
      return self.loginPage(next: query.get("suite"), note: note)
    }
    router.post("/connexion") { request, context in
      guard context.academyMode else { return Response.redirect(to: "/", type: .found) }
      var request = request
      let body = try await request.collectBody(upTo: 64 * 1024)
      guard let form = try? URLEncodedFormDecoder().decode(LoginRequest.self, from: String(buffer: body)) else {
        return self.loginPage(
          next: nil, error: "Saisissez votre identifiant et votre mot de passe.", status: .badRequest)
      }
      guard let expected = request.cookies[Self.loginCookie]?.value, form.jeton == expected else {
        return self.loginPage(
          next: form.suite, error: "Le formulaire de connexion a expiré : saisissez à nouveau vos identifiants.",
          status: .forbidden)
      }
      let raccord = self.raccord
      let login = form.identifiant.trimmingCharacters(in: .whitespaces)
      let password = form.motDePasse
      // Too many failures on this identifier: refused before the password is even hashed.
      if let wait = await self.loginThrottle.waitBeforeTrying(login) {
        var response = self.loginPage(
          next: form.suite, error: LoginThrottle.message(login: login, wait: wait), status: .tooManyRequests)
        response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
        return response
      }
      guard
        let account = try await SchoolYearCache.blocking({
          try raccord.authenticate(login: login, password: password)
        })
      else {
        await self.loginThrottle.recordFailure(login)
        return self.loginPage(
          next: form.suite, error: "Identifiant ou mot de passe incorrect.", status: .unauthorized)
      }
      await self.loginThrottle.recordSuccess(login)
      let session = await self.sessions.open(account)
      var response = Response.redirect(to: Self.safeNext(form.suite), type: .normal)
      response.setCookie(
        Cookie(name: Self.sessionCookie, value: session.id, path: "/", httpOnly: true, sameSite: .strict))
      response.setCookie(
        Cookie(name: Self.loginCookie, value: "", maxAge: 0, path: "/connexion", httpOnly: true, sameSite: .strict))
      return response
    }
    router.post("/deconnexion") { request, context in
      guard let session = context.session else { return Response.redirect(to: "/connexion", type: .normal) }
      let _: TokenOnly = try await self.form(request, context: context)
      await self.sessions.close(session.id)
      var response = Response.redirect(to: "/connexion?fin=1", type: .normal)
      response.setCookie(
        Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
      return response
    }
    // For scripts of the académie mode: who is signed in, and the token their POSTs carry in X-Raccord-Token.
    router.get("/api/compte") { _, context in
      guard let session = context.session else {
        throw WebError(status: .unauthorized, message: AccessMiddleware.loginNeeded)
      }
      let answer: [String: Any] = [
        "login": session.account.login, "role": session.account.role.rawValue,
        "uai": session.account.uai ?? NSNull(), "jeton": session.csrf,
      ]
      return APIResponse.json(answer)
    }
  }

  /// A local path to go to after the login (never another site).
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
      !next.hasPrefix("/connexion"), !next.hasPrefix("/deconnexion")
    else { return "/" }
    return next
  }

  func loginPage(
    next: String?, note: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
  ) -> Response {
    let token = WebConfiguration.randomToken()
    var values: [String: Any] = ["titre": "Connexion", "jeton_connexion": token, "suite": Self.safeNext(next)]
    // Absent rather than empty: Mustache shows a section for an empty string.
    if let note { values["note"] = note }
    if let error { values["erreur_connexion"] = error }
    var response = page("connexion", values, status: status)
    response.setCookie(
      Cookie(name: Self.loginCookie, value: token, path: "/connexion", httpOnly: true, sameSite: .strict))
    return response
  }
}
