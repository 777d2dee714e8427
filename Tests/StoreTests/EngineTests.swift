import Foundation
import RaccordCore
import RaccordTestSupport
import Testing

@testable import Store

/// The two engines under ``AppDatabase``: same schema, same migrations, same guarantees.
@Suite struct EngineTests {
  static let uai = "0789990K"

  @Test(.enabled(if: TestEngine.all.contains(.postgres)))
  func bothEnginesMigrateToTheSameSchema() throws {
    let sqlite = try TestEngine.sqlite.makeStore().schemaDescription()
    let postgres = try TestEngine.postgres.makeStore().schemaDescription()
    #expect(sqlite.contains("table source_file"))
    #expect(sqlite.contains("primary key class_setting (uai, year, division)"))
    #expect(sqlite.contains("index source_file (kind, uai, year) unique partial source_file_current"))
    #expect(sqlite.contains("foreign key service_teacher.service_id -> service.id on delete cascade"))
    #expect(sqlite.contains("column review_decision.scope text null"))
    #expect(Set(sqlite).subtracting(postgres).sorted() == [])
    #expect(Set(postgres).subtracting(sqlite).sorted() == [])
  }

  @Test(arguments: TestEngine.all)
  func everyMigrationIsAppliedInOrder(engine: TestEngine) throws {
    let database = try engine.makeStore()
    #expect(try database.appliedMigrations() == AppDatabase.migrations.map(\.identifier))
    #expect(try database.appliedMigrations().first == "v1-imports")
  }

  /// A store that a newer Raccord migrated further is refused, and left as it was.
  @Test(arguments: TestEngine.all)
  func aNewerStoreIsRefused(engine: TestEngine) throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let database: AppDatabase
    let path: String
    switch engine {
    case .sqlite:
      path = folder.appendingPathComponent("raccord.sqlite").path
      database = try AppDatabase(path: path)
    case .postgres:
      database = try engine.makeStore()
      path = database.location
    }
    try database.engine.write {
      try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: ["v99-future"])
    }
    #expect(throws: StoreError.newerStore(path: path)) { try AppDatabase(path: path) }
  }

  /// Twenty reviewers decide the same item at once, each on the version they saw (none yet): one
  /// wins, the nineteen others are told their decision is stale. Nothing is overwritten unseen.
  @Test(arguments: TestEngine.all)
  func concurrentDecisionsOnOneItemHaveOneWinner(engine: TestEngine) throws {
    let database = try engine.makeStore()
    let outcomes = Outcomes()
    DispatchQueue.concurrentPerform(iterations: 20) { reviewer in
      let decision = ReviewDecision(
        uai: Self.uai, year: 2025, kind: .subject, itemKey: "LATIN", verdict: .choose,
        chosenCode: "02030\(reviewer % 10)",
        author: "relecteur \(reviewer)")
      do {
        try database.save(
          [decision],
          expected: ReviewVersion(uai: Self.uai, year: 2025, kind: .subject, itemKey: "LATIN", revision: 0))
        outcomes.record("saved")
      } catch is StaleDecision {
        outcomes.record("stale")
      } catch {
        outcomes.record("\(error)")
      }
    }
    #expect(outcomes.all.sorted() == ["saved"] + Array(repeating: "stale", count: 19))
    #expect(try database.decisions(uai: Self.uai).count == 1)
  }

  /// The change token moves with every decision saved, replaced or superseded and every file
  /// imported, and stays put while nothing changes (the page's cache relies on it).
  @Test(arguments: TestEngine.all)
  func theChangeTokenMovesWithEveryChange(engine: TestEngine) throws {
    let database = try engine.makeStore()
    var seen: Set<String> = []
    func token() throws -> String { try database.changeToken(uai: Self.uai, year: 2025) }
    func expectNew(_ comment: Comment) throws {
      let current = try token()
      #expect(seen.insert(current).inserted, comment)
      #expect(try token() == current, "unchanged store, same token")
    }
    try expectNew("empty store")
    func decision(_ key: String, _ verdict: ReviewDecision.Verdict) -> ReviewDecision {
      ReviewDecision(uai: Self.uai, year: 2025, kind: .subject, itemKey: key, verdict: verdict, chosenCode: nil)
    }
    try database.save([decision("LATIN|G1", .accept), decision("LATIN|G2", .accept)])
    try expectNew("two decisions")
    try database.save([decision("LATIN|G1", .reject)])
    try expectNew("a decision replaced (same count)")
    try database.save([decision("LATIN", .reject)], superseding: ["LATIN|G1", "LATIN|G2"])
    try expectNew("two decisions superseded by one")
    try database.importTransaction { session in
      let sink = session.sink(
        for: SourceFileInfo(
          displayName: "sts.xml", fileName: "sts.xml", sha256: String(repeating: "3", count: 64), size: 1))
      try sink.begin(FileHeader(kind: .stsEmp, uai: try UAI(validating: Self.uai), year: SchoolYear(2025)))
      try sink.finish(counts: [:])
    }
    try expectNew("a file imported")
    #expect(try database.changeToken(uai: "0000000A", year: 2025) == "0:-:0:-")
  }

  /// An import that fails half-way leaves nothing behind, even rows already sent to the server.
  @Test(arguments: TestEngine.all)
  func aFailedImportWritesNothing(engine: TestEngine) throws {
    let database = try engine.makeStore()
    struct Interrupted: Error {}
    #expect(throws: Interrupted.self) {
      try database.importTransaction { session in
        let sink = session.sink(
          for: SourceFileInfo(
            displayName: "sts.xml", fileName: "sts.xml", sha256: String(repeating: "1", count: 64), size: 1))
        try sink.begin(FileHeader(kind: .stsEmp, uai: try UAI(validating: Self.uai), year: SchoolYear(2025)))
        for index in 0..<20_000 {
          try sink.add(.structure(StructureRecord(code: "D\(index)", kind: .division)))
        }
        throw Interrupted()
      }
    }
    #expect(try database.status().isEmpty)
    #expect(try database.count("structure", uai: Self.uai, year: 2025) == 0)
  }

  /// Many rows with children, more than one batch of the PostgreSQL writer: read back whole and in order.
  @Test(arguments: TestEngine.all)
  func aLargeImportIsReadBackInOrder(engine: TestEngine) throws {
    let database = try engine.makeStore()
    try database.importTransaction { session in
      let sink = session.sink(
        for: SourceFileInfo(
          displayName: "sts.xml", fileName: "sts.xml", sha256: String(repeating: "2", count: 64), size: 1))
      try sink.begin(FileHeader(kind: .stsEmp, uai: try UAI(validating: Self.uai), year: SchoolYear(2025)))
      for index in 0..<9_000 {
        var service = ServiceRecord(structureCode: "D\(index % 30)", structureKind: .division, matiere: "0\(index)")
        service.teachers = [
          .init(id: "T\(index)", type: "epp", heures: nil), .init(id: "U\(index)", type: nil, heures: "1"),
        ]
        try sink.add(.service(service))
      }
      try sink.finish(counts: ["service": 9_000])
    }
    let data = try database.schoolYearData(uai: Self.uai, year: 2025)
    #expect(data.services.count == 9_000)
    #expect(data.services.first?.teacherIDs == ["T0", "U0"])
    #expect(data.services.last?.matiere == "08999" && data.services.last?.teacherIDs == ["T8999", "U8999"])
    #expect(try database.status(uai: Self.uai).first?.files.first?.counts == ["service": 9_000])
    #expect(try database.status(uai: "0000000A").isEmpty)
  }
}

