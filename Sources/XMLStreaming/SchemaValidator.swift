import CLibXML2
import Foundation

/// One problem found by XSD validation (or by the parser, for a file that is not well-formed).
public struct SchemaProblem: Sendable, Hashable, Codable {
  public var line: Int
  public var message: String

  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }
}

/// Validates a file against an XSD with libxml2 (`xmlSchemaValidateFile`, which streams).
/// No network, no external entity: the process-wide loader refuses them.
public final class SchemaValidator {
  private let schema: xmlSchemaPtr
  /// At most this many problems are kept.
  public static let limit = 500

  /// - Throws: ``XMLStreamError/unreadable(file:reason:)`` when the schema cannot be read.
  public init(xsd: URL) throws(XMLStreamError) {
    XMLStreamReader.prepareLibxml2()
    let path = xsd.standardizedFileURL.path
    AllowedFiles.allow(path)
    guard let context = xmlSchemaNewParserCtxt(path) else {
      throw .unreadable(file: xsd.lastPathComponent, reason: "schéma XSD illisible")
    }
    defer { xmlSchemaFreeParserCtxt(context) }
    xmlSchemaSetParserStructuredErrors(context, { _, _ in }, nil)
    guard let schema = xmlSchemaParse(context) else {
      throw .unreadable(file: xsd.lastPathComponent, reason: "schéma XSD invalide")
    }
    self.schema = schema
  }

  deinit { xmlSchemaFree(schema) }

  /// Validates `file`; an empty list means valid.
  public func validate(_ file: URL) -> [SchemaProblem] {
    XMLStreamReader.prepareLibxml2()
    guard let context = xmlSchemaNewValidCtxt(schema) else {
      return [SchemaProblem(line: 0, message: "validation impossible")]
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    let box = ProblemBox()
    xmlSchemaSetValidStructuredErrors(
      context,
      { userData, error in
        guard let userData, let error else { return }
        let box = Unmanaged<ProblemBox>.fromOpaque(userData).takeUnretainedValue()
        guard box.problems.count < SchemaValidator.limit else { return }
        let message =
          error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        box.problems.append(SchemaProblem(line: Int(error.pointee.line), message: message))
      }, Unmanaged.passUnretained(box).toOpaque())
    let path = file.standardizedFileURL.path
    AllowedFiles.allow(path)
    let status = xmlSchemaValidateFile(context, path, Int32(XML_PARSE_NONET.rawValue))
    if status != 0 && box.problems.isEmpty {
      box.problems.append(SchemaProblem(line: 0, message: "le fichier n'a pas pu être validé (code \(status))"))
    }
    return box.problems
  }
}

final class ProblemBox {
  var problems: [SchemaProblem] = []
}
