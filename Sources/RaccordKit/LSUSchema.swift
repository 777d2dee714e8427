import Foundation
import XMLStreaming

/// The LSU import schemas (collège) shipped in `Nomenclatures/lsu/`.
public enum LSUSchema: String, Sendable, CaseIterable {
  case v2 = "2.0"
  case v3 = "3.0"
  case v7 = "7.0"
  case v10 = "10.0"

  /// The only version LSU accepts today.
  public static let current = LSUSchema.v10

  public var fileName: String {
    switch self {
    case .v2: "lsu-2d_v2.0_2017-02.xsd"
    case .v3: "lsu-2d_v3.0_2020-03.xsd"
    case .v7: "lsu-2d_v7.0_2023-12.xsd"
    case .v10: "lsu-2d_v10.0_2025-08.xsd"
    }
  }
}

extension Raccord {
  /// A validator for one schema version; `nil` without a data folder.
  func lsuValidator(version: LSUSchema) throws -> SchemaValidator? {
    guard let dataDirectory else { return nil }
    return try SchemaValidator(
      xsd: DataDirectory.nomenclatures(in: dataDirectory).appendingPathComponent("lsu/\(version.fileName)"))
  }

  /// Validates an LSU file against a bundled schema.
  public func validateLSU(_ file: URL, version: LSUSchema) throws -> [SchemaProblem] {
    guard let validator = try lsuValidator(version: version) else {
      throw RaccordError.dataDirectoryNotFound(tried: [])
    }
    return validator.validate(file)
  }
}
