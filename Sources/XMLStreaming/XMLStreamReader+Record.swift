import CLibXML2

extension XMLStreamReader {
  /// Reads the rest of the element that `start` opened into `record`, flat, replacing what it held.
  /// The fast path for record-sized elements: no event, node or `String` per element; names are
  /// libxml2's interned ones, values stay UTF-8 bytes until an importer asks for them.
  public func readRecord(_ start: XMLStartElement, into record: XMLRecord) throws(XMLStreamError) {
    record.reset()
    _ = record.openElement(name: start.name, line: start.line)
    for (name, value) in zip(start.attributes.names, start.attributes.values) {
      var value = value
      value.withUTF8 { record.addAttribute(name: name, value: $0) }
    }
    if start.isEmpty {
      pendingEnd = nil
      return
    }
    while let type = try advance() {
      switch type {
      case Self.element:
        guard let node = xmlTextReaderCurrentNode(reader) else { continue }
        let name = node.pointee.name.map { self.name(at: $0) } ?? ""
        let line = Self.line(of: node)
        _ = record.openElement(name: name, line: line)
        var next = node.pointee.properties
        while let attribute = next {
          try add(attribute, of: name, line: line, to: record)
          next = attribute.pointee.next
        }
        if xmlTextReaderIsEmptyElement(reader) == 1 { record.closeElement() }
      case Self.endElement:
        record.closeElement()
        if record.open.isEmpty { return }
      case Self.text, Self.cdata:
        guard let value = xmlTextReaderConstValue(reader) else { continue }
        let length = Int(xmlStrlen(value))
        try checkTextLength(length)
        record.addText(UnsafeBufferPointer(start: value, count: length))
      default:
        continue
      }
    }
    throw .truncated(file: displayName, line: currentLine, detail: "l'élément <\(start.name)> n'est jamais fermé")
  }

  private func add(
    _ attribute: UnsafeMutablePointer<xmlAttr>, of element: String, line: Int, to record: XMLRecord
  ) throws(XMLStreamError) {
    let name = attribute.pointee.name.map { self.name(at: $0) } ?? ""
    if let child = attribute.pointee.children, child.pointee.type == XML_TEXT_NODE, child.pointee.next == nil {
      let value = child.pointee.content.map { UnsafePointer($0) }
      let length = value.map { Int(xmlStrlen($0)) } ?? 0
      try checkAttributeLength(length, name: name, element: element, line: line)
      record.addAttribute(name: name, value: UnsafeBufferPointer(start: value, count: length))
      return
    }
    // A value libxml2 kept in several pieces: joined once.
    guard let joined = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else {
      record.addAttribute(name: name, value: UnsafeBufferPointer(start: nil, count: 0))
      return
    }
    defer { raccord_xmlFree(joined) }
    let length = Int(xmlStrlen(joined))
    try checkAttributeLength(length, name: name, element: element, line: line)
    record.addAttribute(name: name, value: UnsafeBufferPointer(start: joined, count: length))
  }

  /// The line of an element's opening tag (libxml2 keeps lines past 65,535 elsewhere).
  static func line(of node: UnsafeMutablePointer<xmlNode>) -> Int {
    let short = Int(node.pointee.line)
    return short < 65_535 ? short : Int(xmlGetLineNo(node))
  }

  func checkAttributeLengths(of node: UnsafeMutablePointer<xmlNode>) throws(XMLStreamError) {
    var next = node.pointee.properties
    while let attribute = next {
      next = attribute.pointee.next
      guard let child = attribute.pointee.children, let content = child.pointee.content else { continue }
      let length = Int(xmlStrlen(content))
      if length > Self.maximumValueLength {
        try checkAttributeLength(
          length, name: attribute.pointee.name.map { self.name(at: $0) } ?? "",
          element: node.pointee.name.map { self.name(at: $0) } ?? "", line: Self.line(of: node))
      }
    }
  }

  func checkAttributeLength(_ length: Int, name: String, element: String, line: Int) throws(XMLStreamError) {
    guard length > Self.maximumValueLength else { return }
    throw .beyondLimits(
      file: displayName, line: line,
      detail: "la valeur de l'attribut \(name) de <\(element)> est trop longue "
        + "(\(length) octets ; au plus \(Self.maximumValueLength))")
  }

  func checkTextLength(_ length: Int) throws(XMLStreamError) {
    guard length > Self.maximumValueLength else { return }
    throw .beyondLimits(
      file: displayName, line: currentLine,
      detail: "un texte est trop long (\(length) octets ; au plus \(Self.maximumValueLength))")
  }
}
