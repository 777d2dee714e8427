import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationEssentialsCompat
import RaccordCore
import RaccordKit
import RaccordTestSupport
import RaccordWeb
import Store
import Testing

/// A clock the tests move forward.
final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current = Date(timeIntervalSince1970: 1_780_000_000)

  var now: Date { lock.withLock { current } }
  func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Académie mode: two schools in one store, an académie account and one account per school.
/// School A (0789990K, the example collège) must never read or change school B (0789991L, the same
/// exports under another UAI), on pages, the API, downloads, decisions and uploads.
@Suite(.serialized) final class AccessTests: Sendable {
  let folder: URL
  let raccord: Raccord
  let clock = TestClock()
  let configuration: WebConfiguration
  static let schoolA = "0789990K"
  static let schoolB = "0789991L"
  static let passwords = [
    "rectorat": "mot-de-passe-rectorat", "college-a": "mot-de-passe-a", "college-b": "mot-de-passe-b",
  ]
  /// School B's STS Web export, to upload as school A.
  let stsOfB: Data

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = Raccord(
      database: try AppDatabase(path: folder.appendingPathComponent("raccord.sqlite").path),
      dataDirectory: Fixtures.repositoryRoot)
    _ = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
    // School B: the example's 2025 exports and gradebook, byte for byte but for the UAI.
    let source = Fixtures.exampleSchool.appendingPathComponent("2025")
    let second = folder.appendingPathComponent("b")
    try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
    var sts = Data()
    for name in [
      "Nomenclature.xml", "ElevesSansAdresses.xml", "Structures.xml", "sts_emp_0789990K_2025.xml",
      "gradebook/lsu-bilans-2025-T1.xml",
    ] {
      let bytes = Self.replacing(
        Data(Self.schoolA.utf8), with: Data(Self.schoolB.utf8),
        in: try Data(contentsOf: source.appendingPathComponent(name)))
      let target = second.appendingPathComponent(
        (name as NSString).lastPathComponent.replacingOccurrences(of: Self.schoolA, with: Self.schoolB))
      try bytes.write(to: target)
      if name.hasPrefix("sts_emp") { sts = bytes }
    }
    stsOfB = sts
    _ = try raccord.importFiles([second.path], diagnostics: DiagnosticCollector())
    // A low bcrypt cost keeps the tests fast; the hash is the same kind.
    try raccord.addAccount(login: "rectorat", password: Self.passwords["rectorat"]!, role: .academie, uai: nil, cost: 4)
    try raccord.addAccount(
      login: "college-a", password: Self.passwords["college-a"]!, role: .etablissement, uai: Self.schoolA, cost: 4)
    try raccord.addAccount(
      login: "college-b", password: Self.passwords["college-b"]!, role: .etablissement, uai: Self.schoolB, cost: 4)
    let clock = self.clock
    configuration = WebConfiguration(
      host: "127.0.0.1", port: 8123, token: "jeton-de-test", sessionIdleLimit: 30 * 60, sessionLifetime: 8 * 3600,
      clock: { clock.now })
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  static func replacing(_ pattern: Data, with replacement: Data, in data: Data) -> Data {
    var result = Data()
    var rest = data[...]
    while let range = rest.firstRange(of: pattern) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }

  var host: HTTPFields { [HTTPField.Name("Host")!: "127.0.0.1:8123"] }

  func withClient(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let app = try await WebServer.application(raccord: raccord, configuration: configuration)
    try await app.test(.router, test)
  }

  /// A signed-in session: its cookie and the token its POSTs carry.
  struct Session {
    var cookie: String
    var token: String

    func headers(_ host: HTTPFields, contentType: String? = nil) -> HTTPFields {
      var fields = host
      fields[.cookie] = "raccord_session=\(cookie)"
      if let contentType { fields[.contentType] = contentType }
      return fields
    }
  }

  static func cookie(_ name: String, in response: TestResponse) -> String? {
    for value in response.headers[values: .setCookie] {
      let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
      if pair.count == 2, pair[0] == name { return String(pair[1]) }
    }
    return nil
  }

  static func form(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return ByteBuffer(
      string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(
        separator: "&"))
  }

