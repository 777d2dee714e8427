import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import RaccordCore
import RaccordKit
import Store

/// The request context of the page: whether the request proved it carries the run's token (or, in
/// académie mode, its session's token), and its session.
struct WebContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  var tokenVerified = false
  /// The store holds accounts: the page requires a login (``SessionMiddleware``).
  var academyMode = false
  /// The signed-in account's session (académie mode).
  var session: WebSession?
  /// The request carried a session cookie that has expired (or whose account was removed).
  var sessionExpired = false

  init(source: Source) {
    coreContext = .init(source: source)
  }

  /// Uploads are streamed to disk by their handler, which applies its own limit.
  var maxUploadSize: Int { 1024 * 1024 }
}

/// A failure shown to the user as a French page (or JSON under `/api`).
struct WebError: Error {
  var status: HTTPResponse.Status
  var message: String

  static func notFound(_ message: String) -> WebError { WebError(status: .notFound, message: message) }
  static func forbidden(_ message: String) -> WebError { WebError(status: .forbidden, message: message) }
}

/// Everything the routes share.
struct Site: Sendable {
  let raccord: Raccord
  let configuration: WebConfiguration
  let address: BoundAddress
  let templates: MustacheLibrary
  let cache: SchoolYearCache
  let rows = RenderedRows()
  let sessions: SessionStore
  let loginThrottle: LoginThrottle
  let staticFolder: URL

  static let tokenCookie = "raccord_jeton"
  static let tokenHeader = HTTPField.Name("X-Raccord-Token")!

  init(raccord: Raccord, configuration: WebConfiguration, address: BoundAddress) async throws {
    self.raccord = raccord
    self.configuration = configuration
    self.address = address
    guard let resources = Bundle.module.resourceURL else {
      throw WebError(status: .internalServerError, message: "Ressources de la page introuvables.")
    }
    templates = try await MustacheLibrary(directory: resources.appendingPathComponent("Templates").path)
    staticFolder = resources.appendingPathComponent("Static")
    cache = SchoolYearCache(raccord: raccord)
    sessions = SessionStore(
      idleLimit: configuration.sessionIdleLimit, lifetime: configuration.sessionLifetime, clock: configuration.clock)
    loginThrottle = LoginThrottle(clock: configuration.clock)
  }

  /// The token the request's forms must carry: the run's token, or in académie mode the session's
  /// (`nil` without a session: nothing is accepted).
  func expectedToken(_ context: WebContext) -> String? {
    context.academyMode ? context.session?.csrf : configuration.token
  }

  func router() -> Router<WebContext> {
    let router = Router(context: WebContext.self)
    router.add(middleware: SessionMiddleware(site: self))
    router.add(middleware: ErrorPageMiddleware(site: self))
    router.add(middleware: AccessMiddleware(site: self))
    router.get("/static/:file") { _, context in try self.staticFile(context.parameters.require("file")) }
    addAccountRoutes(to: router)
    addAcademy(to: router)
    addPages(to: router)
    addActions(to: router)
    addDownloads(to: router)
    addUploads(to: router)
    addAPI(to: router)
    return router
  }

  /// A page rendered from its template, inside the common layout.
  func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
    html(render(template, values), status: status)
  }

  /// The token the page's forms carry: the run's, or in académie mode the session's.
  func formToken() -> String {
    RequestScope.academyMode ? RequestScope.session?.csrf ?? "" : configuration.token
  }

  func render(_ template: String, _ values: [String: Any]) -> String {
    var values = values
    values["jeton"] = formToken()
    if RequestScope.academyMode {
      let session = RequestScope.session
      if session == nil { values["sans_compte"] = true }
      if let account = session?.account {
        values["compte"] = [
          "login": account.login,
          "role": account.role == .academie ? "compte académique" : "établissement \(account.uai ?? "")",
          "academie": account.role == .academie,
        ]
      }
    } else {
      values["mode_etablissement"] = true
    }
    return templates.render(values, withTemplate: template) ?? "Modèle « \(template) » introuvable."
  }

  /// A school year's page, rendered once per state of the store and address.
  func cachedPage(
    _ state: SchoolYearState, _ request: Request, template: String,
    values: @escaping @Sendable () async throws -> [String: Any]
  ) async throws -> Response {
    // The page carries the session's token and name: one rendering per session in académie mode.
    let session = RequestScope.session.map { "|" + $0.csrf } ?? ""
    let rendered = try await cache.page(state, address: request.uri.description + session) {
      self.render(template, try await values())
    }
    return html(rendered)
  }

  func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status,
      headers: [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:",
        HTTPField.Name("X-Frame-Options")!: "DENY", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
      ],
      body: .init(byteBuffer: ByteBuffer(string: html)))
  }

  func staticFile(_ name: String) throws -> Response {
    let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]
    guard let type = types[(name as NSString).pathExtension], !name.contains("/"), !name.hasPrefix("."),
      let data = FileManager.default.contents(atPath: staticFolder.appendingPathComponent(name).path)
    else { throw WebError.notFound("Fichier introuvable : \(name)") }
    return Response(
      status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The school year named by the path, or 404.
  /// - Parameter checks: whether the page shows the check report.
  func state(_ context: WebContext, checks: Bool = false) async throws -> SchoolYearState {
    let (uai, year) = try schoolYear(context)
    guard let state = try await cache.state(uai: uai, year: year, checks: checks) else {
      throw WebError.notFound(
        "Aucune donnée pour l'établissement \(uai) en \(year)-\(year + 1) : importez ses fichiers sur la page Import.")
    }
    return state
  }

  /// The school and year of the address, without reading their data.
  func schoolYear(_ context: WebContext) throws -> (uai: String, year: Int) {
    let uai = try context.parameters.require("uai").uppercased()
    try Self.requireAccess(uai)
    guard let year = Int(try context.parameters.require("year")) else {
      throw WebError.notFound(
        "« \(try context.parameters.require("year")) » n'est pas une année de rentrée (ex. 2025).")
    }
    return (uai, year)
  }
}

