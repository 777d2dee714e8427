import Exports
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RaccordKit

extension Site {
  func addDownloads(to router: Router<WebContext>) {
    router.get("/etablissements/:uai/:year/telechargements/:file") { _, context in
      let file = try context.parameters.require("file")
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
      case "lsu-corrige.xml":
        let raccord = self.raccord
        data = try await SchoolYearCache.blocking {
          let folder = FileManager.default.temporaryDirectory.appendingPathComponent("raccord-lsu-\(UUID().uuidString)")
          try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
          defer { try? FileManager.default.removeItem(at: folder) }
          let report = try raccord.exportLSU(uai: uai, year: year, directory: folder)
          return try Data(contentsOf: report.output)
        }
        type = "application/xml"
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
}
