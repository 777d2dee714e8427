import RaccordCore

/// Converts the date and number formats of the exports.
enum Values {
  /// `08/07/2019` → `2019-07-08`; `31/12/9999` (SIECLE's "open") → `nil`.
  static func isoDate(fromSIECLE text: String?) -> String? {
    guard let text else { return nil }
    let parts = text.split(separator: "/")
    guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4 else { return nil }
    if parts[2] == "9999" { return nil }
    return "\(parts[2])-\(parts[1])-\(parts[0])"
  }

  /// `08/07/2019 17:46:24` → `2019-07-08T17:46:24`.
  static func isoTimestamp(fromSIECLE text: String?) -> String? {
    guard let text else { return nil }
    let pieces = text.split(separator: " ", maxSplits: 1)
    guard let day = isoDate(fromSIECLE: pieces.first.map(String.init)) else { return nil }
    if pieces.count == 2 { return "\(day)T\(pieces[1])" }
    return day
  }

  static func int(_ text: String?) -> Int? {
    text.flatMap { Int($0) }
  }

  static func bool(_ text: String?) -> Bool? {
    guard let text else { return nil }
    switch text.uppercased() {
    case "1", "O", "OUI", "TRUE": return true
    case "0", "N", "NON", "FALSE": return false
    default: return nil
    }
  }
}
