import Foundation

/// Finds the folder that holds `Nomenclatures/` and `Mappings/`.
public enum DataDirectory {
  /// Looks, in order, at `explicit`, `RACCORD_DATA_DIR`, the current folder, the resource bundle
  /// next to the executable (``bundleName``: what `swift build` writes and what an installed
  /// `raccord` carries) and the folders above the executable.
  /// - Throws: ``RaccordError/dataDirectoryNotFound(tried:)``.
  public static func locate(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    executable: String = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
  ) throws -> URL {
    var candidates: [URL] = []
    if let explicit {
      candidates.append(URL(fileURLWithPath: explicit))
    } else {
      if let fromEnvironment = environment["RACCORD_DATA_DIR"], !fromEnvironment.isEmpty {
        candidates.append(URL(fileURLWithPath: fromEnvironment))
      }
      candidates.append(URL(fileURLWithPath: currentDirectory))
      var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
      candidates.append(folder.appendingPathComponent(bundleName))
      for _ in 0..<6 {
        candidates.append(folder)
        folder = folder.deletingLastPathComponent()
      }
    }
    for candidate in candidates where isDataDirectory(candidate) {
      return candidate.standardizedFileURL
    }
    throw RaccordError.dataDirectoryNotFound(tried: candidates.prefix(3).map(\.path))
  }

  /// The resource bundle of the `RaccordData` target, which SwiftPM writes beside the program.
  public static let bundleName = "Raccord_RaccordData.resources"

  static func isDataDirectory(_ url: URL) -> Bool {
    FileManager.default.fileExists(atPath: url.appendingPathComponent("Nomenclatures/national/matieres.csv").path)
  }

  /// The `Nomenclatures` folder inside a data directory.
  public static func nomenclatures(in dataDirectory: URL) -> URL {
    dataDirectory.appendingPathComponent("Nomenclatures")
  }
}
