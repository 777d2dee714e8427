import Foundation
import RaccordCore

/// The formats of the mapping table.
public enum ExportFormat: String, Sendable, CaseIterable, Codable {
  case csv
  case json
}

/// Writes the corrected mapping table.
public enum MappingExport {
  /// - Returns: the file's bytes in `format`.
  public static func render(_ rows: [MappingRow], format: ExportFormat) throws -> Data {
    switch format {
    case .csv:
      return CSVWriter().document(header: MappingRow.headers, rows: rows.map(\.fields))
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      var data = try encoder.encode(rows)
      data.append(0x0A)
      return data
    }
  }
}