/// What the concurrent savers saw, in any order.
final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [String] = []

  func record(_ value: String) { lock.withLock { values.append(value) } }
  var all: [String] { lock.withLock { values } }
}

/// Reaching a PostgreSQL server: the French messages and the password's sources.
@Suite struct PostgresLocationTests {
  @Test func theURLIsReadAndShownWithoutItsPassword() throws {
    let location = try #require(
      PostgresLocation(url: "postgres://raccord:s3cret@db.example:6543/academie", environment: [:]))
    #expect(location.host == "db.example" && location.port == 6543 && location.user == "raccord")
    #expect(location.database == "academie")
    #expect(location.displayURL == "postgres://raccord@db.example:6543/academie")
    #expect(!location.displayURL.contains("s3cret"))
    #expect(PostgresLocation(url: "raccord.sqlite") == nil)
    #expect(PostgresLocation(url: "postgresql://u@h/d", environment: [:])?.port == 5432)
  }

  @Test func thePasswordComesFromPGPASSWORDThenPgpass() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pgpass = folder.appendingPathComponent(".pgpass")
    try "# comment\nother:5432:*:raccord:wrong\n127.0.0.1:5432:*:raccord:pa\\:ss\n*:*:*:*:fallback\n".write(
      to: pgpass, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass.path)
    let url = "postgres://raccord@127.0.0.1:5432/raccord"
    #expect(PostgresLocation(url: url, environment: ["HOME": folder.path])?.password == "pa:ss")
    #expect(PostgresLocation(url: url, environment: ["HOME": folder.path, "PGPASSWORD": "env"])?.password == "env")
    #expect(
      PostgresLocation(url: "postgres://autre@127.0.0.1/x", environment: ["HOME": folder.path])?.password == "fallback")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pgpass.path)
    #expect(PostgresLocation(url: url, environment: ["HOME": folder.path])?.password == nil)
  }

  @Test func anUnreachableServerIsExplainedInFrench() throws {
    let error = try #require(throws: StoreError.self) {
      try AppDatabase(path: "postgres://raccord:secret@127.0.0.1:1/raccord")
    }
    let message = error.localizedDescription
    #expect(message.contains("ne répond pas"))
    #expect(message.contains("postgres://raccord@127.0.0.1:1/raccord"))
    #expect(!message.contains("secret"))
  }

  @Test(.enabled(if: TestEngine.postgresURL != nil))
  func aMissingDatabaseOrAWrongPasswordIsExplainedInFrench() throws {
    let url = try #require(TestEngine.postgresURL)
    let server = try #require(PostgresLocation(url: url))
    let missing = "postgres://\(server.user)@\(server.host):\(server.port)/raccord_absente"
    let error = try #require(throws: StoreError.self) { try AppDatabase(path: missing) }
    #expect(error.localizedDescription.contains("la base « raccord_absente » n'existe pas : créez-la avec createdb"))
    let wrong = "postgres://\(server.user):mauvais@\(server.host):\(server.port)/\(server.database)"
    let refused = try #require(throws: StoreError.self) { try AppDatabase(path: wrong) }
    #expect(refused.localizedDescription.contains("PGPASSWORD"))
    #expect(!refused.localizedDescription.contains("mauvais"))
  }
}
