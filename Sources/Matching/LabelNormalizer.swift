import Foundation

/// Turns gradebook and nomenclature labels into comparable forms: upper case, no accents,
/// `&` as `ET`, punctuation as spaces, abbreviations expanded (`HIST.` → `HISTOIRE`, `LV1` → `LVA`).
public struct LabelNormalizer: Sendable {
  /// Upper-case folded abbreviation → expansion (one or more words).
  public var abbreviations: [String: String]

  /// Words that carry no meaning for matching.
  static let stopwords: Set<String> = ["DE", "DU", "DES", "LA", "LE", "LES", "L", "D", "ET", "A", "AU", "AUX", "EN"]

  public init(abbreviations: [String: String] = [:]) {
    self.abbreviations = abbreviations
  }

  /// `Hist-Géo & E.M.C.` → `HIST GEO ET E M C`.
  public static func fold(_ text: String) -> String {
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
      .uppercased()
      .replacingOccurrences(of: "Œ", with: "OE").replacingOccurrences(of: "Æ", with: "AE")
    var result = ""
    var lastWasSpace = true
    for scalar in folded.unicodeScalars {
      if scalar == "&" {
        if !lastWasSpace { result.append(" ") }
        result.append("ET ")
        lastWasSpace = true
      } else if CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII {
        result.unicodeScalars.append(scalar)
        lastWasSpace = false
      } else if !lastWasSpace {
        result.append(" ")
        lastWasSpace = true
      }
    }
    return result.trimmingCharacters(in: .whitespaces)
  }

  /// The folded label with each abbreviation expanded, as a string.
  public func normalize(_ text: String) -> String {
    Self.fold(text).split(separator: " ").map { abbreviations[String($0)] ?? String($0) }.joined(separator: " ")
  }

  /// The meaningful words of a label, abbreviations expanded, stop words removed.
  public func tokens(_ text: String) -> Set<String> {
    var tokens: Set<String> = []
    for word in normalize(text).split(separator: " ") where !Self.stopwords.contains(String(word)) {
      tokens.insert(String(word))
    }
    return tokens
  }

  /// Dice similarity of two token sets, from 0 to 1.
  public static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    return 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
  }
}
