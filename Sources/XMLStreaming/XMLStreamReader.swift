import CLibXML2
import Foundation

/// What the stream yields.
public enum XMLEvent: Sendable, Equatable {
  case start(XMLStartElement)
  case end(name: String)
  case text(String)
}

/// An opening tag, with its attributes and line.
public struct XMLStartElement: Sendable, Equatable {
  public var name: String
  public var attributes: XMLAttributes
  public var line: Int
  public var isEmpty: Bool
}

/// A pull reader over libxml2's `xmlTextReader`: constant memory, whatever the file size.
///
/// Safety: no network, no DTD loading, no entity substitution, an external entity loader
/// that loads nothing, and any `<!DOCTYPE>` refused. libxml2 prints nothing: its errors
/// become ``XMLStreamError`` values naming the file and the line.
public final class XMLStreamReader {
  /// The name shown to users in messages.
  public let displayName: String
  private let url: URL
  let reader: xmlTextReaderPtr
  private let errorBox = ErrorBox()
  @exclusivity(unchecked) private var nameCache: [UnsafePointer<xmlChar>: String] = [:]
  /// The names met last, by a hash of their interned address: most lookups stop here.
  @exclusivity(unchecked) private var recentNames = [(pointer: UnsafePointer<xmlChar>?, name: String)](
    repeating: (nil, ""), count: 256)
  private let totalBytes: Int64
  private let progress: ((Double) -> Void)?
  @exclusivity(unchecked) private var nodesSinceProgress = 0
  @exclusivity(unchecked) var pendingEnd: String?

  /// The longest attribute value or text Raccord reads, in bytes: far above any real value
  /// (a libellé, an appréciation), far below what would fill the store with one field.
  public static let maximumValueLength = 1 << 16

  static let parseOptions: Int32 = {
    let options: [xmlParserOption] = [XML_PARSE_NONET, XML_PARSE_NOBLANKS, XML_PARSE_BIG_LINES, XML_PARSE_COMPACT]
    return options.reduce(Int32(0)) { $0 | Int32($1.rawValue) }
  }()

