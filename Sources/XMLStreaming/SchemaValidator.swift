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
    let path = file.standardizedFileURL.path
    AllowedFiles.allow(path)
    return validate { context in xmlSchemaValidateFile(context, path, Int32(XML_PARSE_NONET.rawValue)) }
  }

  /// Runs `validation` (one of libxml2's `xmlSchemaValidate…` calls) in a fresh context and
  /// collects its problems, at most ``limit``.
  fileprivate func validate(_ validation: (xmlSchemaValidCtxtPtr) -> Int32) -> [SchemaProblem] {
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
    let status = validation(context)
    if status != 0 && box.problems.isEmpty {
      box.problems.append(SchemaProblem(line: 0, message: "le fichier n'a pas pu être validé (code \(status))"))
    }
    return box.problems
  }
}

final class ProblemBox {
  var problems: [SchemaProblem] = []
}

extension SchemaValidator {
  /// Starts validating a document that the caller writes piece by piece: the bytes go through a
  /// pipe to libxml2 on a thread of its own, so that producing the document and validating it run
  /// side by side and the document is never read back nor held whole.
  public func streaming() throws(XMLStreamError) -> SchemaStream {
    try SchemaStream(validator: self)
  }

  /// Validates what can be read from `fd` until its end; the descriptor is left open.
  fileprivate func validate(fd: Int32) -> [SchemaProblem] {
    validate { context in
      // The descriptor travels in the context pointer (plus one: a null context is not allowed).
      guard
        let input = xmlParserInputBufferCreateIO(
          { context, buffer, length in
            let fd = Int32(Int(bitPattern: context) - 1)
            while true {
              let count = read(fd, buffer, Int(length))
              if count >= 0 || errno != EINTR { return Int32(count) }
            }
          }, { _ in 0 }, UnsafeMutableRawPointer(bitPattern: Int(fd) + 1), XML_CHAR_ENCODING_NONE)
      else { return -1 }
      // libxml2 frees the input with its parser.
      return xmlSchemaValidateStream(context, input, XML_CHAR_ENCODING_NONE, nil, nil)
    }
  }
}

/// A validation in progress: ``send(_:)`` the document's bytes in order, then ``finish()``.
/// Writing blocks while the validator is behind (the pipe holds about a megabyte): memory stays
/// the same whatever the size of the document.
public final class SchemaStream: @unchecked Sendable {
  private let writeEnd: Int32
  private let done = DispatchSemaphore(value: 0)
  private var problems: [SchemaProblem] = []
  private var finished = false

  fileprivate init(validator: SchemaValidator) throws(XMLStreamError) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else {
      throw .unreadable(file: "(validation)", reason: "tube impossible à créer : \(String(cString: strerror(errno)))")
    }
    #if os(Linux)
      _ = fcntl(ends[1], 1031 /* F_SETPIPE_SZ */, 1 << 20)
    #endif
    let readEnd = ends[0]
    writeEnd = ends[1]
    let validatorBox = UncheckedBox(validator)
    let thread = Thread { [self] in
      problems = validatorBox.value.validate(fd: readEnd)
      // Past a fatal error libxml2 stops reading: drain the rest so that the writer never blocks.
      let size = 1 << 16
      var sink = [UInt8](repeating: 0, count: size)
      while true {
        let count = read(readEnd, &sink, size)
        if count > 0 || (count < 0 && errno == EINTR) { continue }
        break
      }
      close(readEnd)
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Sends the next bytes of the document to the validator.
  public func send(_ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count {
      let count = write(writeEnd, bytes.baseAddress! + offset, bytes.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        return  // the reader is gone: it reports what it found
      }
      offset += count
    }
  }

  /// Ends the document and waits for the validator: the problems found, none when valid.
  public func finish() -> [SchemaProblem] {
    if !finished {
      finished = true
      close(writeEnd)
      done.wait()
    }
    return problems
  }

  deinit { _ = finish() }
}

private struct UncheckedBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
