import Foundation
import RaccordTestSupport
import Testing

/// `raccord user add | list | remove`: the accounts of the académie mode, as a script manages them.
@Suite final class UserCommandTests {
  let folder: URL
  let database: URL

  init() throws {
    folder = try Fixtures.temporaryFolder()
    database = folder.appendingPathComponent("raccord.sqlite")
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  @Test func accountsAreAddedListedAndRemoved() throws {
    let added = try CommandRunner.run(
      ["user", "add", "rectorat", "--academie", "--password-stdin"], database: database,
      input: "un-mot-de-passe-long\n")
    #expect(added.status == 0, "\(added.stderr)")
    #expect(added.stdout.contains("Compte « rectorat » créé : compte académique"))
    let school = try CommandRunner.run(
      ["user", "add", "clg-a", "--etablissement", "0789990K"], database: database,
      environment: ["RACCORD_PASSWORD": "un-autre-mot-de-passe"])
    #expect(school.status == 0, "\(school.stderr)")
    #expect(school.stdout.contains("établissement 0789990K, il ne voit que celui-ci"))
    let list = try CommandRunner.run(["user", "list"], database: database)
    #expect(list.stdout.contains("clg-a"))
    #expect(list.stdout.contains("établissement 0789990K"))
    #expect(list.stdout.contains("académie (tous)"))
    // The store keeps a bcrypt hash, never the password.
    let bytes = try Data(contentsOf: database)
    #expect(bytes.firstRange(of: Data("un-mot-de-passe-long".utf8)) == nil)
    #expect(bytes.firstRange(of: Data("$2b$".utf8)) != nil || bytes.firstRange(of: Data("$2a$".utf8)) != nil)

    let again = try CommandRunner.run(
      ["user", "add", "clg-a", "--academie", "--password-stdin"], database: database, input: "encore-un-mot-long\n")
    #expect(again.status != 0)
    #expect(again.stderr.contains("Le compte « clg-a » existe déjà"))
    let badUAI = try CommandRunner.run(
      ["user", "add", "clg-b", "--etablissement", "0789990A", "--password-stdin"], database: database,
      input: "encore-un-mot-long\n")
    #expect(badUAI.status != 0)
    let short = try CommandRunner.run(
      ["user", "add", "clg-c", "--academie", "--password-stdin"], database: database, input: "court\n")
    #expect(short.stderr.contains("Mot de passe trop court"))
    let both = try CommandRunner.run(
      ["user", "add", "clg-d", "--academie", "--etablissement", "0789990K"], database: database)
    #expect(both.status != 0)
    #expect(both.stderr.contains("--academie ou --etablissement"))

    #expect(try CommandRunner.run(["user", "remove", "clg-a"], database: database).status == 0)
    let unknown = try CommandRunner.run(["user", "remove", "clg-a"], database: database)
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("Aucun compte « clg-a »"))
    let last = try CommandRunner.run(["user", "remove", "rectorat"], database: database)
    #expect(last.stdout.contains("Plus aucun compte"))
    #expect(try CommandRunner.run(["user", "list"], database: database).stdout.hasPrefix("Aucun compte"))
  }
}
