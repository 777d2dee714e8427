/// A record-sized element (a `<SERVICE>`, a `<bilan-periodique>`) read whole but flat: its elements in
/// document order, their attributes, and every value's UTF-8 bytes in one buffer. The next record
/// read into it reuses the same storage: reading a file allocates per record, not per element, and
/// a `String` is built only for the values an importer asks for.
///
/// Read it through ``root``; its ``RecordElement`` values are valid until the next record is read.
public final class XMLRecord {
  struct Element {
    var name: String
    var line: Int
    var firstAttribute: Int32
    var attributeEnd: Int32
    var textStart: Int32 = 0
    var textEnd: Int32 = 0
    var firstChild: Int32 = -1
    var nextSibling: Int32 = -1
  }

  struct Attribute {
    var name: String
    var start: Int32
    var end: Int32
  }

  // One thread reads a record at a time (see ``RecordElement``): no dynamic exclusivity checks,
  // which cost as much as the reading itself on this hot path.
  @exclusivity(unchecked) var elements: [Element] = []
  @exclusivity(unchecked) var attributes: [Attribute] = []
  @exclusivity(unchecked) var bytes: [UInt8] = []
  /// While reading: the open elements, each with its last child so far.
  @exclusivity(unchecked) var open: [(element: Int32, lastChild: Int32)] = []

  public init() {
    elements.reserveCapacity(64)
    attributes.reserveCapacity(64)
    bytes.reserveCapacity(4096)
  }

  /// The record's element.
  public var root: RecordElement { RecordElement(record: self, index: 0) }

  func reset() {
    elements.removeAll(keepingCapacity: true)
    attributes.removeAll(keepingCapacity: true)
    bytes.removeAll(keepingCapacity: true)
    open.removeAll(keepingCapacity: true)
  }

  /// Opens an element below the innermost open one (or as the root); attributes follow.
  func openElement(name: String, line: Int) -> Int32 {
    let index = Int32(elements.count)
    let first = Int32(attributes.count)
    elements.append(Element(name: name, line: line, firstAttribute: first, attributeEnd: first))
    if let parent = open.last {
      if parent.lastChild < 0 {
        elements[Int(parent.element)].firstChild = index
      } else {
        elements[Int(parent.lastChild)].nextSibling = index
      }
      open[open.count - 1].lastChild = index
    }
    open.append((index, -1))
    return index
  }

  func closeElement() {
    open.removeLast()
  }

  func addAttribute(name: String, value: UnsafeBufferPointer<UInt8>) {
    let start = Int32(bytes.count)
    bytes.append(contentsOf: value)
    attributes.append(Attribute(name: name, start: start, end: Int32(bytes.count)))
    elements[elements.count - 1].attributeEnd = Int32(attributes.count)
  }

  /// Appends text to the innermost open element (text split by children or CDATA is joined).
  func addText(_ value: UnsafeBufferPointer<UInt8>) {
    guard let current = open.last else { return }
    let index = Int(current.element)
    var element = elements[index]
    if element.textEnd != Int32(bytes.count) || element.textStart == element.textEnd {
      // Not at the end of the buffer any more (a child came between): move the text there first.
      let earlier = Int(element.textStart)..<Int(element.textEnd)
      let start = Int32(bytes.count)
      if !earlier.isEmpty { bytes.append(contentsOf: bytes[earlier]) }
      element.textStart = start
    }
    bytes.append(contentsOf: value)
    element.textEnd = Int32(bytes.count)
    elements[index] = element
  }

  /// The trimmed value in `start..<end`, `nil` when empty.
  func string(_ start: Int32, _ end: Int32) -> String? {
    bytes.withUnsafeBufferPointer { buffer in
      var lower = Int(start)
      var upper = Int(end)
      while lower < upper {
        let byte = buffer[lower]
        if Self.isSpace(byte) {
          lower += 1
        } else if byte == 0xC2, lower + 1 < upper, buffer[lower + 1] == 0xA0 {
          lower += 2
        } else {
          break
        }
      }
      while lower < upper {
        let byte = buffer[upper - 1]
        if Self.isSpace(byte) {
          upper -= 1
        } else if byte == 0xA0, upper - 2 >= lower, buffer[upper - 2] == 0xC2 {
          upper -= 2
        } else {
          break
        }
      }
      guard lower < upper else { return nil }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[lower..<upper]), as: UTF8.self)
    }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}

/// One element of an ``XMLRecord``: what ``XMLNode`` offers, read from the record's buffers.
/// Valid until the next record is read into the same ``XMLRecord``; do not keep it.
public struct RecordElement {
  unowned(unsafe) let record: XMLRecord
  let index: Int32

  init(record: XMLRecord, index: Int32) {
    self.record = record
    self.index = index
  }

  private var element: XMLRecord.Element { record.elements[Int(index)] }

  /// The element's local name.
  public var name: String { element.name }

  /// The line of its opening tag.
  public var line: Int { element.line }

  /// The element's own text, trimmed; `nil` when empty.
  public var text: String? {
    let element = element
    return record.string(element.textStart, element.textEnd)
  }

  /// Its child elements, in order.
  public var children: Children { Children(record: record, first: element.firstChild, name: nil) }

  /// The first child element with that name.
  public func child(_ name: String) -> RecordElement? {
    var next = element.firstChild
    while next >= 0 {
      let candidate = record.elements[Int(next)]
      if candidate.name == name { return RecordElement(record: record, index: next) }
      next = candidate.nextSibling
    }
    return nil
  }

  /// Every child element with that name.
  public func children(_ name: String) -> Children {
    Children(record: record, first: element.firstChild, name: name)
  }

  /// The trimmed text of the first child with that name; `nil` when absent or empty.
  public func value(_ name: String) -> String? {
    child(name)?.text
  }

  /// The elements at the end of the path `first/second` below this one, such as
  /// `MEFS_APPARTENANCE/MEF_APPARTENANCE`, in document order.
  public func descendants(_ first: String, _ second: String) -> Descendants {
    Descendants(outer: children(first), second: second)
  }

  /// The trimmed attribute value; `nil` when absent or empty.
  public func attribute(_ name: String) -> String? {
    let element = element
    var position = Int(element.firstAttribute)
    while position < Int(element.attributeEnd) {
      let attribute = record.attributes[position]
      if attribute.name == name { return record.string(attribute.start, attribute.end) }
      position += 1
    }
    return nil
  }

  /// The elements two levels down along a path of names.
  public struct Descendants: Sequence, IteratorProtocol {
    var outer: Children
    var inner: Children?
    let second: String

    init(outer: Children, second: String) {
      self.outer = outer
      self.second = second
    }

    public mutating func next() -> RecordElement? {
      while true {
        if let found = inner?.next() { return found }
        guard let parent = outer.next() else { return nil }
        inner = parent.children(second)
      }
    }
  }

  /// Child elements, optionally only those with one name.
  public struct Children: Sequence, IteratorProtocol {
    unowned(unsafe) let record: XMLRecord
    var cursor: Int32
    let name: String?

    init(record: XMLRecord, first: Int32, name: String?) {
      self.record = record
      self.cursor = first
      self.name = name
    }

    public mutating func next() -> RecordElement? {
      while cursor >= 0 {
        let index = cursor
        let candidate = record.elements[Int(index)]
        cursor = candidate.nextSibling
        if name == nil || candidate.name == name { return RecordElement(record: record, index: index) }
      }
      return nil
    }
  }
}