  /// Logs in through the login page, as a browser does; `nil` when refused.
  func login(_ client: any TestClientProtocol, _ login: String, password: String? = nil) async throws -> Session? {
    let formToken = try await client.execute(uri: "/connexion", method: .get, headers: host) { response in
      #expect(response.status == .ok)
      #expect(String(buffer: response.body).contains("<h1>Connexion</h1>"))
      return Self.cookie("raccord_connexion", in: response)
    }
    let token = try #require(formToken)
    var headers = host
    headers[.cookie] = "raccord_connexion=\(token)"
    headers[.contentType] = "application/x-www-form-urlencoded"
    let body = Self.form([
      ("identifiant", login), ("mot_de_passe", password ?? Self.passwords[login] ?? ""), ("jeton", token),
      ("suite", "/"),
    ])
    guard
      let cookie = try await client.execute(
        uri: "/connexion", method: .post, headers: headers, body: body,
        testCallback: { response in
          response.status == .seeOther ? Self.cookie("raccord_session", in: response) : nil
        })
    else { return nil }
    var session = Session(cookie: cookie, token: "")
    session.token = try await client.execute(uri: "/api/compte", method: .get, headers: session.headers(host)) {
      response in
      #expect(response.status == .ok)
      let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
      #expect(json?["login"] as? String == login)
      return json?["jeton"] as? String ?? ""
    }
    #expect(!session.token.isEmpty)
    return session
  }

  // MARK: Login

