/// An element read whole from the stream: a record such as `<MEF>` or `<SERVICE>`
/// with its children. Only small subtrees are ever materialised.
public struct XMLNode: Sendable, Hashable {
  public var name: String
  public var attributes: XMLAttributes
  public var line: Int
  public var children: [XMLNode]
  /// The element's own text, trimmed; `nil` when empty.
  public var text: String?

  public init(
    name: String, attributes: XMLAttributes = XMLAttributes(), line: Int, children: [XMLNode] = [], text: String? = nil
  ) {
    self.name = name
    self.attributes = attributes
    self.line = line
    self.children = children
    self.text = text
  }

  /// The first child element with that name.
  public func child(_ name: String) -> XMLNode? {
    children.first { $0.name == name }
  }

  /// Every child element with that name.
  public func children(_ name: String) -> [XMLNode] {
    children.filter { $0.name == name }
  }

  /// The trimmed text of the first child with that name; `nil` when absent or empty.
  public func value(_ name: String) -> String? {
    child(name)?.text
  }

  /// Follows a path of child names, e.g. `["MEFS_APPARTENANCE", "MEF_APPARTENANCE"]`, and returns
  /// every element at the end of it.
  public func descendants(_ path: [String]) -> [XMLNode] {
    guard let first = path.first else { return [self] }
    let rest = Array(path.dropFirst())
    return children(first).flatMap { $0.descendants(rest) }
  }

  /// The trimmed attribute value; `nil` when absent or empty.
  public func attribute(_ name: String) -> String? {
    guard let value = attributes[name] else { return nil }
    let trimmed = value.trimmingXMLWhitespace()
    return trimmed.isEmpty ? nil : trimmed
  }
}

/// An element's attributes, in file order. Elements of the exports carry one to three, so a pair
/// of arrays is cheaper than a dictionary.
public struct XMLAttributes: Sendable, Hashable, ExpressibleByDictionaryLiteral {
  public private(set) var names: [String] = []
  public private(set) var values: [String] = []

  public init() {}

  public init(dictionaryLiteral elements: (String, String)...) {
    for (name, value) in elements { append(name, value) }
  }

  mutating func append(_ name: String, _ value: String) {
    names.append(name)
    values.append(value)
  }

  /// The raw value of the attribute, if present.
  public subscript(name: String) -> String? {
    guard let index = names.firstIndex(of: name) else { return nil }
    return values[index]
  }
}

extension String {
  /// Trims spaces, tabs and line ends (and non-breaking spaces, which old exports padded with).
  /// Works on UTF-8 bytes: no grapheme breaking on the hot path.
  func trimmingXMLWhitespace() -> String {
    let bytes = utf8
    guard let first = bytes.first, let last = bytes.last else { return self }
    if !Self.isSpace(first) && !Self.isSpace(last) && first != 0xC2 && last != 0xA0 { return self }
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end {
      let byte = bytes[start]
      if Self.isSpace(byte) {
        start = bytes.index(after: start)
      } else if byte == 0xC2, bytes.index(after: start) < end, bytes[bytes.index(after: start)] == 0xA0 {
        start = bytes.index(start, offsetBy: 2)
      } else {
        break
      }
    }
    while start < end {
      let before = bytes.index(before: end)
      if Self.isSpace(bytes[before]) {
        end = before
      } else if bytes[before] == 0xA0, before > start, bytes[bytes.index(before: before)] == 0xC2 {
        end = bytes.index(before: before)
      } else {
        break
      }
    }
    return String(self[start..<end])
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
