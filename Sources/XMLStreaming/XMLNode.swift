/// An element read whole from the stream: a record such as `<MEF>` or `<SERVICE>`
/// with its children. Only small subtrees are ever materialised.
public struct XMLNode: Sendable, Hashable {
  public var name: String
  public var attributes: [String: String]
  public var line: Int
  public var children: [XMLNode]
  /// The element's own text, trimmed; `nil` when empty.
  public var text: String?

  public init(
    name: String, attributes: [String: String] = [:], line: Int, children: [XMLNode] = [], text: String? = nil
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

extension String {
  /// Trims spaces, tabs and line ends (and non-breaking spaces, which old exports padded with).
  func trimmingXMLWhitespace() -> String {
    var view = Substring(self)
    while let first = view.first, first.isWhitespace { view.removeFirst() }
    while let last = view.last, last.isWhitespace { view.removeLast() }
    return String(view)
  }
}
