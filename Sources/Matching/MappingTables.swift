import Foundation
import RaccordCore

/// The curated tables of `Mappings/`: renames and replacements, equivalence groups, label aliases
/// and abbreviations.
public struct MappingTables: Sendable {
  public struct Rename: Sendable, Hashable {
    public var oldCode: String
    public var newCode: String
    /// `rename`, `replacement` or `split`.
    public var kind: String
    public var effectiveDate: String?
    public var source: String
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
      tables.renames.append(
        Rename(
          oldCode: row["old_code"]!, newCode: row["new_code"]!, kind: row["kind"]!,
          effectiveDate: row["effective_date"].flatMap { $0.isEmpty ? nil : $0 }, source: row["source"] ?? ""))
    }
    for row in try read(folder, "equivalences.csv", ["group", "code"]) {
      tables.groups[row["group"]!, default: []].append(row["code"]!)
    }
    for row in try read(folder, "label-aliases.csv", ["alias", "code"]) {
      let target = row["code"]!
      tables.aliases[tables.normalizer.normalize(row["alias"]!)] =
        target.hasPrefix("group:") ? .group(String(target.dropFirst(6))) : .code(target)
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
