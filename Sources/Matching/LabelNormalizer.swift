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

  /// `Hist-Géo & E.M.C.` → `HIST GEO ET E M C`: upper case, accents and ligatures folded
  /// (`œ` → `OE`, `ß` → `SS`), `&` as `ET`, any other character as a word separator.
  public static func fold(_ text: String) -> String {
    var result: [UInt8] = []
    result.reserveCapacity(text.utf8.count)
    var lastWasSpace = true
    func append(_ byte: UInt8) {
      switch byte {
      case UInt8(ascii: "&"):
        if !lastWasSpace { result.append(0x20) }
        result.append(contentsOf: [UInt8(ascii: "E"), UInt8(ascii: "T"), 0x20])
        lastWasSpace = true
      case UInt8(ascii: "a")...UInt8(ascii: "z"):
        result.append(byte - 0x20)
        lastWasSpace = false
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        result.append(byte)
        lastWasSpace = false
      default:
        if !lastWasSpace {
          result.append(0x20)
          lastWasSpace = true
        }
      }
    }
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        append(UInt8(scalar.value))
      } else if scalar.properties.generalCategory == .nonspacingMark {
        continue  // a combining accent: `e` + U+0301 is `E`
      } else {
        let folded = scalar.value <= latinFolds.upperBound ? latinFolds.folds[Int(scalar.value) - 0x80] : fold(scalar)
        // What is still not ASCII after folding separates words.
        for part in folded.unicodeScalars { append(part.isASCII ? UInt8(part.value) : 0) }
      }
    }
    if result.last == 0x20 { result.removeLast() }
    return String(decoding: result, as: UTF8.self)
  }

  /// One character folded by Foundation: accents off, upper case, `Œ`/`Æ` spelt out.
  private static func fold(_ scalar: Unicode.Scalar) -> String {
    String(Character(scalar)).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
      .replacingOccurrences(of: "Œ", with: "OE").replacingOccurrences(of: "Æ", with: "AE")
  }

  /// The Latin-1 and Latin Extended scalars (U+0080–U+024F), folded once: labels are folded by
  /// the thousand, and Foundation's folding of a whole string is slow.
  private static let latinFolds: (folds: [String], upperBound: UInt32) = (
    (0x80...0x24F).map { Unicode.Scalar($0).map(fold) ?? "" }, 0x24F
  )

  /// The folded label with each abbreviation expanded, as a string.
  public func normalize(_ text: String) -> String {
    Self.fold(text).split(separator: " ").map { abbreviations[String($0)] ?? String($0) }.joined(separator: " ")
  }

  /// The meaningful words of a label, abbreviations expanded, stop words removed.
  public func tokens(_ text: String) -> Set<String> {
    var tokens: Set<String> = []
    for folded in Self.fold(text).split(separator: " ") {
      let word = String(folded)
      guard let expansion = abbreviations[word] else {
        if !Self.stopwords.contains(word) { tokens.insert(word) }
        continue
      }
      for part in expansion.split(separator: " ") where !Self.stopwords.contains(String(part)) {
        tokens.insert(String(part))
      }
    }
    return tokens
  }

  /// ``normalize(_:)`` and ``tokens(_:)`` of one label, folded and split once.
  public func normalizedAndTokens(_ text: String) -> (normalized: String, tokens: Set<String>) {
    var words: [String] = []
    var tokens: Set<String> = []
    for folded in Self.fold(text).split(separator: " ") {
      let word = String(folded)
      guard let expansion = abbreviations[word] else {
        words.append(word)
        if !Self.stopwords.contains(word) { tokens.insert(word) }
        continue
      }
      words.append(expansion)
      for part in expansion.split(separator: " ") where !Self.stopwords.contains(String(part)) {
        tokens.insert(String(part))
      }
    }
    return (words.joined(separator: " "), tokens)
  }

  /// Dice similarity of two token sets, from 0 to 1.
  public static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    return 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
  }
}