/// Refuses requests under another host name (DNS rebinding) and requests without the run's token.
/// GET pages accept the token in the address once (it is then kept in a cookie); every POST must
/// carry it in a form field or the `X-Raccord-Token` header.
struct AccessMiddleware: RouterMiddleware {
  let site: Site

  func handle(
    _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
  ) async throws -> Response {
    let authority = request.headers[HTTPField.Name("Host")!] ?? request.head.authority ?? ""
    guard site.address.accepts(authority) else {
      return Response(
        status: .misdirectedRequest, headers: [.contentType: "text/plain; charset=utf-8"],
        body: .init(
          byteBuffer: ByteBuffer(
            string: "Adresse refusée : ouvrez la page à l'adresse affichée par « raccord serve ».")))
    }
    if request.uri.path.hasPrefix("/static/") { return try await next(request, context) }
    if context.academyMode { return try await academyAccess(request, context: context, next: next) }
    var context = context
    let token = site.configuration.token
    let header = request.headers[Site.tokenHeader]
    let cookie = request.cookies[Site.tokenCookie]?.value
    if header == token || (request.method == .get && cookie == token) {
      context.tokenVerified = true
    }
    if request.method == .get || request.method == .head {
      if let given = request.uri.queryParameters.get("token") {
        guard given == token else { throw WebError.forbidden(Self.refusal) }
        // Keep the token in a cookie and clean the address.
        let rest = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("token=") }
        var response = Response.redirect(
          to: request.uri.path + (rest.isEmpty ? "" : "?" + rest.joined(separator: "&")), type: .found)
        response.setCookie(
          Cookie(name: Site.tokenCookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
        return response
      }
      guard context.tokenVerified else { throw WebError.forbidden(Self.refusal) }
      return try await next(request, context)
    }
    return try await next(request, context)
  }

  /// Académie mode: every page but the login needs a session; a session sees only the schools of its
  /// account (403 before the route runs, so a refused POST is not even read); POSTs carry the session's
  /// token (checked by the routes, as for the run's token).
  func academyAccess(
    _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
  ) async throws -> Response {
    let path = request.uri.path
    if path == "/connexion" { return try await next(request, context) }
    guard let session = context.session else {
      if path.hasPrefix("/api/") {
        throw WebError(status: .unauthorized, message: Self.loginNeeded)
      }
      if request.method == .get || request.method == .head {
        let here = request.uri.description
        var target = "/connexion?suite=" + (here.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
        if context.sessionExpired { target += "&expiree=1" }
        return .redirect(to: target, type: .found)
      }
      throw WebError.forbidden(Self.loginNeeded)
    }
    if let uai = Site.school(inPath: path) {
      try Site.requireAccess(uai)
    }
    var context = context
    context.tokenVerified =
      request.method == .get || request.method == .head || request.headers[Site.tokenHeader] == session.csrf
    return try await next(request, context)
  }

  static let loginNeeded =
    "Connexion requise : identifiez-vous sur la page de connexion avec le compte que l'équipe académique vous a donné."

  static let refusal =
    "Accès refusé : ouvrez la page à l'adresse complète affichée par « raccord serve » (elle contient la clé "
    + "d'accès de cette session)."
}

/// Turns errors into French pages (or JSON under `/api`), with the right status.
struct ErrorPageMiddleware: RouterMiddleware {
  let site: Site

  func handle(
    _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as WebError {
      return render(error.status, error.message, request: request)
    } catch let error as HTTPError {
      let message =
        error.status == .notFound
        ? "Page introuvable : \(request.uri.path)"
        : (error.body ?? "La requête n'a pas pu être traitée (\(error.status.code)).")
      return render(error.status, message, request: request)
    } catch let error as RaccordError {
      if case .staleDecision(_, let current) = error {
        return conflict(error.errorDescription ?? "\(error)", current: current, request: request)
      }
      return render(.unprocessableContent, error.errorDescription ?? "\(error)", request: request)
    } catch {
      let message = (error as? any LocalizedError)?.errorDescription ?? "Erreur inattendue : \(error)"
      return render(.internalServerError, message, request: request)
    }
  }

  /// A decision refused because someone decided on the item since: 409, with their decision (in
  /// the API's body), and on the page a link back to the item as it is now.
  func conflict(_ message: String, current: ReviewDecision?, request: Request) -> Response {
    if request.uri.path.hasPrefix("/api/") {
      var body: [String: Any] = ["erreur": message]
      if let current { body["decision_actuelle"] = Site.json(current) }
      return APIResponse.json(body, status: .conflict)
    }
    let back = request.uri.path.replacingOccurrences(of: "/decisions", with: "/correspondances")
    return site.page(
      "erreur", ["titre": "Décision non enregistrée", "message": message, "retour": back], status: .conflict)
  }

  func render(_ status: HTTPResponse.Status, _ message: String, request: Request) -> Response {
    if request.uri.path.hasPrefix("/api/") {
      return APIResponse.json(["erreur": message], status: status)
    }
    return site.page("erreur", ["titre": "Erreur \(status.code)", "message": message], status: status)
  }
}