  /// Opens a file for streaming.
  /// - Parameters:
  ///   - url: the file to read.
  ///   - displayName: how the file is named in messages (defaults to its last path component).
  ///   - progress: called now and then with the fraction of the file read, from 0 to 1.
  /// - Throws: ``XMLStreamError/unreadable(file:reason:)`` or ``XMLStreamError/empty(file:)``.
  public init(url: URL, displayName: String? = nil, progress: ((Double) -> Void)? = nil) throws(XMLStreamError) {
    let name = displayName ?? url.lastPathComponent
    self.displayName = name
    self.url = url
    self.progress = progress
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    } catch {
      throw .unreadable(file: name, reason: "le fichier est introuvable ou illisible")
    }
    if attributes[.type] as? FileAttributeType == .typeDirectory {
      throw .unreadable(file: name, reason: "c'est un dossier, pas un fichier")
    }
    totalBytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
    if totalBytes == 0 || (totalBytes < 4096 && Self.isBlank(url)) { throw .empty(file: name) }
    Self.prepareLibxml2()
    guard let reader = xmlReaderForFile(url.path, nil, Self.parseOptions) else {
      throw .unreadable(file: name, reason: "libxml2 n'a pas pu l'ouvrir")
    }
    self.reader = reader
    xmlTextReaderSetStructuredErrorHandler(
      reader,
      { context, error in
        guard let context, let error else { return }
        Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
      },
      Unmanaged.passUnretained(errorBox).toOpaque())
  }

  deinit {
    xmlFreeTextReader(reader)
  }

  private static func isBlank(_ url: URL) -> Bool {
    guard let data = try? Data(contentsOf: url) else { return false }
    return data.allSatisfy { [0x20, 0x09, 0x0A, 0x0D, 0x00].contains($0) }
  }

  private static let processSetup: Void = {
    xmlInitParser()
    xmlSetExternalEntityLoader { url, _, context in
      // Only the files Raccord itself names (bundled XSDs, files being validated): no other file,
      // no network, no external entity.
      guard let url else { return nil }
      var path = String(cString: url)
      if path.hasPrefix("file://") { path.removeFirst(7) }
      guard AllowedFiles.contains(path) else { return nil }
      return xmlNewInputFromFile(context, path)
    }
  }()

  public static func prepareLibxml2() {
    _ = processSetup
    raccord_silenceLibxml2()
  }

  /// The line the parser has reached.
  public var currentLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

  /// Reads up to the root element and returns it.
  /// - Throws: ``XMLStreamError`` when the file has no root element or is not XML.
  public func root() throws(XMLStreamError) -> XMLStartElement {
    while let event = try next() {
      if case .start(let element) = event { return element }
    }
    throw .empty(file: displayName)
  }

  /// Moves to the next node and returns its type, or `nil` at the end of the document.
  /// Refuses a `<!DOCTYPE>` and entity references wherever they are.
  func advance() throws(XMLStreamError) -> Int32? {
    let status = xmlTextReaderRead(reader)
    if status == 0 { return nil }
    if status < 0 { throw currentError() }
    nodesSinceProgress += 1
    if nodesSinceProgress >= 8192, let progress, totalBytes > 0 {
      nodesSinceProgress = 0
      progress(min(1, Double(xmlTextReaderByteConsumed(reader)) / Double(totalBytes)))
    }
    let type = xmlTextReaderNodeType(reader)
    switch type {
    case Self.documentType:
      throw .doctypeForbidden(file: displayName, line: currentLine)
    case Self.entityReference:
      throw .entityForbidden(file: displayName, line: currentLine, name: internedName())
    default:
      return type
    }
  }

  static let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)
  static let endElement = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
  static let text = Int32(XML_READER_TYPE_TEXT.rawValue)
  static let cdata = Int32(XML_READER_TYPE_CDATA.rawValue)
  static let documentType = Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
  static let entityReference = Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)

  /// The next event, or `nil` at the end of the document.
  public func next() throws(XMLStreamError) -> XMLEvent? {
    if let name = pendingEnd {
      pendingEnd = nil
      return .end(name: name)
    }
    while let type = try advance() {
      switch type {
      case Int32(XML_READER_TYPE_ELEMENT.rawValue):
        let name = internedName()
        let line = Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader)))
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        var attributes = XMLAttributes()
        if xmlTextReaderHasAttributes(reader) == 1 {
          while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let attributeName = internedName()
            let value = string(xmlTextReaderConstValue(reader)) ?? ""
            if value.utf8.count > Self.maximumValueLength {
              throw .beyondLimits(
                file: displayName, line: line,
                detail: "la valeur de l'attribut \(attributeName) de <\(name)> est trop longue "
                  + "(\(value.utf8.count) octets ; au plus \(Self.maximumValueLength))")
            }
            attributes.append(attributeName, value)
          }
          xmlTextReaderMoveToElement(reader)
        }
        if isEmpty { pendingEnd = name }
        return .start(XMLStartElement(name: name, attributes: attributes, line: line, isEmpty: isEmpty))
      case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
        return .end(name: internedName())
      case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
        let text = string(xmlTextReaderConstValue(reader)) ?? ""
        if text.utf8.count > Self.maximumValueLength {
          throw .beyondLimits(
            file: displayName, line: currentLine,
            detail: "un texte est trop long (\(text.utf8.count) octets ; au plus \(Self.maximumValueLength))")
        }
        return .text(text)
      default:
        continue
      }
    }
    return nil
  }

  /// Reads the rest of the element that `start` opened and returns it whole.
  /// Use it for record-sized elements only.
  public func readElement(_ start: XMLStartElement) throws(XMLStreamError) -> XMLNode {
    var node = XMLNode(name: start.name, attributes: start.attributes, line: start.line)
    var text: String?
    while let event = try next() {
      switch event {
      case .start(let child):
        node.children.append(try readElement(child))
      case .text(let value):
        if text == nil { text = value } else { text! += value }
      case .end:
        if let trimmed = text?.trimmingXMLWhitespace(), !trimmed.isEmpty { node.text = trimmed }
        return node
      }
    }
    throw .truncated(file: displayName, line: currentLine, detail: "l'élément <\(start.name)> n'est jamais fermé")
  }

  /// Reads to the end of the element that `start` opened, keeping nothing (no event is built, but
  /// the limits on values still hold).
  public func skipElement(_ start: XMLStartElement) throws(XMLStreamError) {
    if start.isEmpty {
      pendingEnd = nil
      return
    }
    var depth = 1
    while let type = try advance() {
      switch type {
      case Self.element:
        guard let node = xmlTextReaderCurrentNode(reader) else { continue }
        try checkAttributeLengths(of: node)
        if xmlTextReaderIsEmptyElement(reader) != 1 { depth += 1 }
      case Self.endElement:
        depth -= 1
        if depth == 0 { return }
      case Self.text, Self.cdata:
        if let value = xmlTextReaderConstValue(reader) { try checkTextLength(Int(xmlStrlen(value))) }
      default:
        continue
      }
    }
    throw .truncated(file: displayName, line: currentLine, detail: "l'élément <\(start.name)> n'est jamais fermé")
  }

  /// Reads to the end of the document, so that a truncated or malformed tail is reported.
  public func drain() throws(XMLStreamError) {
    while try next() != nil {}
  }

  private func internedName() -> String {
    guard let pointer = xmlTextReaderConstLocalName(reader) else { return "" }
    return name(at: pointer)
  }

  /// The name libxml2 interned at `pointer` (names live in the reader's dictionary as long as it does).
  func name(at pointer: UnsafePointer<xmlChar>) -> String {
    let slot = (Int(bitPattern: pointer) >> 3) & 255
    if let recent = recentNames[slot].pointer, recent == pointer { return recentNames[slot].name }
    let name: String
    if let cached = nameCache[pointer] {
      name = cached
    } else {
      name = String(cString: pointer)
      nameCache[pointer] = name
    }
    recentNames[slot] = (pointer, name)
    return name
  }

  private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  private func currentError() -> XMLStreamError {
    guard let error = errorBox.first else {
      return .malformed(file: displayName, line: currentLine, detail: "erreur de lecture inconnue")
    }
    let converted = XMLStreamError.from(error, file: displayName)
    if case .malformed(let file, let line, let detail) = converted, line >= lastLineNumber() {
      // An error on the very last line of the file: the file was cut short.
      return .truncated(file: file, line: line, detail: "le fichier s'arrête au milieu d'un élément (\(detail))")
    }
    return converted
  }

  /// The number of the file's last line that holds something (read only after an error).
  private func lastLineNumber() -> Int {
    guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return .max }
    var lines = 1
    var lastContent = 1
    for byte in data {
      if byte == 0x0A {
        lines += 1
      } else if byte != 0x20 && byte != 0x0D && byte != 0x09 {
        lastContent = lines
      }
    }
    return lastContent
  }
}