  @Test func theStoredHashIsNotThePasswordAndVerifies() throws {
    let account = try #require(try raccord.database.account(login: "college-a"))
    #expect(account.passwordHash != Self.passwords["college-a"])
    #expect(!account.passwordHash.contains(Self.passwords["college-a"]!))
    #expect(account.passwordHash.hasPrefix("$2"))
    #expect(account.role == .etablissement && account.uai == Self.schoolA)
    #expect(try raccord.authenticate(login: "college-a", password: Self.passwords["college-a"]!)?.login == "college-a")
    #expect(try raccord.authenticate(login: "college-a", password: "mot-de-passe-b") == nil)
    #expect(try raccord.authenticate(login: "personne", password: "mot-de-passe-a") == nil)
    #expect(throws: RaccordError.self) {
      try self.raccord.addAccount(login: "college-a", password: "un-autre-mot", role: .academie, uai: nil, cost: 4)
    }
    #expect(throws: RaccordError.self) {
      try self.raccord.addAccount(login: "court", password: "court", role: .academie, uai: nil, cost: 4)
    }
    #expect(throws: RaccordError.self) {
      try self.raccord.addAccount(
        login: "faux-uai", password: "mot-de-passe-x", role: .etablissement, uai: "0789990A", cost: 4)
    }
  }

  @Test func withAnAccountThePageNeedsALoginAndTheRunTokenOpensNothing() async throws {
    try await withClient { client in
      var withToken = self.host
      withToken[.cookie] = "raccord_jeton=jeton-de-test"
      for path in ["/", "/etablissements/0789990K/2025", "/academie", "/import"] {
        try await client.execute(uri: path, method: .get, headers: withToken) { response in
          #expect(response.status == .found, "\(path)")
          #expect(response.headers[.location]?.hasPrefix("/connexion?suite=") == true, "\(path)")
        }
      }
      try await client.execute(uri: "/?token=jeton-de-test", method: .get, headers: self.host) { response in
        #expect(response.headers[.location]?.hasPrefix("/connexion") == true)
      }
      var api = self.host
      api[HTTPField.Name("X-Raccord-Token")!] = "jeton-de-test"
      try await client.execute(uri: "/api/schools", method: .get, headers: api) { response in
        #expect(response.status == .unauthorized)
        #expect(String(buffer: response.body).contains("Connexion requise"))
      }
      api[.contentType] = "application/json"
      try await client.execute(
        uri: "/api/schools/0789990K/2025/decisions", method: .post, headers: api,
        body: ByteBuffer(string: #"{"key": "LATIN", "verdict": "reject"}"#)
      ) { response in
        #expect(response.status == .unauthorized)
      }
    }
    #expect(try raccord.database.decisions(uai: Self.schoolA).isEmpty)
  }

  @Test func aWrongPasswordOrAForgedLoginIsRefused() async throws {
    try await withClient { client in
      #expect(try await self.login(client, "college-a", password: "mot-de-passe-b") == nil)
      #expect(try await self.login(client, "inconnu", password: "mot-de-passe-a") == nil)
      // The refusal is a French page, 401, without a session cookie.
      let token = try await client.execute(uri: "/connexion", method: .get, headers: self.host) {
        Self.cookie("raccord_connexion", in: $0)
      }
      var headers = self.host
      headers[.cookie] = "raccord_connexion=\(token ?? "")"
      headers[.contentType] = "application/x-www-form-urlencoded"
      let wrong = Self.form([("identifiant", "college-a"), ("mot_de_passe", "faux"), ("jeton", token ?? "")])
      try await client.execute(uri: "/connexion", method: .post, headers: headers, body: wrong) { response in
        #expect(response.status == .unauthorized)
        #expect(String(buffer: response.body).contains("Identifiant ou mot de passe incorrect."))
        #expect(Self.cookie("raccord_session", in: response) == nil)
      }
      // A login posted from elsewhere (no form cookie) is refused even with the right password.
      var forged = self.host
      forged[.contentType] = "application/x-www-form-urlencoded"
      let body = Self.form([
        ("identifiant", "college-a"), ("mot_de_passe", Self.passwords["college-a"]!), ("jeton", "x"),
      ])
      try await client.execute(uri: "/connexion", method: .post, headers: forged, body: body) { response in
        #expect(response.status == .forbidden)
        #expect(Self.cookie("raccord_session", in: response) == nil)
      }
      // The right password opens a session whose cookie is HttpOnly and SameSite=Strict.
      let right = Self.form([
        ("identifiant", "college-a"), ("mot_de_passe", Self.passwords["college-a"]!), ("jeton", token ?? ""),
        ("suite", "//ailleurs.example/piege"),
      ])
      try await client.execute(uri: "/connexion", method: .post, headers: headers, body: right) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/")
        let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("raccord_session=") } ?? ""
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
      }
    }
  }

  @Test func repeatedWrongPasswordsLockTheIdentifierForAWhile() async throws {
    try await withClient { client in
      for _ in 0..<5 { #expect(try await self.login(client, "college-a", password: "devine-encore") == nil) }
      // The sixth try, even with the right password, is refused before the password is checked.
      let token = try await client.execute(uri: "/connexion", method: .get, headers: self.host) {
        Self.cookie("raccord_connexion", in: $0)
      }
      var headers = self.host
      headers[.cookie] = "raccord_connexion=\(token ?? "")"
      headers[.contentType] = "application/x-www-form-urlencoded"
      let right = Self.form([
        ("identifiant", " College-A "), ("mot_de_passe", Self.passwords["college-a"]!), ("jeton", token ?? ""),
      ])
      try await client.execute(uri: "/connexion", method: .post, headers: headers, body: right) { response in
        #expect(response.status == .tooManyRequests)
        #expect(response.headers[.retryAfter] == "900")
        let page = String(buffer: response.body)
        #expect(page.contains("essais de connexion manqués pour l"))
        #expect(page.contains("réessayez dans 15 minutes"))
        #expect(Self.cookie("raccord_session", in: response) == nil)
      }
      // Another identifier is not affected.
      #expect(try await self.login(client, "college-b") != nil)
      // Ten minutes on, still locked; once the first failure is a quarter of an hour old, one more try is allowed.
      self.clock.advance(10 * 60)
      #expect(try await self.login(client, "college-a") == nil)
      self.clock.advance(5 * 60)
      #expect(try await self.login(client, "college-a") != nil)
      // A success clears the count: four new failures do not lock it.
      for _ in 0..<4 { #expect(try await self.login(client, "college-a", password: "devine-encore") == nil) }
      #expect(try await self.login(client, "college-a") != nil)
    }
  }

  // MARK: School A and school B

  @Test func schoolACannotReadSchoolB() async throws {
    try await withClient { client in
      let a = try #require(try await self.login(client, "college-a"))
      try await client.execute(uri: "/", method: .get, headers: a.headers(self.host)) { response in
        #expect(response.headers[.location] == "/etablissements/0789990K/2025")
      }
      try await client.execute(uri: "/etablissements/0789990K/2025", method: .get, headers: a.headers(self.host)) {
        response in
        #expect(response.status == .ok)
        let html = String(buffer: response.body)
        #expect(html.contains("<h1>Tableau de bord</h1>"))
        #expect(html.contains("college-a"))
        // Nothing names school B, not even the school switcher.
        #expect(!html.contains("0789991L"))
      }
      for path in [
        "/etablissements/0789991L/2025", "/etablissements/0789991L/2025/correspondances",
        "/etablissements/0789991L/2025/anomalies", "/etablissements/0789991L/2025/telechargements",
        "/etablissements/0789991L/2025/telechargements/correspondances.csv",
        "/etablissements/0789991L/2025/telechargements/rapport.csv",
        "/etablissements/0789991L/2025/telechargements/lsu-corrige.xml",
        "/etablissements/0789991l/2025", "/etablissements/0789991L/2024",
      ] {
        try await client.execute(uri: path, method: .get, headers: a.headers(self.host)) { response in
          #expect(response.status == .forbidden, "\(path)")
          let html = String(buffer: response.body)
          #expect(
            html.contains("Accès refusé : le compte « college-a » donne accès à l&#39;établissement 0789990K"),
            "\(path)")
          #expect(!html.contains("Tableau de bord</h1>"), "\(path)")
        }
      }
      try await client.execute(uri: "/api/schools/0789991L/2025/review", method: .get, headers: a.headers(self.host)) {
        response in
        #expect(response.status == .forbidden)
        #expect(String(buffer: response.body).contains("\"erreur\""))
        #expect(!String(buffer: response.body).contains("LATIN"))
      }
      try await client.execute(uri: "/api/schools", method: .get, headers: a.headers(self.host)) { response in
        let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
        #expect(json?.map { $0["uai"] as? String } == ["0789990K"])
      }
      try await client.execute(uri: "/academie", method: .get, headers: a.headers(self.host)) { response in
        let html = String(buffer: response.body)
        #expect(html.contains("id=\"ligne-0789990K-2025\""))
        #expect(!html.contains("0789991L"))
      }
    }
  }

  @Test func schoolACannotChangeSchoolB() async throws {
    let filesBefore = try raccord.database.status().map { $0.files.map(\.sha256) }
    try await withClient { client in
      let a = try #require(try await self.login(client, "college-a"))
      let form = a.headers(self.host, contentType: "application/x-www-form-urlencoded")
      for (path, fields) in [
        ("/etablissements/0789991L/2025/decisions", [("key", "LATIN"), ("verdict", "reject")]),
        ("/etablissements/0789991L/2025/decisions/lot", [("minimum", "0.5")]),
        ("/etablissements/0789991L/2025/classes", [("division", "6A"), ("positionnement", "notes")]),
      ] {
        try await client.execute(
          uri: path, method: .post, headers: form, body: Self.form(fields + [("token", a.token)])
        ) { response in
          #expect(response.status == .forbidden, "\(path)")
          #expect(String(buffer: response.body).contains("Accès refusé"), "\(path)")
        }
      }
      var json = a.headers(self.host, contentType: "application/json")
      json[HTTPField.Name("X-Raccord-Token")!] = a.token
      try await client.execute(
        uri: "/api/schools/0789991L/2025/decisions", method: .post, headers: json,
        body: ByteBuffer(string: #"{"key": "LATIN", "verdict": "reject"}"#)
      ) { response in
        #expect(response.status == .forbidden)
      }
      // Uploads: school B's STS Web export, and a CSV said to be school B's.
      let multipart = a.headers(self.host, contentType: "multipart/form-data; boundary=XyZ")
      try await client.execute(
        uri: "/import", method: .post, headers: multipart,
        body: Self.multipart([
          ("token", nil, Data(a.token.utf8)), ("fichiers", "sts_emp_0789991L_2025.xml", self.stsOfB),
        ])
      ) { response in
        #expect(response.status == .forbidden)
        let html = String(buffer: response.body)
        #expect(html.contains("votre compte ne peut importer que les fichiers de l&#39;établissement 0789990K"))
        #expect(html.contains("Rien n&#39;a été importé"))
      }
      let csv = try Data(
        contentsOf: Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/services-pronote.csv"))
      try await client.execute(
        uri: "/import", method: .post, headers: multipart,
        body: Self.multipart([
          ("token", nil, Data(a.token.utf8)), ("uai", nil, Data("0789991L".utf8)), ("fichiers", "services.csv", csv),
        ])
      ) { response in
        #expect(response.status == .forbidden)
      }
      // The same decision on its own school goes through: the refusals above are about the school.
      try await client.execute(
        uri: "/etablissements/0789990K/2025/decisions", method: .post, headers: form,
        body: Self.form([("key", "LATIN"), ("verdict", "reject"), ("token", a.token)])
      ) { response in
        #expect(response.status == .seeOther)
      }
      // With the session cookie but without the session's token, even its own school refuses a POST.
      try await client.execute(
        uri: "/etablissements/0789990K/2025/decisions", method: .post, headers: form,
        body: Self.form([("key", "MUSIQUE"), ("verdict", "reject")])
      ) { response in
        #expect(response.status == .forbidden)
      }
    }
    #expect(try raccord.database.decisions(uai: Self.schoolB).isEmpty)
    #expect(try raccord.database.decisions(uai: Self.schoolA).map(\.itemKey) == ["LATIN"])
    #expect(try raccord.database.status().map { $0.files.map(\.sha256) } == filesBefore)
    #expect(try raccord.classes(uai: Self.schoolB, year: 2025).allSatisfy { $0.setting == nil })
  }

  @Test func theAcademieAccountSeesBothSchools() async throws {
    try await withClient { client in
      let rectorat = try #require(try await self.login(client, "rectorat"))
      try await client.execute(uri: "/", method: .get, headers: rectorat.headers(self.host)) { response in
        #expect(response.headers[.location] == "/academie")
      }
      try await client.execute(uri: "/academie", method: .get, headers: rectorat.headers(self.host)) { response in
        #expect(response.status == .ok)
        let html = String(buffer: response.body)
        #expect(html.contains("<h1>Académie : état des établissements</h1>"))
        #expect(html.contains("id=\"ligne-0789990K-2025\""))
        #expect(html.contains("id=\"ligne-0789990K-2024\""))
        #expect(html.contains("id=\"ligne-0789991L-2025\""))
        #expect(html.contains("href=\"/etablissements/0789991L/2025\""))
      }
      for path in [
        "/etablissements/0789990K/2025", "/etablissements/0789991L/2025", "/api/schools/0789991L/2025/review",
      ] {
        try await client.execute(uri: path, method: .get, headers: rectorat.headers(self.host)) { response in
          #expect(response.status == .ok, "\(path)")
        }
      }
      var json = rectorat.headers(self.host, contentType: "application/json")
      json[HTTPField.Name("X-Raccord-Token")!] = rectorat.token
      try await client.execute(
        uri: "/api/schools/0789991L/2025/decisions", method: .post, headers: json,
        body: ByteBuffer(string: #"{"key": "LATIN", "verdict": "reject"}"#)
      ) { response in
        #expect(response.status == .created)
      }
      // The académie page's row of B, kept since the first request, shows the new decision.
      try await client.execute(uri: "/academie", method: .get, headers: rectorat.headers(self.host)) { response in
        let html = String(buffer: response.body)
        let rowB = html.components(separatedBy: "id=\"ligne-0789991L-2025\"").last?.components(separatedBy: "</tr>")
          .first
        let cells = rowB?.components(separatedBy: "<td").dropFirst().map { String($0) } ?? []
        #expect(cells.count == 9)
        #expect(cells.count == 9 && cells[6].hasPrefix(" class=\"nombre\">1<"), "\(cells)")
        #expect(cells.count == 9 && cells[7].contains("<strong>36</strong>"), "\(cells)")
      }
    }
    #expect(try raccord.database.decisions(uai: Self.schoolB).map(\.itemKey) == ["LATIN"])
  }

  @Test func theAcademiePageSortsAndFiltersWithoutJavaScript() async throws {
    // School C (0789992M) has only its SIECLE nomenclature: its checks cannot run.
    let nomenclature = try Data(
      contentsOf: Fixtures.exampleSchool.appendingPathComponent("2025/Nomenclature.xml"))
    let third = folder.appendingPathComponent("c")
    try FileManager.default.createDirectory(at: third, withIntermediateDirectories: true)
    try Self.replacing(Data(Self.schoolA.utf8), with: Data("0789992M".utf8), in: nomenclature).write(
      to: third.appendingPathComponent("Nomenclature.xml"))
    _ = try raccord.importFiles([third.path], diagnostics: DiagnosticCollector())
    try await withClient { client in
      let rectorat = try #require(try await self.login(client, "rectorat"))
      func rows(_ query: String) async throws -> [String] {
        try await client.execute(uri: "/academie?" + query, method: .get, headers: rectorat.headers(self.host)) {
          response in
          #expect(response.status == .ok)
          let html = String(buffer: response.body)
          return html.components(separatedBy: "id=\"ligne-").dropFirst().map { String($0.prefix(13)) }
        }
      }
      #expect(try await rows("") == ["0789990K-2024", "0789990K-2025", "0789991L-2025", "0789992M-2025"])
      #expect(
        try await rows("tri=uai&ordre=desc") == ["0789992M-2025", "0789991L-2025", "0789990K-2025", "0789990K-2024"])
      #expect(try await rows("q=0789991") == ["0789991L-2025"])
      #expect(try await rows("annee=2024") == ["0789990K-2024"])
      // C's checks cannot run: no blocking count, last whatever the order.
      #expect(try await rows("tri=bloquants&ordre=desc").last == "0789992M-2025")
      #expect(try await rows("tri=bloquants&ordre=asc").last == "0789992M-2025")
      #expect(try await rows("bloques=1").sorted() == ["0789990K-2025", "0789991L-2025"])
      #expect(try await rows("incomplets=1") == ["0789992M-2025"])
      #expect(try await rows("a_decider=1").sorted() == ["0789990K-2025", "0789991L-2025"])
      try await client.execute(
        uri: "/academie?tri=bloquants&ordre=desc", method: .get, headers: rectorat.headers(self.host)
      ) {
        response in
        let html = String(buffer: response.body)
        #expect(
          html.contains(
            "<th scope=\"col\" aria-sort=\"descending\"><a class=\"tri\" id=\"tri-bloquants\" href=\"/academie?tri=bloquants&amp;ordre=asc\""
          ))
      }
      #expect(try await rows("q=introuvable").isEmpty)
      // The columns' titles are in the order of the cells; a row shows a problem only when there is one.
      try await client.execute(uri: "/academie", method: .get, headers: rectorat.headers(self.host)) { response in
        let html = String(buffer: response.body)
        let titles = html.components(separatedBy: "id=\"tri-").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(
          titles == [
            "uai", "nom", "annee", "fichiers", "bloquants", "avertissements", "decides", "a_decider", "classes",
          ])
        let rowB = try #require(
          html.components(separatedBy: "id=\"ligne-0789991L-2025\"").last?.components(separatedBy: "</tr>").first)
        let cells = rowB.components(separatedBy: "<td").dropFirst().map { String($0) }
        #expect(cells.count == 9)
        #expect(cells.last?.contains("✖ 3</span> 4B, 5A, 5B") == true)
        #expect(cells[7].contains("<strong>37</strong>"))
        #expect(html.components(separatedBy: "class=\"probleme\"").count == 2)
        #expect(html.contains("<p class=\"probleme\">▲ Les vérifications"))
      }
    }
  }

  // MARK: Sessions

  @Test func anIdleOrTooOldSessionIsRefused() async throws {
    try await withClient { client in
      let a = try #require(try await self.login(client, "college-a"))
      self.clock.advance(31 * 60)
      try await client.execute(uri: "/etablissements/0789990K/2025", method: .get, headers: a.headers(self.host)) {
        response in
        #expect(response.status == .found)
        #expect(response.headers[.location]?.hasSuffix("&expiree=1") == true)
      }
      try await client.execute(uri: "/api/schools", method: .get, headers: a.headers(self.host)) { response in
        #expect(response.status == .unauthorized)
      }
      // Active all along, a session still ends after its lifetime.
      let b = try #require(try await self.login(client, "college-b"))
      for _ in 0..<16 {
        self.clock.advance(29 * 60)
        try await client.execute(uri: "/api/schools", method: .get, headers: b.headers(self.host)) { response in
          #expect(response.status == .ok)
        }
      }
      self.clock.advance(29 * 60)
      try await client.execute(uri: "/api/schools", method: .get, headers: b.headers(self.host)) { response in
        #expect(response.status == .unauthorized)
      }
    }
  }

  @Test func logoutAndRemovingTheAccountEndTheSession() async throws {
    try await withClient { client in
      let a = try #require(try await self.login(client, "college-a"))
      try await client.execute(
        uri: "/deconnexion", method: .post,
        headers: a.headers(self.host, contentType: "application/x-www-form-urlencoded"),
        body: Self.form([("token", a.token)])
      ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/connexion?fin=1")
      }
      try await client.execute(uri: "/api/schools", method: .get, headers: a.headers(self.host)) { response in
        #expect(response.status == .unauthorized)
      }
      let b = try #require(try await self.login(client, "college-b"))
      try self.raccord.removeAccount(login: "college-b")
      try await client.execute(uri: "/api/schools", method: .get, headers: b.headers(self.host)) { response in
        #expect(response.status == .unauthorized)
      }
    }
  }

  static func multipart(_ parts: [(name: String, file: String?, content: Data)]) -> ByteBuffer {
    var data = Data()
    for part in parts {
      var head = "--XyZ\r\nContent-Disposition: form-data; name=\"\(part.name)\""
      if let file = part.file { head += "; filename=\"\(file)\"\r\nContent-Type: application/octet-stream" }
      data += Data((head + "\r\n\r\n").utf8) + part.content + Data("\r\n".utf8)
    }
    return ByteBuffer(bytes: data + Data("--XyZ--\r\n".utf8))
  }
}
