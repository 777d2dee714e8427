import Foundation
import RaccordCore

/// The curated tables of `Mappings/`: renames and replacements, equivalence groups, label aliases
/// (sourced, and observed in use) and abbreviations.
public struct MappingTables: Sendable {
  public struct Rename: Sendable, Hashable {
    public var oldCode: String
    public var newCode: String
    /// `rename`, `replacement` or `split`.
    public var kind: String
    public var effectiveDate: String?
    public var source: String
    /// The levels the rule applies to (`3e`, `6e`…); empty for every level.
    public var scope: [String] = []
    /// The first day the rule applies (ISO), if a source dates it.
    public var startDate: String? = nil
    /// The last day the rule applies (ISO); `nil` while it still applies.
    public var endDate: String? = nil
    /// `stated` when a source gives the pairing, `inferred` when it is read from dates and labels.
    public var basis: String? = nil

    /// Whether the rule applies on a day (ISO) at a level (`nil`: any level).
    public func applies(on day: String, level: String? = nil) -> Bool {
      if let startDate, day < startDate { return false }
      if let endDate, day > endDate { return false }
      guard let level, !scope.isEmpty else { return true }
      return scope.contains(level)
    }
  }

  public enum AliasTarget: Sendable, Hashable {
    case code(String)
    case group(String)
  }

  public var renames: [Rename] = []
  /// Group name → codes.
  public var groups: [String: [String]] = [:]
  /// Folded alias → target.
  public var aliases: [String: AliasTarget] = [:]
  /// Folded alias → the table it comes from (`label-aliases.csv` or `observed-labels.csv`).
  public var aliasTables: [String: String] = [:]
  public var normalizer = LabelNormalizer()

  public init() {}

  /// The successors of a code (replacement or split), oldest rule first.
  public func successors(of code: String) -> [Rename] {
    renames.filter { $0.oldCode == code && $0.newCode != code }
  }

  /// The groups a code belongs to.
  public func groups(of code: String) -> [String] {
    groups.filter { $0.value.contains(code) }.map(\.key).sorted()
  }

  /// Loads the tables from a `Mappings` folder.
  /// - Throws: ``MappingError`` naming the table and line of a malformed row.
  public static func load(from folder: URL) throws -> MappingTables {
    var tables = MappingTables()
    var abbreviations: [String: String] = [:]
    for row in try read(folder, "abbreviations.csv", ["abbreviation", "expansion"]) {
      abbreviations[LabelNormalizer.fold(row["abbreviation"]!)] = LabelNormalizer.fold(row["expansion"]!)
    }
    tables.normalizer = LabelNormalizer(abbreviations: abbreviations)
    for row in try read(folder, "renames.csv", ["old_code", "new_code", "kind"]) {
      func value(_ column: String) -> String? { row[column].flatMap { $0.isEmpty ? nil : $0 } }
      tables.renames.append(
        Rename(
          oldCode: row["old_code"]!, newCode: row["new_code"]!, kind: row["kind"]!,
          effectiveDate: value("effective_date"), source: row["source"] ?? "",
          scope: (value("scope") ?? "").split(separator: " ").map(String.init),
          startDate: value("start_date"), endDate: value("end_date"), basis: value("basis")))
    }
    for row in try read(folder, "equivalences.csv", ["group", "code"]) {
      tables.groups[row["group"]!, default: []].append(row["code"]!)
    }
    // Aliases sourced from reference documents first; a label only observed in use never overrides them.
    // `observed-labels.csv` may be absent (data folders older than version 2026-12).
    for (file, optional) in [("label-aliases.csv", false), ("observed-labels.csv", true)] {
      if optional && !FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) { continue }
      for row in try read(folder, file, ["alias", "code"]) {
        let key = tables.normalizer.normalize(row["alias"]!)
        guard tables.aliases[key] == nil else { continue }
        let target = row["code"]!
        tables.aliases[key] = target.hasPrefix("group:") ? .group(String(target.dropFirst(6))) : .code(target)
        tables.aliasTables[key] = file
      }
    }
    return tables
  }

  private static func read(_ folder: URL, _ name: String, _ required: [String]) throws -> [[String: String]] {
    let url = folder.appendingPathComponent(name)
    guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
      throw MappingError.missing(file: "Mappings/\(name)")
    }
    let table = CSVTable(text: text, separator: ",")
    for column in required where !table.header.contains(column) {
      throw MappingError.badRow(file: "Mappings/\(name)", line: 1, detail: "la colonne « \(column) » manque")
    }
    return try table.rows.map { row in
      var values: [String: String] = [:]
      for (index, name) in table.header.enumerated() where index < row.fields.count {
        values[name] = row.fields[index].trimmingWhitespace()
      }
      for column in required where (values[column] ?? "").isEmpty {
        throw MappingError.badRow(file: "Mappings/\(name)", line: row.line, detail: "« \(column) » est vide")
      }
      return values
    }
  }
}

public enum MappingError: Error, Equatable, Sendable, LocalizedError {
  case missing(file: String)
  case badRow(file: String, line: Int, detail: String)

  public var errorDescription: String? {
    switch self {
    case .missing(let file): "La table de correspondance « \(file) » est introuvable ou illisible."
    case .badRow(let file, let line, let detail): "La table « \(file) », ligne \(line) : \(detail)."
    }
  }
}