/// The local files libxml2's loader may open.
enum AllowedFiles {
  nonisolated(unsafe) private static var paths: Set<String> = []
  private static let lock = NSLock()

  static func allow(_ path: String) {
    lock.lock()
    defer { lock.unlock() }
    paths.insert(path)
  }

  static func contains(_ path: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return paths.contains(path)
  }
}

/// The first error libxml2 reported for one reader.
final class ErrorBox {
  struct Captured {
    var code: Int
    var line: Int
    var message: String
    var argument: String?
  }

  private(set) var first: Captured?

  func record(_ error: xmlError) {
    guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let message = error.message.map { String(cString: $0) } ?? ""
    let argument = error.str1.map { String(cString: $0) }
    first = Captured(
      code: Int(error.code), line: Int(error.line),
      message: message.trimmingXMLWhitespace(), argument: argument)
  }
}

extension XMLStreamError {
  static func from(_ error: ErrorBox.Captured, file: String) -> XMLStreamError {
    let line = max(error.line, 1)
    let technical = " (message de libxml2 : « \(error.message) »)"
    switch xmlParserErrors(rawValue: UInt32(error.code)) {
    case XML_ERR_DOCUMENT_EMPTY:
      return .malformed(
        file: file, line: line, detail: "aucune balise XML n'a été trouvée : ce fichier n'est pas un fichier XML")
    case XML_ERR_UNSUPPORTED_ENCODING, XML_ERR_UNKNOWN_ENCODING:
      let name = error.argument.map { "« \($0.trimmingXMLWhitespace()) »" } ?? "déclaré"
      return .encoding(file: file, line: line, detail: "l'encodage \(name) n'est pas pris en charge" + technical)
    case XML_ERR_INVALID_CHAR, XML_ERR_INVALID_ENCODING:
      return .encoding(
        file: file, line: line,
        detail: "des octets ne correspondent pas à l'encodage déclaré (ou à UTF-8 quand aucun n'est déclaré)"
          + technical)
    case XML_ERR_TAG_NOT_FINISHED, XML_ERR_LTSLASH_REQUIRED:
      return .truncated(file: file, line: line, detail: "un élément n'est jamais fermé" + technical)
    case XML_ERR_DOCUMENT_END, XML_ERR_EXTRA_CONTENT:
      return .malformed(file: file, line: line, detail: "du contenu suit la fin du document" + technical)
    case XML_ERR_TAG_NAME_MISMATCH:
      return .malformed(
        file: file, line: line, detail: "une balise fermante ne correspond pas à la balise ouverte" + technical)
    case XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY, XML_ERR_ENTITY_LOOP, XML_ERR_ENTITY_PROCESSING:
      return .entityForbidden(file: file, line: line, name: error.argument ?? "?")
    case XML_ERR_DOCUMENT_START:
      return .malformed(file: file, line: line, detail: "le fichier ne commence pas par du XML" + technical)
    default:
      if error.message.contains("Excessive depth") {
        return .beyondLimits(
          file: file, line: line,
          detail: "des éléments sont imbriqués sur plus de 256 niveaux (un export officiel en a moins de 10)")
      }
      if error.message.contains("Premature end of data") || error.message.contains("EndTag") {
        return .truncated(file: file, line: line, detail: "un élément n'est jamais fermé" + technical)
      }
      return .malformed(file: file, line: line, detail: "erreur de syntaxe XML" + technical)
    }
  }
}
