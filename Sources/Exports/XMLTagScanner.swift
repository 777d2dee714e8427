import Foundation

/// One piece of an XML document as its bytes stand in the file.
enum XMLPiece {
  /// Character data between tags, unchanged.
  case text([UInt8])
  /// `<name a="v" …>` or `<name … />`.
  case start(XMLStartTag)
  /// `</name>`.
  case end(name: String, bytes: [UInt8])
  /// Comments, CDATA sections, processing instructions and the XML declaration, unchanged.
  case other([UInt8])
}

/// A start tag whose attributes can be read and replaced while every other byte stays as it was.
/// Attributes are parsed only when asked for: most tags of a big file are copied untouched.
struct XMLStartTag {
  var bytes: [UInt8]
  let name: String
  private let nameEnd: Int

  init?(_ bytes: [UInt8]) {
    self.bytes = bytes
    var index = 1
    while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
      bytes[index] != UInt8(ascii: ">")
    {
      index += 1
    }
    guard index > 1 else { return nil }
    name = String(decoding: bytes[1..<index], as: UTF8.self)
    nameEnd = index
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

  /// Whether the tag's bytes contain `text` (a cheap test before reading attributes).
  func contains(_ text: StaticString) -> Bool {
    let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    guard pattern.count <= bytes.count else { return false }
    var index = 0
    let last = bytes.count - pattern.count
    while index <= last {
      if bytes[index] == pattern[0] {
        var offset = 1
        while offset < pattern.count, bytes[index + offset] == pattern[offset] { offset += 1 }
        if offset == pattern.count { return true }
      }
      index += 1
    }
    return false
  }

  /// Attribute names with the range of their value (between the quotes) in `bytes`.
  var attributes: [(name: String, value: Range<Int>)] {
    var result: [(name: String, value: Range<Int>)] = []
    var index = nameEnd
    while index < bytes.count {
      while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
      guard index < bytes.count, bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: ">") else { break }
      let attributeStart = index
      while index < bytes.count, bytes[index] != UInt8(ascii: "="), !Self.isSpace(bytes[index]) { index += 1 }
      let attribute = String(decoding: bytes[attributeStart..<index], as: UTF8.self)
      while index < bytes.count, bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "'") {
        index += 1
      }
      guard index < bytes.count else { break }
      let quote = bytes[index]
      index += 1
      let valueStart = index
      while index < bytes.count, bytes[index] != quote { index += 1 }
      guard index < bytes.count else { break }
      result.append((attribute, valueStart..<index))
      index += 1
    }
    return result
  }

  /// The attribute's value, with the five predefined entities decoded.
  func attribute(_ name: String) -> String? {
    guard let range = attributes.first(where: { $0.name == name })?.value else { return nil }
    return XMLText.unescape(String(decoding: bytes[range], as: UTF8.self))
  }

  /// The attribute's value read in the file's encoding, with entities and character references decoded.
  func attribute(_ name: String, encoding: XMLEncoding) -> String? {
    guard let range = attributes.first(where: { $0.name == name })?.value else { return nil }
    return XMLText.unescape(encoding.decode(bytes[range]))
  }

  /// Replaces an attribute's value (escaped here, for the quote that surrounds it), or adds it at the
  /// end. With `asciiOnly`, characters beyond ASCII are written as character references, so that the
  /// value is right whatever the file's encoding.
  mutating func set(_ name: String, _ value: String, asciiOnly: Bool = false) {
    if let range = attributes.first(where: { $0.name == name })?.value {
      let quote: Character = bytes[range.lowerBound - 1] == UInt8(ascii: "'") ? "'" : "\""
      bytes.replaceSubrange(range, with: Array(XMLText.escape(value, quote: quote, asciiOnly: asciiOnly).utf8))
    } else {
      let escaped = Array(XMLText.escape(value, asciiOnly: asciiOnly).utf8)
      var insertAt = bytes.count - 1
      if bytes[insertAt - 1] == UInt8(ascii: "/") { insertAt -= 1 }
      bytes.insert(contentsOf: Array(" \(name)=\"".utf8) + escaped + [UInt8(ascii: "\"")], at: insertAt)
    }
  }
}

/// The encoding an XML declaration names: what the rewrite needs to read a value and to know
/// whether it may write characters beyond ASCII as they are.
enum XMLEncoding: Sendable, Equatable {
  case utf8
  /// ISO-8859-1 or -15, Windows-1252: one byte a character.
  case latin(String)
  case other(String)

  /// From the bytes of `<?xml … encoding="…"?>`; UTF-8 when the declaration names none.
  init(declaration: [UInt8]) {
    let text = String(decoding: declaration, as: UTF8.self)
    guard let range = text.range(of: "encoding=") else {
      self = .utf8
      return
    }
    let value = text[range.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }.uppercased()
    switch value {
    case "UTF-8", "UTF8": self = .utf8
    case "ISO-8859-1", "ISO-8859-15", "LATIN1", "WINDOWS-1252", "CP1252": self = .latin(value)
    default: self = .other(value)
    }
  }

  var isUnicode: Bool { self == .utf8 }

  func decode(_ bytes: ArraySlice<UInt8>) -> String {
    switch self {
    case .utf8, .other: return String(decoding: bytes, as: UTF8.self)
    case .latin(let name):
      // ISO-8859-15 differs from Latin-1 in eight characters; Windows-1252 is read as Latin-1 here.
      let euro: [UInt8: Character] =
        name == "ISO-8859-15"
        ? [0xA4: "€", 0xA6: "Š", 0xA8: "š", 0xB4: "Ž", 0xB8: "ž", 0xBC: "Œ", 0xBD: "œ", 0xBE: "Ÿ"] : [:]
      return String(bytes.map { euro[$0] ?? Character(Unicode.Scalar($0)) })
    }
  }
}

