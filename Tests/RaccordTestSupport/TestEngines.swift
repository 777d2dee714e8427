import Foundation
import Store

/// The store engines a test runs on: SQLite always; PostgreSQL when `RACCORD_TEST_POSTGRES_URL`
/// names a server (each test gets a database of its own, dropped when its store is released).
/// Under CI (`CI` set) PostgreSQL is always among them: without the URL its cases fail, never skip.
public enum TestEngine: String, Sendable, CustomStringConvertible {
  case sqlite
  case postgres

  /// The server for PostgreSQL cases, e.g. `postgres://postgres@127.0.0.1:55432/postgres`.
  public static var postgresURL: String? {
    ProcessInfo.processInfo.environment["RACCORD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
  }

  public static var all: [TestEngine] {
    let environment = ProcessInfo.processInfo.environment
    return postgresURL != nil || environment["CI"] != nil ? [.sqlite, .postgres] : [.sqlite]
  }

  public var description: String { rawValue }

  /// A new, empty store on this engine.
  public func makeStore(clock: @escaping @Sendable () -> Date = Date.init) throws -> AppDatabase {
    switch self {
    case .sqlite:
      return try AppDatabase.inMemory(clock: clock)
    case .postgres:
      guard let url = Self.postgresURL else { throw TestEngineError.noPostgresServer }
      return try AppDatabase.scratchPostgres(serverURL: url, clock: clock)
    }
  }
}

public enum TestEngineError: Error, CustomStringConvertible {
  case noPostgresServer

  public var description: String {
    "CI is set but RACCORD_TEST_POSTGRES_URL is not: the PostgreSQL cases cannot run (see .ci/run)"
  }
}
