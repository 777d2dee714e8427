/// A school year, named by the calendar year it starts in (2025 for 2025-2026).
public struct SchoolYear: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public let start: Int

  public init(_ start: Int) { self.start = start }

  /// Parses `2025`, `2025-2026` or `2025/2026`.
  public init?(parsing text: String) {
    let trimmed = text.trimmingWhitespace()
    let head = trimmed.prefix(4)
    guard head.count == 4, let year = Int(head), (1990...2100).contains(year) else { return nil }
    let rest = trimmed.dropFirst(4)
    if !rest.isEmpty {
      guard rest.count == 5, rest.first == "-" || rest.first == "/",
        Int(rest.dropFirst()) == year + 1
      else { return nil }
    }
    start = year
  }

  /// `2025-2026`.
  public var description: String { "\(start)-\(start + 1)" }

  /// The first day of the school year, `YYYY-09-01`.
  public var firstDay: String { "\(start)-09-01" }

  public static func < (lhs: SchoolYear, rhs: SchoolYear) -> Bool { lhs.start < rhs.start }
}
