/// A school's UAI (formerly RNE): 7 digits and a check letter.
public struct UAI: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
  public let code: String

  /// The letters used for the check character: the alphabet without I, O and Q.
  static let checkLetters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")

  /// Validates `code` (case-insensitive, trimmed).
  /// - Throws: ``UAIError`` when the code has the wrong shape or check letter.
  public init(validating raw: String) throws(UAIError) {
    let code = raw.trimmingWhitespace().uppercased()
    guard code.count == 8 else { throw .wrongLength(raw) }
    let digits = code.prefix(7)
    guard let letter = code.last, let number = Int(digits), digits.allSatisfy(\.isASCII),
      digits.allSatisfy(\.isNumber)
    else { throw .wrongShape(raw) }
    let expected = Self.checkLetters[number % 23]
    guard letter == expected else { throw .wrongCheckLetter(raw, expected: expected) }
    self.code = code
  }

  public var description: String { code }

  public static func < (lhs: UAI, rhs: UAI) -> Bool { lhs.code < rhs.code }
}

public enum UAIError: Error, Equatable, Sendable {
  case wrongLength(String)
  case wrongShape(String)
  case wrongCheckLetter(String, expected: Character)

  /// The French explanation.
  public var french: String {
    switch self {
    case .wrongLength(let code):
      "l'UAI « \(code) » doit compter 8 caractères (7 chiffres et une lettre)"
    case .wrongShape(let code):
      "l'UAI « \(code) » doit être formé de 7 chiffres suivis d'une lettre"
    case .wrongCheckLetter(let code, let expected):
      "la lettre clé de l'UAI « \(code) » est fausse : la bonne lettre est « \(expected) »"
    }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line ends.
  public func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
