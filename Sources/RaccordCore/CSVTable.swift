import Foundation

/// A small RFC 4180 reader: quoted fields may hold the separator, quotes (doubled) and line ends.
/// Each row keeps the line it starts on, so that errors can name it.
public struct CSVTable: Sendable {
  public var header: [String]
  public var rows: [(line: Int, fields: [String])]

  /// Parses `text` with `separator`; the first row is the header. A leading BOM is dropped.
  public init(text: String, separator: Character) {
    var rows: [(Int, [String])] = []
    var field = ""
    var fields: [String] = []
    var inQuotes = false
    var line = 1
    var rowStart = 1
    var iterator = Substring(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).makeIterator()
    var pending: Character? = nil
    func endRow() {
      fields.append(field)
      field = ""
      if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowStart, fields)) }
      fields = []
    }
    while let character = pending ?? iterator.next() {
      pending = nil
      if inQuotes {
        if character == "\"" {
          if let following = iterator.next() {
            if following == "\"" {
              field.append("\"")
            } else {
              inQuotes = false
              pending = following
            }
          } else {
            inQuotes = false
          }
        } else {
          if character == "\n" || character == "\r\n" { line += 1 }
          field.append(character)
        }
        continue
      }
      switch character {
      case "\"" where field.isEmpty:
        inQuotes = true
      case separator:
        fields.append(field)
        field = ""
      case "\n", "\r\n", "\r":
        endRow()
        line += 1
        rowStart = line
      default:
        field.append(character)
      }
    }
    if !field.isEmpty || !fields.isEmpty { endRow() }
    header = rows.first?.1.map { $0.trimmingCharacters(in: .whitespaces) } ?? []
    self.rows = Array(rows.dropFirst())
  }
}

extension CSVTable {
  /// Where each known column stands in a table's header, and the values read through it.
  public struct Columns<Key: Hashable & Sendable>: Sendable {
    public let positions: [Key: Int]

    public init(_ positions: [Key: Int]) {
      self.positions = positions
    }

    /// The value of `key` in `fields`, trimmed; `nil` when the column is absent or the value blank.
    /// A line end inside a quoted field (a label typed on two lines) reads as a space.
    public func value(_ fields: [String], _ key: Key) -> String? {
      guard let position = positions[key], position < fields.count else { return nil }
      let field = fields[position]
      let value =
        field.contains(where: \.isNewline)
        ? field.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace()
        : field.trimmingWhitespace()
      return value.isEmpty ? nil : value
    }
  }
}
