import Foundation
import GRDB
import RaccordTestSupport
import Testing

/// `kill -9` in the middle of an import: the store is as it was before the command.
@Suite final class KillDuringImportTests {
  let folder: URL
  let database: URL

  init() throws {
    folder = try Fixtures.temporaryFolder()
    database = folder.appendingPathComponent("raccord.sqlite")
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func aKilledImportLeavesTheStoreAsItWas() throws {
    // An earlier import of the same school: the killed one replaces it, so its rows are being deleted
    // and new ones written when the process dies.
    let small = try writeSTS(named: "petit", divisions: 40)
    let first = try CommandRunner.run(["import", small.path], database: database)
    #expect(first.status == 0, "\(first.stderr)")
    let before = try storeContent()
    #expect(before["service", default: 0] > 0)

    // Large enough that the import lasts well beyond the moment of the kill, even in a release build.
    let large = try writeSTS(named: "grand", divisions: 10_000)
    let process = Process()
    process.executableURL = CommandRunner.executable
    process.arguments = ["import", large.path]
    var environment = ProcessInfo.processInfo.environment
    environment["RACCORD_DB"] = database.path
    environment.removeValue(forKey: "RACCORD_DATA_DIR")
    process.environment = environment
    process.currentDirectoryURL = Fixtures.repositoryRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()

    // The rollback journal appears with the transaction's first write: the import is then under way.
    let journal = URL(fileURLWithPath: database.path + "-journal")
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: journal.path), process.isRunning, Date() < deadline {
      usleep(5_000)
    }
    try #require(process.isRunning, "the import ended before it could be killed")
    try #require(FileManager.default.fileExists(atPath: journal.path), "the import never started writing")
    // Let it write for a while, then kill it without warning.
    usleep(300_000)
    try #require(process.isRunning, "the import ended before it could be killed")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGKILL)

    // Opening the store rolls the hot journal back.
    let queue = try DatabaseQueue(path: database.path)
    let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    #expect(integrity == ["ok"])
    try queue.close()
    #expect(try storeContent() == before)

    let status = try CommandRunner.run(["status"], database: database)
    #expect(status.status == 0, "\(status.stderr)")
  }

  @Test func aReplacedFileLeavesNoOrphanRows() throws {
    // Imports write with foreign keys off and delete a replaced file's dependent rows themselves.
    let first = try CommandRunner.run(["import", try writeSTS(named: "avant", divisions: 30).path], database: database)
    #expect(first.status == 0, "\(first.stderr)")
    let second = try CommandRunner.run(
      ["import", try writeSTS(named: "apres", divisions: 20).path], database: database)
    #expect(second.status == 0, "\(second.stderr)")
    let queue = try DatabaseQueue(path: database.path)
    defer { try? queue.close() }
    let (orphans, services, teachers) = try queue.read { db in
      (
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM service"),
        try Int.fetchOne(db, sql: "SELECT count(*) FROM service_teacher")
      )
    }
    #expect(orphans == 0)
    #expect(services == 20 * 14)
    #expect(teachers == 20 * 14)
  }

  /// Row counts of every table, and the files the store knows.
  private func storeContent() throws -> [String: Int] {
    let queue = try DatabaseQueue(path: database.path)
    defer { try? queue.close() }
    return try queue.read { db in
      var content: [String: Int] = [:]
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      for table in tables {
        content[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
      }
      let files = try String.fetchAll(db, sql: "SELECT sha256 FROM source_file ORDER BY id")
      for (index, sha) in files.enumerated() { content["source_file \(index) \(sha)"] = 1 }
      return content
    }
  }

  /// An STS Web export of school 0789990K with `divisions` divisions of 14 services each.
  private func writeSTS(named name: String, divisions: Int) throws -> URL {
    let subfolder = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
    let url = subfolder.appendingPathComponent("sts_emp_0789990K_2025.xml")
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <STS_EDT>
      <PARAMETRES><UAJ CODE="0789990K"><SIGLE>CLG</SIGLE><DENOM_PRINC>\(name)</DENOM_PRINC></UAJ>
      <ANNEE_SCOLAIRE ANNEE="2025"/></PARAMETRES>
      <NOMENCLATURES><MATIERES><MATIERE CODE="020700"><CODE_GESTION>FRANC</CODE_GESTION></MATIERE></MATIERES>
      </NOMENCLATURES>
      <DONNEES><INDIVIDUS>
      <INDIVIDU ID="10000" TYPE="epp"><NOM_USAGE>\(name.uppercased())</NOM_USAGE><PRENOM>Ana</PRENOM></INDIVIDU>
      </INDIVIDUS><STRUCTURE><DIVISIONS>

      """
    for division in 0..<divisions {
      text += #"<DIVISION CODE="D\#(division)"><LIBELLE_LONG>DIVISION \#(division)</LIBELLE_LONG><SERVICES>"#
      for service in 0..<14 {
        text +=
          #"<SERVICE CODE_MATIERE="0\#(20_700 + service)"><HEURES_STRUCTURE>3.00</HEURES_STRUCTURE>"#
          + #"<ENSEIGNANTS><ENSEIGNANT ID="10000"><HEURES_AGENT>3.00</HEURES_AGENT></ENSEIGNANT></ENSEIGNANTS>"#
          + "</SERVICE>\n"
      }
      text += "</SERVICES></DIVISION>\n"
      if text.utf8.count > 1 << 20 {
        handle.write(Data(text.utf8))
        text = ""
      }
    }
    text += "</DIVISIONS></STRUCTURE></DONNEES></STS_EDT>\n"
    handle.write(Data(text.utf8))
    return url
  }
}