public enum XMLText {
  /// `text` as an attribute value between `quote`s (or as character data): markup characters,
  /// the quote and line breaks or tabs (which attribute normalisation would turn into spaces) are
  /// written as references; with `asciiOnly`, every character beyond ASCII too.
  public static func escape(_ text: String, quote: Character = "\"", asciiOnly: Bool = false) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where quote == "\"": out += "&quot;"
      case "'" where quote == "'": out += "&apos;"
      case "\t", "\n", "\r": out += "&#\(scalar.value);"
      default:
        if asciiOnly, scalar.value > 0x7F {
          out += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// Decodes the five predefined entities and character references.
  static func unescape(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
      let name = rest[rest.index(after: amp)..<semicolon]
      let named: [Substring: String] = ["lt": "<", "gt": ">", "quot": "\"", "apos": "'", "amp": "&"]
      if let value = named[name] {
        out += value
      } else if name.hasPrefix("#"),
        let number = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : UInt32(name.dropFirst()),
        let scalar = Unicode.Scalar(number)
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += rest[amp...semicolon]
      }
      rest = rest[rest.index(after: semicolon)...]
    }
    return out + rest
  }
}

/// Splits a well-formed XML document into pieces, reading it in chunks: the file is never held
/// whole in memory, and concatenating the pieces gives back its exact bytes.
struct XMLTagScanner {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var position = 0
  private var finished = false

  init(url: URL) throws {
    handle = try FileHandle(forReadingFrom: url)
  }

  private mutating func fill() -> Bool {
    guard !finished else { return false }
    let chunk = handle.readData(ofLength: 1 << 16)
    if chunk.isEmpty {
      finished = true
      return false
    }
    if position > 0 {
      buffer.removeFirst(position)
      position = 0
    }
    buffer.append(contentsOf: chunk)
    return true
  }

  /// The index of `pattern` at or after `from`, reading more of the file as needed. Indices are
  /// those of the buffer after any reading (reading drops the bytes before `position`).
  private mutating func find(_ pattern: [UInt8], from: Int) -> Int? {
    var searched = from - position  // relative to `position`, which reading moves to 0
    while true {
      let last = buffer.count - pattern.count
      var index = position + searched
      while index <= last {
        if buffer[index] == pattern[0] {
          var matches = true
          for offset in 1..<pattern.count where buffer[index + offset] != pattern[offset] {
            matches = false
            break
          }
          if matches { return index }
        }
        index += 1
      }
      searched = max(searched, last + 1 - position)
      guard fill() else { return nil }
    }
  }

  /// The end of a tag: the `>` outside quoted attribute values.
  private mutating func tagEnd(from: Int) -> Int? {
    var scanned = from - position
    var quote: UInt8 = 0
    while true {
      var index = position + scanned
      while index < buffer.count {
        let byte = buffer[index]
        if quote != 0 {
          if byte == quote { quote = 0 }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: ">") {
          return index
        }
        index += 1
      }
      scanned = index - position
      guard fill() else { return nil }
    }
  }

  private static let lessThan: [UInt8] = [UInt8(ascii: "<")]
  private static let commentStart = Array("<!--".utf8)
  private static let commentEnd = Array("-->".utf8)
  private static let cdataStart = Array("<![CDATA[".utf8)
  private static let cdataEnd = Array("]]>".utf8)
  private static let instructionStart = Array("<?".utf8)
  private static let instructionEnd = Array("?>".utf8)

  /// The next piece, or `nil` at the end of the file.
  mutating func next() throws -> XMLPiece? {
    if position >= buffer.count, !fill() { return nil }
    if buffer[position] != UInt8(ascii: "<") {
      let end = find(Self.lessThan, from: position) ?? buffer.count
      let text = Array(buffer[position..<end])
      position = end
      return .text(text)
    }
    while buffer.count - position < 9, fill() {}
    let head = buffer[position..<min(buffer.count, position + 9)]
    func take(through end: Int) -> [UInt8] {
      let bytes = Array(buffer[position...end])
      position = end + 1
      return bytes
    }
    if head.starts(with: Self.commentStart) {
      guard let end = find(Self.commentEnd, from: position + 4) else { throw LSUExportError.truncated }
      return .other(take(through: end + 2))
    }
    if head.starts(with: Self.cdataStart) {
      guard let end = find(Self.cdataEnd, from: position + 9) else { throw LSUExportError.truncated }
      return .other(take(through: end + 2))
    }
    if head.starts(with: Self.instructionStart) {
      guard let end = find(Self.instructionEnd, from: position + 2) else { throw LSUExportError.truncated }
      return .other(take(through: end + 1))
    }
    guard let end = tagEnd(from: position + 1) else { throw LSUExportError.truncated }
    let bytes = take(through: end)
    if bytes.count > 1, bytes[1] == UInt8(ascii: "/") {
      let name = String(decoding: bytes[2..<(bytes.count - 1)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
      return .end(name: name, bytes: bytes)
    }
    if bytes.count > 1, bytes[1] == UInt8(ascii: "!") { return .other(bytes) }
    guard let tag = XMLStartTag(bytes) else { throw LSUExportError.truncated }
    return .start(tag)
  }
}
