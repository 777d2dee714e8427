/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
  case info
  case warning
  case error

  private var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

  /// The French word shown to users.
  public var label: String {
    switch self {
    case .info: "info"
    case .warning: "attention"
    case .error: "erreur"
    }
  }
}

/// Where in a file something was found.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file name as the user knows it (for a zip entry: `archive.zip:entry.xml`).
  public var file: String
  public var line: Int?
  public var element: String?

  public init(file: String, line: Int? = nil, element: String? = nil) {
    self.file = file
    self.line = line
    self.element = element
  }

  /// `file:line` (`file` alone when the line is unknown).
  public var description: String {
    if let line { return "\(file):\(line)" }
    return file
  }

  /// A French phrase such as `« sts.xml », ligne 12, élément <SERVICE>`.
  public var french: String {
    var text = "« \(file) »"
    if let line { text += ", ligne \(line)" }
    if let element { text += ", élément <\(element)>" }
    return text
  }
}

/// A recoverable problem, reported to the user and not thrown.
public struct Diagnostic: Sendable, Hashable, Codable {
  public var severity: Severity
  /// A stable identifier, e.g. `sts-teacher-unknown`.
  public var id: String
  /// The French message.
  public var message: String
  public var location: SourceLocation?

  public init(_ severity: Severity, id: String, _ message: String, at location: SourceLocation? = nil) {
    self.severity = severity
    self.id = id
    self.message = message
    self.location = location
  }
}

/// Collects diagnostics; thread-safe so that any stage can report.
public final class DiagnosticCollector: @unchecked Sendable {
  private var storage: [Diagnostic] = []
  private let lock = NSLockShim()

  public init() {}

  public func report(_ diagnostic: Diagnostic) {
    lock.withLock { storage.append(diagnostic) }
  }

  public var diagnostics: [Diagnostic] { lock.withLock { storage } }

  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
