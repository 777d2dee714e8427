import Foundation
import Store

/// The pipeline: files → importers → store → matching → review decisions → checks → exports.
/// The command line (`raccord`) and the web page (`raccord serve`, RaccordWeb) call its use cases;
/// each is one method.
public struct Raccord: Sendable {
  public let database: AppDatabase
  /// The folder with `Nomenclatures/` and `Mappings/`; `nil` to work without the national layer.
  public let dataDirectory: URL?

  public init(database: AppDatabase, dataDirectory: URL?) {
    self.database = database
    self.dataDirectory = dataDirectory
  }

  /// The store path from `--db`, else `RACCORD_DB`, else `raccord.sqlite` in the current folder.
  public static func databasePath(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["RACCORD_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
    return "raccord.sqlite"
  }
}
