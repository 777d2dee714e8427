import Exports
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RaccordCore
import RaccordKit
import Store

extension Site {
  func addDownloads(to router: Router<WebContext>) {
    router.get("/etablissements/:uai/:year/telechargements/:file") { request, context in
      let file = try context.parameters.require("file")
      if file.hasPrefix("lsu-corrige") {
        // The export reads what it needs itself: the page's data (all the acquis) is not loaded for it.
        let (uai, year) = try self.schoolYear(context)
        let labels: DisciplineLabels =
          request.uri.queryParameters.get("libelles") == DisciplineLabels.nomenclature.rawValue ? .nomenclature : .file
        switch file {
        case "lsu-corrige.xml", "lsu-corrige-modifications.csv", "lsu-corrige-resume.txt":
          return try await self.correctedLSU(uai: uai, year: year, labels: labels, part: file)
        default:
          throw WebError.notFound("Téléchargement inconnu : \(file)")
        }
      }
      let state = try await self.state(context, checks: file.hasPrefix("rapport"))
      let uai = state.status.uai
      let year = state.status.year.start
      let data: Data
      let type: String
      switch file {
      case "correspondances.csv", "correspondances.json":
        guard let suggestions = state.suggestions else {
          throw WebError.notFound(
            "Pas de table de correspondance : importez d'abord le fichier du logiciel de notes (LSU ou CSV des services)."
          )
        }
        let format: ExportFormat = file.hasSuffix(".csv") ? .csv : .json
        data = try MappingExport.render(suggestions.mappingRows(), format: format)
        type = format == .csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8"
      case "rapport.html", "rapport.csv", "rapport.json":
        guard let checks = state.checks else { throw WebError.notFound(state.checksProblem ?? "Rapport indisponible.") }
        let format = CheckFormat(rawValue: (file as NSString).pathExtension)!
        data = try checks.render(format)
        type =
          ["html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8"][format.rawValue]
          ?? "application/json; charset=utf-8"
      default:
        throw WebError.notFound("Téléchargement inconnu : \(file)")
      }
      let name = file.replacingOccurrences(of: ".", with: "-\(uai)-\(year).")
      return Response(
        status: .ok,
        headers: [
          .contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
        ],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
  }

  /// The corrected LSU file, streamed from a temporary file that is already unlinked: the response
  /// never holds the whole file, and nothing is left on disk whatever becomes of the download. The
  /// list of changes (`lsu-corrige-modifications.csv`) and the summary with what is left to do by
  /// hand (`lsu-corrige-resume.txt`) come from the same export.
  func correctedLSU(uai: String, year: Int, labels: DisciplineLabels, part: String) async throws -> Response {
    let raccord = self.raccord
    let (handle, size, small) = try await SchoolYearCache.blocking { () -> (FileHandle?, Int, Data?) in
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("raccord-lsu-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: folder) }
      let report = try raccord.exportLSU(uai: uai, year: year, directory: folder, labels: labels)
      switch part {
      case "lsu-corrige-modifications.csv": return (nil, 0, try Data(contentsOf: report.changesCSV))
      case "lsu-corrige-resume.txt": return (nil, 0, Data((report.text(withPaths: false) + "\n").utf8))
      default: break
      }
      let handle = try FileHandle(forReadingFrom: report.output)
      let size = try handle.seekToEnd()
      try handle.seek(toOffset: 0)
      return (handle, Int(size), nil)
    }
    let name = part.replacingOccurrences(of: ".", with: "-\(uai)-\(year).")
    guard let handle else {
      let type = part.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8"
      return Response(
        status: .ok,
        headers: [
          .contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
        ],
        body: .init(byteBuffer: ByteBuffer(bytes: small ?? Data())))
    }
    let body = ResponseBody(contentLength: size) { writer in
      defer { try? handle.close() }
      while true {
        let chunk = try await SchoolYearCache.blocking { try handle.read(upToCount: 1 << 17) ?? Data() }
        if chunk.isEmpty { break }
        try await writer.write(ByteBuffer(bytes: chunk))
      }
      try await writer.finish(nil)
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: "application/xml",
        .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
      ],
      body: body)
  }
}
