import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import NIOCore
import RaccordCore
import RaccordKit
import Store

extension Site {
  func addUploads(to router: Router<WebContext>) {
    router.post("/import") { request, context in
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("raccord-envoi-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: folder) }
      let upload = try await self.receive(request, into: folder)
      guard
        context.tokenVerified
          || (upload.fields["token"] != nil && upload.fields["token"] == self.expectedToken(context))
      else {
        throw WebError.forbidden(AccessMiddleware.refusal)
      }
      // A school account imports only its own school's files.
      var onlySchool: String?
      if context.academyMode, let account = context.session?.account, account.role != .academie {
        onlySchool = account.uai ?? "—"
        if let named = upload.fields["uai"], !named.isEmpty, named.uppercased() != onlySchool {
          throw WebError.forbidden(Self.forbiddenMessage(named.uppercased()))
        }
      }
      guard !upload.files.isEmpty else {
        throw WebError(
          status: .badRequest, message: "Aucun fichier reçu : choisissez au moins un fichier avant d'envoyer.")
      }
      return try await self.importUploaded(upload, folder: folder, onlySchool: onlySchool)
    }
  }

  struct Upload {
    var files: [URL] = []
    var fields: [String: String] = [:]
  }

  /// Streams a `multipart/form-data` body to files in `folder`, never holding a file in memory.
  func receive(_ request: Request, into folder: URL) async throws -> Upload {
    guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
      let boundary = Self.boundary(type)
    else {
      throw WebError(
        status: .badRequest, message: "Envoi mal formé : le formulaire doit être envoyé en multipart/form-data.")
    }
    let limit = configuration.maxUploadBytes
    final class State {
      var upload = Upload()
      var headers: [String: String] = [:]
      var handle: FileHandle?
      var field: [UInt8] = []
      var total = 0
      var tooLarge = false
      var failure: String?
    }
    let state = State()
    let parser = MultipartParser(boundary: boundary)
    parser.onHeader = { name, value in state.headers[name.lowercased()] = value }
    parser.onBody = { buffer in
      state.total += buffer.readableBytes
      if state.total > limit {
        state.tooLarge = true
        return
      }
      let disposition = state.headers["content-disposition"] ?? ""
      if let fileName = Self.parameter("filename", in: disposition) {
        guard !fileName.isEmpty else { return }  // an empty file input
        if state.handle == nil {
          // Each file in its own folder, under its own name, which cannot escape that folder.
          let slot = folder.appendingPathComponent("\(state.upload.files.count)")
          try? FileManager.default.createDirectory(at: slot, withIntermediateDirectories: true)
          let url = slot.appendingPathComponent(Self.safeName(fileName))
          FileManager.default.createFile(atPath: url.path, contents: nil)
          state.handle = FileHandle(forWritingAtPath: url.path)
          state.upload.files.append(url)
        }
        state.handle?.write(Data(buffer.readableBytesView))
      } else if state.field.count < 4096 {
        state.field += buffer.readableBytesView
      }
    }
    parser.onPartComplete = {
      let disposition = state.headers["content-disposition"] ?? ""
      if state.handle != nil {
        try? state.handle?.close()
        state.handle = nil
      } else if let name = Self.parameter("name", in: disposition), Self.parameter("filename", in: disposition) == nil {
        state.upload.fields[name] = String(decoding: state.field, as: UTF8.self)
      }
      state.field = []
      state.headers = [:]
    }
    do {
      for try await chunk in request.body {
        try parser.execute(chunk)
        if state.tooLarge {
          throw WebError(
            status: .contentTooLarge,
            message:
              "Fichier trop volumineux : l'envoi dépasse \(limit / 1_048_576) Mo. Envoyez les fichiers un par un, "
              + "ou relancez « raccord serve » avec --max-upload-mb.")
        }
      }
    } catch let error as WebError {
      try? state.handle?.close()
      throw error
    } catch {
      try? state.handle?.close()
      throw WebError(status: .badRequest, message: "Envoi interrompu ou mal formé : recommencez l'envoi.")
    }
    try? state.handle?.close()
    return state.upload
  }

  /// - Parameter onlySchool: the only school whose files may be imported (a school account's).
  func importUploaded(_ upload: Upload, folder: URL, onlySchool: String? = nil) async throws -> Response {
    let raccord = self.raccord
    let paths = upload.files.map(\.path)
    let options = ImportOptions(
      force: upload.fields["force"] == "1", uai: upload.fields["uai"].flatMap { $0.isEmpty ? nil : $0 } ?? onlySchool,
      year: upload.fields["annee"].flatMap { Int($0) }, onlySchool: onlySchool)
    let outcome: Result<(ImportReport, [Diagnostic]), any Error> = await {
      do {
        return .success(
          try await SchoolYearCache.blocking {
            let diagnostics = DiagnosticCollector()
            let report = try raccord.importFiles(paths, options: options, diagnostics: diagnostics)
            return (report, diagnostics.diagnostics)
          })
      } catch {
        return .failure(error)
      }
    }()
    await cache.invalidate()
    // Name the files as the user sent them, not by their temporary folder.
    func clean(_ text: String) -> String {
      text.replacingOccurrences(
        of: NSRegularExpression.escapedPattern(for: folder.path) + "/[0-9]+/", with: "", options: .regularExpression)
    }
    var values = try await layout(nil, title: "Import", tab: "import")
    switch outcome {
    case .success(let (report, diagnostics)):
      values["reussi"] = true
      values["lignes"] = report.text().split(separator: "\n").map { clean(String($0)) }
      values["remarques"] = diagnostics.map { clean($0.message) }
      if let header = report.files.compactMap(\.header).first {
        values["lien"] = Self.path(header.uai.code, header.year.start)
      } else if let school = try await cache.schools().last(where: { Self.mayAccess($0.uai) }) {
        values["lien"] = Self.path(school.uai, school.year.start)
      }
      return page("import", values)
    case .failure(let error):
      values["erreur"] = clean((error as? any LocalizedError)?.errorDescription ?? "\(error)")
      values["lignes_erreur"] = ["Rien n'a été importé : la base est inchangée."]
      if case .otherSchool = error as? RaccordError { return page("import", values, status: .forbidden) }
      return page("import", values, status: .badRequest)
    }
  }

  static func boundary(_ contentType: String) -> String? {
    guard let value = parameter("boundary", in: contentType), !value.isEmpty, value.count <= 200 else { return nil }
    return value
  }

  /// A parameter of a header value: `form-data; name="x"; filename="y.xml"`.
  static func parameter(_ name: String, in header: String) -> String? {
    for part in header.split(separator: ";") {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
      var value = pair[1].trimmingCharacters(in: .whitespaces)
      if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
      return value
    }
    return nil
  }

  /// The uploaded file's own name, without any folder, so it cannot escape the upload folder.
  static func safeName(_ name: String) -> String {
    let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    let cleaned = String(last.filter { $0 != "\0" }.drop { $0 == "." })
    return cleaned.isEmpty ? "fichier" : cleaned
  }
}
