import Foundation
import GRDB
import RaccordCore

/// The one entry point to Raccord's SQLite store. Every write is one transaction; imports
/// never touch review decisions.
public final class AppDatabase: Sendable {
  let writer: any DatabaseWriter
  let clock: @Sendable () -> Date

  /// Opens (or creates) the store at `path` and brings its schema up to date.
  /// - Throws: ``StoreError/cannotOpen(path:reason:)``.
  public convenience init(path: String, clock: @escaping @Sendable () -> Date = Date.init) throws {
    do {
      var configuration = Configuration()
      configuration.busyMode = .timeout(5)
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      try self.init(queue, clock: clock)
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
  /// (`raccord-fichiers/` for `raccord.sqlite`); `nil` for a store held in memory.
  public var filesFolder: URL? {
    guard !writer.path.isEmpty, writer.path != ":memory:" else { return nil }
    let store = URL(fileURLWithPath: writer.path)
    return store.deletingLastPathComponent().appendingPathComponent(
      store.deletingPathExtension().lastPathComponent + "-fichiers")
  }

  /// A store held in memory, for tests.
  public static func inMemory(clock: @escaping @Sendable () -> Date = Date.init) throws -> AppDatabase {
    try AppDatabase(DatabaseQueue(), clock: clock)
  }

  init(_ writer: any DatabaseWriter, clock: @escaping @Sendable () -> Date) throws {
    self.writer = writer
    self.clock = clock
    do {
      // A store written by a newer Raccord has migrations this one does not know: never migrate it
      // downwards nor write into a schema this version does not understand.
      if try writer.read({ try Self.migrator.hasBeenSuperseded($0) }) {
        throw StoreError.newerStore(path: writer.path)
      }
      try Self.migrator.migrate(writer)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
      throw error
    } catch {
      throw StoreError.cannotOpen(path: writer.path, reason: "mise à jour du schéma impossible : \(error)")
    }
  }

  /// The names of the migrations applied, in order.
  public func appliedMigrations() throws -> [String] {
    try writer.read { try Self.migrator.appliedMigrations($0) }
  }

  /// Runs `body` in one write transaction: if it throws, nothing it did is kept.
  ///
  /// Foreign keys are off meanwhile (SQLite's check of every row's parent cost a third of the
  /// writing): an import writes rows that point at rows it has just written, and deletes a replaced
  /// file's rows with their dependents itself (``StoreSink``). The commit syncs to disk less often
  /// (`synchronous = NORMAL`): a killed process still leaves the store as it was (the rollback
  /// journal is in the system's hands); only a power cut at the wrong moment could cost more. A
  /// larger page cache (8 MB) keeps the pages being filled in memory.
  public func importTransaction<T>(_ body: (ImportSession) throws -> T) throws -> T {
    try writer.writeWithoutTransaction { db in
      let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
      let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
      try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192")
      defer {
        try? db.execute(
          sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = \(synchronous); PRAGMA cache_size = \(cacheSize)")
      }
      var result: Result<T, any Error>?
      try db.inTransaction {
        result = Result { try body(ImportSession(db: db, now: Self.timestamp(clock()))) }
        if case .failure = result { return .rollback }
        return .commit
      }
      guard let result else { throw StoreError.cannotOpen(path: writer.path, reason: "transaction interrompue") }
      return try result.get()
    }
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
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
