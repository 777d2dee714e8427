import Foundation
import GRDB
import RaccordCore

/// The one entry point to Raccord's store: a SQLite file (the default, for one school) or a
/// PostgreSQL database (académie mode), through one query layer (``StoreEngine``). Every write is
/// one transaction; imports never touch review decisions.
public final class AppDatabase: Sendable {
  let engine: any StoreEngine
  let clock: @Sendable () -> Date

  /// Opens (or creates) the store at `path` and brings its schema up to date. A path is a SQLite
  /// file; `postgres://user@host:port/database` (or `postgresql://`) a PostgreSQL database, whose
  /// password is taken from `PGPASSWORD` or `~/.pgpass`.
  /// - Throws: ``StoreError/cannotOpen(path:reason:)``.
  public convenience init(path: String, clock: @escaping @Sendable () -> Date = Date.init) throws {
    if PostgresLocation.isPostgresURL(path) {
      guard let location = PostgresLocation(url: path) else {
        throw StoreError.cannotOpen(
          path: "postgres://…",
          reason: "adresse PostgreSQL illisible : écrivez-la postgres://utilisateur@hôte:port/base")
      }
      try self.init(engine: try PostgresEngine(location: location), clock: clock)
      return
    }
    do {
      var configuration = Configuration()
      configuration.busyMode = .timeout(5)
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      try self.init(engine: SQLiteEngine(writer: queue), clock: clock)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
      throw StoreError.cannotOpen(
        path: path, reason: "ce fichier n'est pas une base Raccord (ni même une base SQLite) ; il n'a pas été modifié")
    } catch {
      throw StoreError.cannotOpen(path: path, reason: "\(error)")
    }
  }

  /// The folder beside the store where copies of imported gradebook files are kept
  /// (`raccord-fichiers/` for `raccord.sqlite`); `nil` for a store held in memory or on a server.
  public var filesFolder: URL? {
    guard let path = engine.filePath else { return nil }
    let store = URL(fileURLWithPath: path)
    return store.deletingLastPathComponent().appendingPathComponent(
      store.deletingPathExtension().lastPathComponent + "-fichiers")
  }

  /// The engine the store runs on.
  public var dialect: StoreDialect { engine.dialect }

  /// Where the store is, fit to show: a file, or a PostgreSQL URL without its password.
  public var location: String { engine.location }

  /// A store held in memory, for tests.
  public static func inMemory(clock: @escaping @Sendable () -> Date = Date.init) throws -> AppDatabase {
    try AppDatabase(engine: SQLiteEngine(writer: DatabaseQueue()), clock: clock)
  }

  init(engine: any StoreEngine, clock: @escaping @Sendable () -> Date) throws {
    self.engine = engine
    self.clock = clock
    do {
      try engine.migrate(Self.migrations)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
      throw error
    } catch {
      throw StoreError.cannotOpen(path: engine.location, reason: "mise à jour du schéma impossible : \(error)")
    }
  }

  /// The names of the migrations applied, in order.
  public func appliedMigrations() throws -> [String] {
    try engine.appliedMigrations()
  }

  /// Runs `body` in one write transaction: if it throws, nothing it did is kept. The engine writes
  /// the imported rows its fastest way (SQLite: prepared statements through the C API with
  /// foreign keys off; PostgreSQL: multi-row inserts of a few thousand rows).
  public func importTransaction<T>(_ body: (ImportSession) throws -> T) throws -> T {
    let now = Self.timestamp(clock())
    return try engine.importTransaction { db, rows in
      try body(ImportSession(db: db, rows: rows, now: now))
    }
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}

extension AppDatabase {
  /// Creates an empty PostgreSQL database named `name` on the server of `serverURL` (whose own
  /// database is used to connect), for tests and first set-up.
  public static func createPostgresDatabase(_ name: String, serverURL: String) throws {
    guard let location = PostgresLocation(url: serverURL) else {
      throw StoreError.cannotOpen(path: serverURL, reason: "ce n'est pas une adresse postgres://")
    }
    try PostgresEngine.createDatabase(name, server: location)
  }

  /// A store in a new PostgreSQL database of its own (`raccord_t_…`) on the server of `serverURL`,
  /// dropped when the store is released: for tests.
  public static func scratchPostgres(serverURL: String, clock: @escaping @Sendable () -> Date = Date.init) throws
    -> AppDatabase
  {
    guard let server = PostgresLocation(url: serverURL) else {
      throw StoreError.cannotOpen(path: serverURL, reason: "ce n'est pas une adresse postgres://")
    }
    let name = "raccord_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    try PostgresEngine.createDatabase(name, server: server)
    return try AppDatabase(
      engine: try PostgresEngine(location: server.with(database: name), dropOnRelease: server), clock: clock)
  }

  /// Drops a PostgreSQL database, closing the connections still open on it.
  public static func dropPostgresDatabase(_ name: String, serverURL: String) throws {
    guard let location = PostgresLocation(url: serverURL) else {
      throw StoreError.cannotOpen(path: serverURL, reason: "ce n'est pas une adresse postgres://")
    }
    try PostgresEngine.dropDatabase(name, server: location)
  }
}

/// Why the store refused something.
public enum StoreError: Error, Equatable, Sendable, LocalizedError {
  case cannotOpen(path: String, reason: String)
  /// A file older than the one already imported for the same kind, school and year.
  case olderExport(file: String, exportedAt: String, currentFile: String, currentExportedAt: String)
  /// A record arrived before the file's header.
  case noHeader(file: String)
  /// A store whose schema was written by a newer version of Raccord.
  case newerStore(path: String)

  public var errorDescription: String? {
    switch self {
    case .cannotOpen(let path, let reason):
      "Impossible d'ouvrir la base Raccord « \(path) » : \(reason)."
    case .olderExport(let file, let exportedAt, let currentFile, let currentExportedAt):
      "Le fichier « \(file) » a été exporté le \(exportedAt), avant « \(currentFile) » déjà importé "
        + "(exporté le \(currentExportedAt)) : il n'est pas importé, pour ne pas remplacer des données plus récentes. "
        + "Utilisez --force pour l'importer quand même."
    case .noHeader(let file):
      "Le fichier « \(file) » n'a pas de bloc <PARAMETRES> avant ses données."
    case .newerStore(let path):
      "La base Raccord « \(path) » a été écrite par une version plus récente de Raccord : cette version ne "
        + "l'ouvre pas, pour ne rien y abîmer. Utilisez la version la plus récente de Raccord (la base n'a pas été "
        + "modifiée)."
    }
  }
}
