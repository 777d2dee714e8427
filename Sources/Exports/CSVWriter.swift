import Foundation

/// Writes RFC 4180 CSV the way Excel opens cleanly in France: `;`, UTF-8 with BOM, CRLF.
public struct CSVWriter: Sendable {
  public var separator: Character = ";"
  public var byteOrderMark = true
  public var lineEnd = "\r\n"

  public init() {}

  /// Quotes a field when it holds the separator, a quote, CR or LF; doubles inner quotes. A field
  /// a spreadsheet would run as a formula (first character `=`, `+`, `-`, `@`, tab or CR: the
  /// usual CSV-injection rule) is prefixed with `'`, so it shows as the text it is.
  public func quote(_ field: String) -> String {
    let field = Self.neutralized(field)
    let needsQuotes = field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r")
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func neutralized(_ field: String) -> String {
    guard let first = field.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return field }
    return "'" + field
  }

  /// The whole document: header then rows.
  public func document(header: [String], rows: [[String]]) -> Data {
    var text = byteOrderMark ? "\u{FEFF}" : ""
    for row in [header] + rows {
      text += row.map(quote).joined(separator: String(separator)) + lineEnd
    }
    return Data(text.utf8)
  }
}
