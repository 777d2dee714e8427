import Foundation
import RaccordTestSupport
import Testing

@testable import Store

/// Copies of imported files kept inside the store (PostgreSQL, a store in memory): cut into parts of
/// one mebibyte, written in the import's transaction, read back byte for byte.
@Suite struct FileCopyTests {
  /// 2.5 MiB of varied bytes (every byte value, no repeated mebibyte), so that a part out of order
  /// or cut short shows.
  static func bytes() -> Data {
    var generator = SystemRandomNumberGenerator()
    return Data((0..<(5 << 19)).map { _ in UInt8.random(in: 0...255, using: &generator) })
  }

  @Test(arguments: TestEngine.all)
  func aCopyIsKeptInPartsAndReadBackWhole(engine: TestEngine) throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let original = folder.appendingPathComponent("lsu.xml")
    let content = Self.bytes()
    try content.write(to: original)
    let database = try engine.makeStore()
    try database.importTransaction { try $0.keepFileCopy(sha256: "abc", of: original) }
    // Keeping it again (a re-import) writes nothing more.
    try database.importTransaction { try $0.keepFileCopy(sha256: "abc", of: original) }
    let parts = try database.engine.read { db in
      try db.fetchValues(Int.self, sql: "SELECT part FROM file_copy_part WHERE sha256 = 'abc' ORDER BY part")
    }
    #expect(parts == [0, 1, 2])
    let restored = folder.appendingPathComponent("restored.xml")
    #expect(try database.restoreFileCopy(sha256: "abc", to: restored))
    #expect(try Data(contentsOf: restored) == content)
    #expect(try database.restoreFileCopy(sha256: "absent", to: folder.appendingPathComponent("x")) == false)
  }

  @Test(arguments: TestEngine.all)
  func aFailedImportKeepsNoCopy(engine: TestEngine) throws {
    struct Interrupted: Error {}
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let original = folder.appendingPathComponent("lsu.xml")
    try Data("<lsu/>".utf8).write(to: original)
    let database = try engine.makeStore()
    #expect(throws: Interrupted.self) {
      try database.importTransaction { session in
        try session.keepFileCopy(sha256: "def", of: original)
        throw Interrupted()
      }
    }
    #expect(try database.restoreFileCopy(sha256: "def", to: folder.appendingPathComponent("y")) == false)
    // An empty file is one empty part, not nothing.
    let empty = folder.appendingPathComponent("vide.xml")
    try Data().write(to: empty)
    try database.importTransaction { try $0.keepFileCopy(sha256: "empty", of: empty) }
    let restored = folder.appendingPathComponent("z")
    #expect(try database.restoreFileCopy(sha256: "empty", to: restored))
    #expect(try Data(contentsOf: restored).isEmpty)
  }
}
