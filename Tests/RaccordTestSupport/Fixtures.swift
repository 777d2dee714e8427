import Foundation
import RaccordCore
import RaccordKit
import Store

/// Locates the repository's folders and the shared reference data from the test sources.
public enum Fixtures {
  /// The repository root (the folder holding `Package.swift`).
  public static let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    fatalError("Package.swift not found above \(#filePath)")
  }()

  /// `Nomenclatures/exemple`: the fictional example school.
  public static var exampleSchool: URL { repositoryRoot.appendingPathComponent("Nomenclatures/exemple") }

  /// `../shared/reference`, beside the repository (present on developer machines and in CI).
  public static var sharedReference: URL {
    repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
  }

  /// The real 2019 SIECLE nomenclature of lycée 0750680G.
  public static var realNomenclature2019: URL {
    sharedReference.appendingPathComponent("sts-siecle/siecle/2019-07_Nomenclature_0750680G_annee2019.xml")
  }

  /// The same, zipped as SIECLE delivers it.
  public static var realNomenclature2019Zip: URL {
    sharedReference.appendingPathComponent("sts-siecle/siecle/2019-07_ExportXML_Nomenclature_0750680G_annee2019.zip")
  }

  /// A fresh temporary folder, removed by the caller with `cleanUp`.
  public static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("raccord-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes `text` into `folder/name` with `encoding` and returns the file.
  @discardableResult
  public static func write(
    _ text: String, named name: String, in folder: URL, encoding: String.Encoding = .utf8
  ) throws -> URL {
    let url = folder.appendingPathComponent(name)
    guard let data = text.data(using: encoding) else { throw FixtureError.unencodable(name) }
    try data.write(to: url)
    return url
  }

  /// Writes raw bytes.
  @discardableResult
  public static func write(bytes: [UInt8], named name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  /// A pipeline on an in-memory store, with the repository as data folder.
  public static func raccord(clock: @escaping @Sendable () -> Date = Date.init) throws -> Raccord {
    Raccord(database: try AppDatabase.inMemory(clock: clock), dataDirectory: repositoryRoot)
  }

  /// A pipeline with the example school imported: on an in-memory store, or on `folder/raccord.sqlite`
  /// when a folder is given (for tests that need files beside the store).
  public static func raccordWithExampleSchool(storedIn folder: URL? = nil) throws -> Raccord {
    let database = try folder.map { try AppDatabase(path: $0.appendingPathComponent("raccord.sqlite").path) }
    let raccord = Raccord(database: try database ?? AppDatabase.inMemory(), dataDirectory: repositoryRoot)
    _ = try raccord.importFiles([exampleSchool.path], diagnostics: DiagnosticCollector())
    return raccord
  }

  /// ISO-8859-15 encodes œ as 0xBD and € as 0xA4, unlike Latin-1; Foundation has no such encoding,
  /// so this converts by hand.
  /// - Throws: ``FixtureError/unencodable(_:)`` for a character ISO-8859-15 does not have.
  public static func iso885915(_ text: String) throws -> Data {
    var bytes: [UInt8] = []
    for scalar in text.unicodeScalars {
      switch scalar {
      case "€": bytes.append(0xA4)
      case "Š": bytes.append(0xA6)
      case "š": bytes.append(0xA8)
      case "Ž": bytes.append(0xB4)
      case "ž": bytes.append(0xB8)
      case "Œ": bytes.append(0xBC)
      case "œ": bytes.append(0xBD)
      case "Ÿ": bytes.append(0xBE)
      default:
        guard scalar.value < 256 else { throw FixtureError.unencodable("\(scalar)") }
        bytes.append(UInt8(scalar.value))
      }
    }
    return Data(bytes)
  }
}

public enum FixtureError: Error {
  case unencodable(String)
}

/// Keeps what an importer emits, for importer tests.
public final class CollectingSink: ImportSink {
  public private(set) var header: FileHeader?
  public private(set) var records: [ImportRecord] = []

  public init() {}

  public func begin(_ header: FileHeader) throws { self.header = header }
  public func add(_ record: ImportRecord) throws { records.append(record) }

  public func count(_ key: String) -> Int { records.filter { $0.countKey == key }.count }
}
