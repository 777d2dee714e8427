import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Matching
import NIOCore
import NIOFoundationEssentialsCompat
import RaccordCore
import RaccordKit
import RaccordTestSupport
import RaccordWeb
import Store
import Testing

/// Every route of `raccord serve`, through Hummingbird's router, on the example school.
@Suite(.serialized) final class RouteTests: Sendable {
  let folder: URL
  let raccord: Raccord
  let configuration = WebConfiguration(host: "127.0.0.1", port: 8123, token: "jeton-de-test")

  init() throws {
    folder = try Fixtures.temporaryFolder()
    raccord = Raccord(
      database: try AppDatabase(path: folder.appendingPathComponent("raccord.sqlite").path),
      dataDirectory: Fixtures.repositoryRoot)
    _ = try raccord.importFiles([Fixtures.exampleSchool.path], diagnostics: DiagnosticCollector())
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  var host: HTTPFields { [HTTPField.Name("Host")!: "127.0.0.1:8123"] }
  var withCookie: HTTPFields {
    var fields = host
    fields[.cookie] = "raccord_jeton=jeton-de-test"
    return fields
  }
  var form: HTTPFields {
    var fields = withCookie
    fields[.contentType] = "application/x-www-form-urlencoded"
    return fields
  }
  var multipartHeaders: HTTPFields {
    var fields = withCookie
    fields[.contentType] = "multipart/form-data; boundary=XyZ"
    return fields
  }
  var json: HTTPFields {
    var fields = host
    fields[.contentType] = "application/json"
    fields[HTTPField.Name("X-Raccord-Token")!] = "jeton-de-test"
    return fields
  }

  func withClient(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let app = try await WebServer.application(raccord: raccord, configuration: configuration)
    try await app.test(.router, test)
  }

  static func encode(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return ByteBuffer(
      string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(
        separator: "&"))
  }

  @Test func theTokenInTheAddressBecomesACookie() async throws {
    try await withClient { client in
      try await client.execute(uri: "/?token=jeton-de-test", method: .get, headers: self.host) { response in
        #expect(response.status == .found)
        #expect(response.headers[.setCookie]?.contains("raccord_jeton=jeton-de-test") == true)
        #expect(response.headers[.setCookie]?.contains("HttpOnly") == true)
      }
      try await client.execute(
        uri: "/etablissements/0789990K/2025/correspondances?q=hist&token=jeton-de-test", method: .get,
        headers: self.host
      ) { response in
        #expect(response.headers[.location] == "/etablissements/0789990K/2025/correspondances?q=hist")
      }
      try await client.execute(uri: "/?token=faux", method: .get, headers: self.host) { response in
        #expect(response.status == .forbidden)
      }
      try await client.execute(uri: "/", method: .get, headers: self.withCookie) { response in
        #expect(response.status == .found)
        #expect(response.headers[.location] == "/etablissements/0789990K/2025")
      }
    }
  }

  @Test func everyPageAnswersInFrench() async throws {
    try await withClient { client in
      for (path, marker) in [
        ("/etablissements/0789990K/2025", "Tableau de bord"),
        ("/etablissements/0789990K/2025/correspondances", "Histoire-Géographie"),
        ("/etablissements/0789990K/2025/anomalies", "constat(s) affiché(s)"),
        ("/etablissements/0789990K/2025/telechargements", "Table de correspondance (CSV pour Excel)"),
        ("/import", "Importer"),
      ] {
        try await client.execute(uri: path, method: .get, headers: self.withCookie) { response in
          #expect(response.status == .ok, "\(path)")
          #expect(String(buffer: response.body).contains(marker), "\(path)")
          #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
        }
      }
    }
  }

  @Test func theDashboardShowsEachClassWithAWordAndTheFiles() async throws {
    try await withClient { client in
      try await client.execute(uri: "/etablissements/0789990K/2025", method: .get, headers: self.withCookie) {
        response in
        let html = String(buffer: response.body)
        for division in ["6A", "6B", "5A", "5B", "4A", "4B", "3A", "3B"] {
          #expect(html.contains("<strong>\(division)</strong>"), "\(division)")
        }
        #expect(html.contains("<span class=\"mot\">bloquant</span>"))
        #expect(html.contains("sts_emp_0789990K_2025.xml"))
        #expect(html.contains("Nomenclature SIECLE") || html.contains("Nomenclature"))
        // 3A and 3B send bilans de fin de cycle: their end-of-cycle state (summary and detail), and who lacks one.
        #expect(html.components(separatedBy: "Bilans de fin de cycle 4 :").count == 1 + 2 * 2)
        #expect(html.contains("Bilans de fin de cycle 4 : impossible (1 complet, 1 incomplet, 4 impossible)"))
        #expect(html.contains("<td>NOUVEL Maxime</td><td>✖ bloquant</td><td>Bilan de fin de cycle absent</td>"))
      }
    }
  }

  @Test func aFindingAboutAMappingLinksToItsRow() async throws {
    try await withClient { client in
      try await client.execute(
        uri: "/etablissements/0789990K/2025/anomalies?verification=subject-unmapped", method: .get,
        headers: self.withCookie
      ) { response in
        let html = String(buffer: response.body)
        #expect(html.contains("href=\"/etablissements/0789990K/2025/correspondances#m-lv1-anglais\""))
        #expect(html.contains("Code proposé, à vérifier : 030201"))
        #expect(!html.contains("Accès refusé"))
      }
    }
  }

  @Test func pagesNeedTheTokenAndTheRightHost() async throws {
    try await withClient { client in
      try await client.execute(uri: "/etablissements/0789990K/2025", method: .get, headers: self.host) { response in
        #expect(response.status == .forbidden)
        #expect(String(buffer: response.body).contains("Accès refusé"))
      }
      var rebound = self.withCookie
      rebound[HTTPField.Name("Host")!] = "attaquant.example:8123"
      try await client.execute(uri: "/etablissements/0789990K/2025", method: .get, headers: rebound) { response in
        #expect(response.status == .misdirectedRequest)
      }
      try await client.execute(uri: "/static/raccord.css", method: .get, headers: self.host) { response in
        #expect(response.status == .ok)
      }
    }
  }

  @Test func unknownSchoolsYearsAndPagesAre404() async throws {
    try await withClient { client in
      for path in [
        "/etablissements/0999999Z/2025", "/etablissements/0789990K/1999/correspondances", "/nulle-part",
        "/etablissements/0789990K/2025/telechargements/secret.txt", "/static/../Package.swift",
      ] {
        try await client.execute(uri: path, method: .get, headers: self.withCookie) { response in
          #expect(response.status == .notFound, "\(path)")
        }
      }
    }
  }

  @Test func aPostWithoutTheTokenStoresNothing() async throws {
    try await withClient { client in
      // The cookie alone does not make a POST: the form must carry the token.
      let body = Self.encode([("key", "LATIN"), ("verdict", "accept")])
      try await client.execute(
        uri: "/etablissements/0789990K/2025/decisions", method: .post, headers: self.form, body: body
      ) { response in
        #expect(response.status == .forbidden)
      }
      var headers = self.host
      headers[.contentType] = "application/json"
      try await client.execute(
        uri: "/api/schools/0789990K/2025/decisions", method: .post, headers: headers,
        body: ByteBuffer(string: #"{"key":"LATIN","verdict":"accept"}"#)
      ) { response in
        #expect(response.status == .forbidden)
      }
    }
    #expect(try raccord.database.decisions(uai: "0789990K").isEmpty)
  }

  @Test func aFormDecisionIsStoredAndShown() async throws {
    try await withClient { client in
      let body = Self.encode([
        ("token", "jeton-de-test"), ("key", "LATIN"), ("verdict", "choose"), ("code", "020300"),
        ("note", "LCA latin"),
      ])
      try await client.execute(
        uri: "/etablissements/0789990K/2025/decisions", method: .post, headers: self.form, body: body
      ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/etablissements/0789990K/2025/correspondances#m-latin")
      }
      try await client.execute(
        uri: "/etablissements/0789990K/2025/correspondances", method: .get, headers: self.withCookie
      ) { response in
        let html = String(buffer: response.body)
        let row = try #require(html.components(separatedBy: "id=\"m-latin\"").dropFirst().first)
        #expect(row.prefix(600).contains("acceptée"))
      }
    }
    let decision = try #require(try raccord.database.decisions(uai: "0789990K").first)
    #expect(decision.itemKey == "LATIN" && decision.chosenCode == "020300" && decision.note == "LCA latin")
    // The command line sees the page's decision.
    #expect(try raccord.suggestions().reviewItems().first { $0.key == "LATIN" }?.status == .accepted)
  }

  @Test func aClassSettingIsRecordedFromTheDashboard() async throws {
    try await withClient { client in
      let body = Self.encode([
        ("token", "jeton-de-test"), ("division", "6A"), ("positionnement", "objectifs"), ("moyenne", "non"),
      ])
      try await client.execute(
        uri: "/etablissements/0789990K/2025/classes", method: .post, headers: self.form, body: body
      ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/etablissements/0789990K/2025#classe-6A")
      }
      try await client.execute(uri: "/etablissements/0789990K/2025", method: .get, headers: self.withCookie) {
        response in
        #expect(String(buffer: response.body).contains("LSU : objectifs d&#39;apprentissage, sans moyenne de classe"))
      }
      let unknown = Self.encode([("token", "jeton-de-test"), ("division", "7Z"), ("positionnement", "notes")])
      try await client.execute(
        uri: "/etablissements/0789990K/2025/classes", method: .post, headers: self.form, body: unknown
      ) { response in
        #expect(response.status == .unprocessableContent)
        #expect(String(buffer: response.body).contains("7Z"))
      }
    }
    #expect(try raccord.classes().first { $0.division == "6A" }?.setting?.positioning == .objectifs)
  }

  @Test func theAPIListsReviewsAndRecordsDecisions() async throws {
    try await withClient { client in
      try await client.execute(uri: "/api/schools", method: .get, headers: self.json) { response in
        let schools = try #require(
          try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
        #expect(schools.first?["uai"] as? String == "0789990K")
      }
      try await client.execute(uri: "/api/schools/0789990K/2025/review", method: .get, headers: self.json) { response in
        let review = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        let items = try #require(review["items"] as? [[String: Any]])
        let hg = try #require(items.first { $0["key"] as? String == "HISTOIRE GEOGRAPHIE" })
        #expect((hg["proposed"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["043700", "042100"])
        // Each item names its files and where to correct it; an absent value is written null.
        #expect((hg["sources"] as? [String])?.isEmpty == false)
        #expect((hg["proposed"] as? [[String: Any]])?.allSatisfy { $0["fixIn"] is [String] } == true)
        // The other codes of the programme carry no confidence.
        let alternatives = (hg["proposed"] as? [[String: Any]])?.flatMap {
          $0["alternatives"] as? [[String: Any]] ?? []
        }
        #expect(alternatives?.contains { $0["confidence"] is NSNull && $0["inProgramme"] as? Bool == true } == true)
      }
      try await client.execute(
        uri: "/api/schools/0789990K/2025/decisions", method: .post, headers: self.json,
        body: ByteBuffer(string: #"{"key":"HISTOIRE GEOGRAPHIE","verdict":"accept","note":"vu en conseil"}"#)
      ) { response in
        #expect(response.status == .created)
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        #expect((saved["decisions"] as? [[String: Any]])?.count == 2)
      }
      for (body, fragment) in [
        (#"{"key":"LATIN","verdict":"choose","code":"999999"}"#, "n'est pas dans la nomenclature"),
        (#"{"key":"PAS UNE CLE","verdict":"accept"}"#, "Aucun élément à relire"),
        (#"{"key":"LATIN","verdict":"peut-etre"}"#, "inconnue"),
        (#"pas du json"#, "Corps JSON attendu"),
      ] {
        try await client.execute(
          uri: "/api/schools/0789990K/2025/decisions", method: .post, headers: self.json,
          body: ByteBuffer(string: body)
        ) { response in
          #expect(response.status == .unprocessableContent, "\(body)")
          #expect(String(buffer: response.body).contains(fragment), "\(body)")
        }
      }
    }
    #expect(try raccord.database.decisions(uai: "0789990K").count == 2)
  }

  @Test func downloadsCarryTheDecisions() async throws {
    try raccord.decide(key: "LATIN", code: "020300")
    try await withClient { client in
      try await client.execute(
        uri: "/etablissements/0789990K/2025/telechargements/correspondances.csv", method: .get,
        headers: self.withCookie
      ) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentDisposition]?.contains("correspondances-0789990K-2025.csv") == true)
        let csv = String(buffer: response.body)
        #expect(csv.hasPrefix("\u{FEFF}UAI;"))
        let latin = try #require(csv.split(separator: "\r\n").first { $0.hasSuffix(";LATIN") })
        #expect(latin.contains(";020300;") && latin.contains(";acceptée;"))
      }
      try await client.execute(
        uri: "/etablissements/0789990K/2025/telechargements/lsu-corrige.xml", method: .get, headers: self.withCookie
      ) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body).contains(#"<discipline id="DI_020100F" code="020300""#))
        #expect(String(buffer: response.body).contains(#"libelle="LATIN""#))
        // Streamed from the file written, with its length announced.
        #expect(response.headers[.contentLength] == "\(response.body.readableBytes)")
        #expect(response.headers[.contentDisposition]?.contains("lsu-corrige-0789990K-2025.xml") == true)
      }
      try await client.execute(
        uri: "/etablissements/0789990K/2025/telechargements/lsu-corrige.xml?libelles=nomenclature", method: .get,
        headers: self.withCookie
      ) { response in
        #expect(response.status == .ok)
        #expect(
          String(buffer: response.body).contains(
            #"<discipline id="DI_020100F" code="020300" modalite-election="F" libelle="Langues et cultures de l'Antiquité LATIN"/>"#
          ))
      }
      try await client.execute(
        uri: "/etablissements/0789990K/2025/telechargements/lsu-corrige-modifications.csv?libelles=nomenclature",
        method: .get, headers: self.withCookie
      ) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentDisposition]?.contains("lsu-corrige-modifications-0789990K-2025.csv") == true)
        let csv = String(buffer: response.body)
        #expect(csv.contains("discipline;DI_020100F;"))
        #expect(csv.contains("Langues et cultures de l'Antiquité LATIN"))
      }
      try await client.execute(
        uri: "/etablissements/0789990K/2025/telechargements/lsu-corrige-resume.txt", method: .get,
        headers: self.withCookie
      ) { response in
        #expect(response.status == .ok)
        let text = String(buffer: response.body)
        #expect(text.hasPrefix("Fichier LSU corrigé :\n"))
        #expect(text.contains("À faire :") && text.contains("ENS_9930"))
        #expect(!text.contains("/tmp") && !text.contains(FileManager.default.temporaryDirectory.path))
      }
      try await client.execute(
        uri: "/etablissements/0789990K/2025/telechargements", method: .get, headers: self.withCookie
      ) { response in
        let page = String(buffer: response.body)
        #expect(page.contains(#"name="libelles" value="nomenclature""#))
        #expect(page.contains("/telechargements/lsu-corrige-modifications.csv"))
      }
      for file in ["rapport.html", "rapport.csv", "rapport.json", "correspondances.json"] {
        try await client.execute(
          uri: "/etablissements/0789990K/2025/telechargements/\(file)", method: .get, headers: self.withCookie
        ) { response in
          #expect(response.status == .ok, "\(file)")
          #expect(response.body.readableBytes > 100, "\(file)")
        }
      }
    }
  }

  @Test func aLabelFromAFileIsShownAsText() async throws {
    let csv = folder.appendingPathComponent("services.csv")
    try Data(
      "Classe/Groupe;Matière;Code matière;Nom;Prénom\n3A;<script>alert(1)</script>;;DUPONT;Jeanne\n".utf8
    ).write(to: csv)
    _ = try raccord.importFiles(
      [csv.path], options: ImportOptions(uai: "0789990K", year: 2025), diagnostics: DiagnosticCollector())
    try await withClient { client in
      try await client.execute(
        uri: "/etablissements/0789990K/2025/correspondances", method: .get, headers: self.withCookie
      ) { response in
        let html = String(buffer: response.body)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      }
    }
  }

  static func multipart(_ parts: [(name: String, file: String?, content: String)], boundary: String) -> ByteBuffer {
    var text = ""
    for part in parts {
      text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
      if let file = part.file { text += "; filename=\"\(file)\"\r\nContent-Type: application/octet-stream" }
      text += "\r\n\r\n\(part.content)\r\n"
    }
    return ByteBuffer(string: text + "--\(boundary)--\r\n")
  }

  @Test func aBadUploadIsRefusedAndTheStoreUnchanged() async throws {
    let before = try raccord.database.status()
    let headers = multipartHeaders
    try await withClient { client in
      let truncated = Self.multipart(
        [
          ("token", nil, "jeton-de-test"),
          (
            "fichiers", "../../sts_emp_0789990K_2025.xml",
            "<?xml version=\"1.0\"?>\n<STS_EDT><PARAMETRES><UAJ CODE=\"0789990K\">"
          ),
        ], boundary: "XyZ")
      try await client.execute(uri: "/import", method: .post, headers: headers, body: truncated) { response in
        #expect(response.status == .badRequest)
        let html = String(buffer: response.body)
        #expect(html.contains("sts_emp_0789990K_2025.xml"))
        #expect(html.contains("Rien n&#39;a été importé"))
        #expect(!html.contains("raccord-envoi-"))
      }
      let noToken = Self.multipart([("fichiers", "a.xml", "<x/>")], boundary: "XyZ")
      var anonymous = self.host
      anonymous[.contentType] = "multipart/form-data; boundary=XyZ"
      try await client.execute(uri: "/import", method: .post, headers: anonymous, body: noToken) { response in
        #expect(response.status == .forbidden)
      }
      let empty = Self.multipart([("token", nil, "jeton-de-test")], boundary: "XyZ")
      try await client.execute(uri: "/import", method: .post, headers: headers, body: empty) { response in
        #expect(response.status == .badRequest)
        #expect(String(buffer: response.body).contains("Aucun fichier reçu"))
      }
    }
    #expect(try raccord.database.status() == before)
  }

  @Test func anUploadIsImported() async throws {
    let source = Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/services-pronote.csv")
    var content = try String(data: Data(contentsOf: source), encoding: .windowsCP1252)!
    content += "6A;Chorale;;PRADEL;Étienne;12741;Non\r\n"
    let headers = multipartHeaders
    let body = Self.multipart(
      [
        ("token", nil, "jeton-de-test"), ("uai", nil, "0789990K"), ("annee", nil, "2025"),
        ("fichiers", "services-pronote.csv", content),
      ], boundary: "XyZ")
    try await withClient { client in
      try await client.execute(uri: "/import", method: .post, headers: headers, body: body) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body).contains("Importé : services-pronote.csv"))
      }
      try await client.execute(
        uri: "/etablissements/0789990K/2025/correspondances", method: .get, headers: self.withCookie
      ) { response in
        #expect(String(buffer: response.body).contains("Chorale"))
      }
    }
  }
}
