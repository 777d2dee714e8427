import Foundation
import GRDB
import RaccordTestSupport
import Testing
import ZIPFoundation

/// The bad-input corpus: files in every state a school may receive them (truncated, re-encoded,
/// edited by hand, zipped twice, hostile), each given to the built `raccord import` on a store that
/// already holds the example school. Each case asserts a French error naming the file and the
/// problem, the documented exit status 2, and the store file byte for byte unchanged.
///
/// Inputs are generated at test time by the small helpers of ``Corpus``; nothing binary is committed.
@Suite struct BadInputCorpusTests {
  // MARK: - Not XML at all

  @Test func emptyFile() throws {
    let file = try Corpus.write(Data(), named: "Nomenclature.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["est vide"])
  }

  @Test func blankFile() throws {
    let file = try Corpus.write(Data("  \n\r\n\t  \n".utf8), named: "Nomenclature.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["est vide"])
  }

  @Test func binaryFile() throws {
    var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var state: UInt32 = 2_463_534_242
    for _ in 0..<4096 {
      state ^= state << 13
      state ^= state >> 17
      state ^= state << 5
      bytes.append(UInt8(truncatingIfNeeded: state))
    }
    let file = try Corpus.write(Data(bytes), named: "Nomenclature.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["n'est pas un XML bien formé"])
  }

  @Test(arguments: [12, 300, 4_000, 17_000, 35_380])
  func truncatedAt(_ offset: Int) throws {
    let data = try Corpus.exampleNomenclature()
    try #require(offset < data.count)
    let file = try Corpus.write(data.prefix(offset), named: "Nomenclature.xml")
    let result = try Corpus.refuses([file.path], naming: file.path, saying: [])
    #expect(
      result.stderr.contains("est incomplet (tronqué)") || result.stderr.contains("manque"),
      "\(result.stderr)")
  }

  @Test func wrongRootElement() throws {
    let file = try Corpus.write(
      Data("<?xml version=\"1.0\"?>\n<CARNET_DE_NOTES><PARAMETRES/></CARNET_DE_NOTES>\n".utf8), named: "export.xml")
    try Corpus.refuses(
      [file.path], naming: file.path,
      saying: ["élément racine <CARNET_DE_NOTES>", "n'est pas un export que Raccord importe"])
  }

  @Test func aPathThatDoesNotExist() throws {
    let folder = try Fixtures.temporaryFolder()
    let path = folder.appendingPathComponent("Nomenclature.xml").path
    try Corpus.refuses([path], naming: path, saying: ["ce chemin n'existe pas"])
  }

  @Test func aFolderWithNothingToImport() throws {
    let folder = try Fixtures.temporaryFolder()
    try Data("notes".utf8).write(to: folder.appendingPathComponent("lisez-moi.txt"))
    try Corpus.refuses([folder.path], naming: folder.path, saying: ["aucun fichier .xml, .zip ni .csv"])
  }

  // MARK: - Encodings

  @Test func declaredEncodingThatLies() throws {
    // Declared UTF-8, written in ISO-8859-15 (as SIECLE writes): "é" is the lone byte 0xE9.
    let text = Corpus.nomenclature(libelle: "Éducation musicale").replacingOccurrences(
      of: "ISO-8859-15", with: "UTF-8")
    let file = try Corpus.write(try Fixtures.iso885915(text), named: "Nomenclature.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["problème d'encodage", "ligne "])
  }

  @Test func utf8ByteOrderMarkWithALatin9Declaration() throws {
    // A BOM says UTF-8, the declaration and the bytes say ISO-8859-15: libxml2 skips the BOM and
    // follows the declaration, which the bytes agree with, so the file is read right, œ included.
    let body = try Fixtures.iso885915(Corpus.nomenclature(libelle: "Français œuvre"))
    let file = try Corpus.write(Data([0xEF, 0xBB, 0xBF]) + body, named: "Nomenclature.xml")
    let database = try Corpus.storeCopy()
    let result = try CommandRunner.run(["import", file.path], database: database)
    #expect(result.status == 0, "\(result.stderr)")
    let labels = try DatabaseQueue(path: database.path).read { db in
      try String.fetchAll(db, sql: "SELECT libelle_edition FROM matiere WHERE code = '030201'")
    }
    #expect(labels.contains("Français œuvre"), "\(labels)")
  }

  @Test func invalidUTF8Sequences() throws {
    var data = Data(Corpus.nomenclature(libelle: "XXXX").replacingOccurrences(of: "ISO-8859-15", with: "UTF-8").utf8)
    let range = try #require(data.range(of: Data("XXXX".utf8)))
    data.replaceSubrange(range, with: [0xC3, 0x28, 0xE2, 0x82])
    let file = try Corpus.write(data, named: "Nomenclature.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["problème d'encodage"])
  }

  @Test func nulBytes() throws {
    var data = Data(Corpus.nomenclature(libelle: "ANGLAIS").utf8)
    let range = try #require(data.range(of: Data("ANGLAIS".utf8)))
    data.replaceSubrange(range, with: [0x41, 0x00, 0x00, 0x42])
    let file = try Corpus.write(data, named: "Nomenclature.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["ligne 1"])
  }

  // MARK: - Hostile XML

  @Test func billionLaughs() throws {
    var doctype = "<!DOCTYPE BEE_NOMENCLATURES [\n<!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      doctype +=
        "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10)
        + "\">\n"
    }
    doctype += "]>\n"
    let text = Corpus.nomenclature(libelle: "&lol9;").replacingOccurrences(
      of: "<BEE_NOMENCLATURES", with: doctype + "<BEE_NOMENCLATURES")
    let file = try Corpus.write(Data(text.utf8), named: "Nomenclature.xml")
    let clock = ContinuousClock()
    let start = clock.now
    try Corpus.refuses([file.path], naming: file.path, saying: ["<!DOCTYPE>", "refusé par sécurité"])
    #expect(clock.now - start < .seconds(20))
  }

  @Test func externalEntityPointingAtALocalFile() throws {
    let folder = try Fixtures.temporaryFolder()
    let secret = folder.appendingPathComponent("secret.txt")
    try Data("MOT-DE-PASSE-SECRET".utf8).write(to: secret)
    let text = Corpus.nomenclature(libelle: "&secret;").replacingOccurrences(
      of: "<BEE_NOMENCLATURES",
      with: "<!DOCTYPE BEE_NOMENCLATURES [<!ENTITY secret SYSTEM \"file://\(secret.path)\">]>\n<BEE_NOMENCLATURES")
    let file = try Corpus.write(Data(text.utf8), named: "Nomenclature.xml")
    let result = try Corpus.refuses([file.path], naming: file.path, saying: ["<!DOCTYPE>", "refusé par sécurité"])
    #expect(!result.stdout.contains("MOT-DE-PASSE") && !result.stderr.contains("MOT-DE-PASSE"))
  }

  @Test func undeclaredEntityWithoutDoctype() throws {
    let file = try Corpus.write(Data(Corpus.nomenclature(libelle: "&xxe;").utf8), named: "Nomenclature.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["&xxe;", "refusé par sécurité"])
  }

  @Test func doctypeWithANetworkURL() throws {
    let text = Corpus.nomenclature(libelle: "ANGLAIS").replacingOccurrences(
      of: "<BEE_NOMENCLATURES",
      with: "<!DOCTYPE BEE_NOMENCLATURES SYSTEM \"http://192.0.2.1/nomenclature.dtd\">\n<BEE_NOMENCLATURES")
    let file = try Corpus.write(Data(text.utf8), named: "Nomenclature.xml")
    let clock = ContinuousClock()
    let start = clock.now
    try Corpus.refuses([file.path], naming: file.path, saying: ["<!DOCTYPE>", "ligne "])
    // 192.0.2.1 is TEST-NET-1: a connection attempt would hang until its time-out.
    #expect(clock.now - start < .seconds(20))
  }

  @Test func elementsNestedTenThousandDeep() throws {
    let depth = 10_000
    let nested = String(repeating: "<X>", count: depth) + String(repeating: "</X>", count: depth)
    let text = Corpus.nomenclature(libelle: "ANGLAIS").replacingOccurrences(
      of: "<LIBELLE_EDITION>", with: nested + "<LIBELLE_EDITION>")
    let file = try Corpus.write(Data(text.utf8), named: "Nomenclature.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["imbriqués", "ligne "])
  }

  @Test func aOneMegabyteAttribute() throws {
    let code = String(repeating: "7", count: 1 << 20)
    let text = Corpus.nomenclature(libelle: "ANGLAIS").replacingOccurrences(
      of: "CODE_MATIERE=\"030201\"", with: "CODE_MATIERE=\"\(code)\"")
    let file = try Corpus.write(Data(text.utf8), named: "Nomenclature.xml")
    let result = try Corpus.refuses([file.path], naming: file.path, saying: ["CODE_MATIERE", "trop long"])
    #expect(result.stderr.utf8.count < 10_000, "the message quotes the whole value")
  }

  @Test func duplicateIdentifiers() throws {
    let matiere = "<MATIERE CODE_MATIERE=\"030201\"><LIBELLE_COURT>ANGLAIS</LIBELLE_COURT></MATIERE>"
    let text = Corpus.nomenclature(libelle: "ANGLAIS").replacingOccurrences(
      of: "</MATIERES>", with: "\n" + matiere + "</MATIERES>")
    let file = try Corpus.write(Data(text.utf8), named: "Nomenclature.xml")
    try Corpus.refuses(
      [file.path], naming: file.path, saying: ["la matière « 030201 » figure deux fois (déjà ligne"])
  }

  @Test func aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
    // A sparse file: 1 GiB long, no disk used, created at once. Refused from its size, before it
    // is hashed or parsed (a real 1 GB run is a benchmark, not a test: see the closing note of #14).
    let folder = try Fixtures.temporaryFolder()
    let file = folder.appendingPathComponent("ElevesSansAdresses.xml")
    try Data("<?xml version=\"1.0\"?>\n<BEE_ELEVES>".utf8).write(to: file)
    let handle = try FileHandle(forWritingTo: file)
    try handle.truncate(atOffset: 1 << 30)
    try handle.close()
    let clock = ContinuousClock()
    let start = clock.now
    try Corpus.refuses([file.path], naming: file.path, saying: ["1024 Mo", "limite"])
    #expect(clock.now - start < .seconds(10))
  }

  @Test func aLargeFileIsStreamed() throws {
    // 40 MB of records Raccord skips, then the file stops: read to its end as a stream.
    let folder = try Fixtures.temporaryFolder()
    let file = folder.appendingPathComponent("Nomenclature.xml")
    let head = Corpus.nomenclature(libelle: "ANGLAIS").components(separatedBy: "</DONNEES>")[0]
    FileManager.default.createFile(atPath: file.path, contents: Data((head + "<AUTRES>\n").utf8))
    let handle = try FileHandle(forWritingTo: file)
    try handle.seekToEnd()
    let block = Data(
      String(repeating: "<AUTRE CODE=\"1\"><LIBELLE>Texte ignoré</LIBELLE></AUTRE>\n", count: 20_000).utf8)
    while try handle.offset() < 40_000_000 { handle.write(block) }
    handle.write(Data("<AUTRE CODE=\"2\"><LIB".utf8))
    try handle.close()
    try Corpus.refuses([file.path], naming: file.path, saying: ["est incomplet (tronqué)"])
  }

  // MARK: - Zip archives

  @Test func zipBomb() throws {
    // 512 MiB of zeros deflate to about 0.5 MB; the import refuses the entry from its sizes.
    let zip = try Corpus.zip(named: "ExportXML.zip") { archive in
      let chunk = Data(count: 1 << 20)
      try archive.addEntry(
        with: "Nomenclature.xml", type: .file, uncompressedSize: Int64(512 << 20), compressionMethod: .deflate,
        provider: { _, size in chunk.prefix(size) })
    }
    let clock = ContinuousClock()
    let start = clock.now
    try Corpus.refuses([zip.path], naming: zip.path, saying: ["Nomenclature.xml", "bombe"])
    #expect(clock.now - start < .seconds(10))
  }

  @Test func zipEntryWhoseSizeLies() throws {
    // The headers say 1000 bytes; the entry inflates to 8 MiB: refused once it passes what it declared.
    let zip = try Corpus.zip(named: "ExportXML.zip") { archive in
      let chunk = Data(count: 1 << 20)
      try archive.addEntry(
        with: "Nomenclature.xml", type: .file, uncompressedSize: Int64(8 << 20), compressionMethod: .deflate,
        provider: { _, size in chunk.prefix(size) })
    }
    try Corpus.patchUncompressedSizes(of: zip, to: 1000)
    try Corpus.refuses([zip.path], naming: zip.path, saying: ["Nomenclature.xml"])
  }

  @Test func zipEntryWithParentFolderInItsPath() throws {
    let zip = try Corpus.zip(named: "ExportXML.zip") { archive in
      try Corpus.add(Data(Corpus.nomenclature(libelle: "ANGLAIS").utf8), as: "../../evil/Nomenclature.xml", to: archive)
    }
    try Corpus.refuses([zip.path], naming: zip.path, saying: ["../../evil/Nomenclature.xml", "sécurité"])
  }

  @Test func zipWithTwoNomenclatures() throws {
    let zip = try Corpus.zip(named: "ExportXML.zip") { archive in
      try Corpus.add(Data(Corpus.nomenclature(libelle: "ANGLAIS").utf8), as: "a/Nomenclature.xml", to: archive)
      try Corpus.add(
        Data(Corpus.nomenclature(libelle: "ANGLAIS LV1", stamp: "06/09/2025 10:00:00").utf8),
        as: "b/Nomenclature.xml", to: archive)
    }
    try Corpus.refuses(
      [zip.path], naming: "\(zip.path):b/Nomenclature.xml", saying: ["\(zip.path):a/Nomenclature.xml", "deux fichiers"])
  }

  @Test func zipInsideAZip() throws {
    let inner = try Corpus.zip(named: "inner.zip") { archive in
      try Corpus.add(Data(Corpus.nomenclature(libelle: "ANGLAIS").utf8), as: "Nomenclature.xml", to: archive)
    }
    let outer = try Corpus.zip(named: "ExportXML.zip") { archive in
      try Corpus.add(try Data(contentsOf: inner), as: "ExportXML_Nomenclature.zip", to: archive)
    }
    try Corpus.refuses([outer.path], naming: outer.path, saying: ["ExportXML_Nomenclature.zip", "décompressez"])
  }

  @Test func aZipThatIsNotAZip() throws {
    var data = Data([0x50, 0x4B, 0x03, 0x04])
    data.append(Data(repeating: 0x41, count: 200))
    let file = try Corpus.write(data, named: "ExportXML.zip")
    try Corpus.refuses([file.path], naming: file.path, saying: ["n'est pas une archive zip lisible"])
  }

  // MARK: - Files that do not belong together or with the store

  @Test func stsOfOneSchoolWithSIECLEOfAnother() throws {
    let other = try Corpus.write(
      Data(Corpus.nomenclature(libelle: "ANGLAIS", uai: "0750680G").utf8), named: "Nomenclature.xml")
    let sts = Fixtures.exampleSchool.appendingPathComponent("2025/sts_emp_0789990K_2025.xml")
    try Corpus.refuses([sts.path, other.path], naming: other.path, saying: ["0750680G", "0789990K", "un seul"])
  }

  @Test func anOlderExportThanTheStoreHolds() throws {
    let older = try Corpus.write(
      Data(Corpus.nomenclature(libelle: "ANGLAIS", stamp: "01/09/2025 08:00:00").utf8), named: "Nomenclature.xml")
    try Corpus.refuses([older.path], naming: older.path, saying: ["a été exporté le", "--force"])
  }

  @Test func aYearThatDoesNotMatchTheStore() throws {
    // A services CSV given for a year the store has nothing of.
    let csv = try Corpus.write(Data(Corpus.servicesCSV.utf8), named: "services.csv")
    try Corpus.refuses(
      [csv.path], options: ["--year", "2031"], naming: csv.path, saying: ["2031-2032", "aucune"])
  }

  @Test func aGradebookWhoseUAIIsUnknown() throws {
    let lsu = try Corpus.exampleLSU().replacingOccurrences(of: "0789990K", with: "0750680G")
    let file = try Corpus.write(Data(lsu.utf8), named: "lsu-bilans.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["0750680G", "aucune nomenclature"])
  }

  @Test func anLSUFileWithAFutureSchemaVersion() throws {
    let lsu = try Corpus.exampleLSU()
    let future = lsu.replacingOccurrences(
      of: #"schemaVersion="[0-9.]+""#, with: #"schemaVersion="99.0""#, options: .regularExpression)
    try #require(future != lsu)
    let file = try Corpus.write(Data(future.utf8), named: "lsu-bilans.xml")
    try Corpus.refuses([file.path], naming: file.path, saying: ["99.0", "10.0"])
  }

  // MARK: - CSV

  @Test func csvWithTheWrongDelimiter() throws {
    let tabbed = Corpus.servicesCSV.replacingOccurrences(of: ";", with: "\t")
    let file = try Corpus.write(Data(tabbed.utf8), named: "services.csv")
    try Corpus.refuses([file.path], naming: file.path, saying: ["séparateur", "ligne 1"])
  }

  @Test func csvInWindows1252IsReadWithItsAccents() throws {
    let data = try #require(Corpus.servicesCSV.data(using: .windowsCP1252))
    let file = try Corpus.write(data, named: "services.csv")
    let database = try Corpus.storeCopy()
    let result = try CommandRunner.run(["import", file.path], database: database)
    #expect(result.status == 0, "\(result.stderr)")
    let labels = try DatabaseQueue(path: database.path).read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT subject_label FROM gb_service ORDER BY 1")
    }
    #expect(labels.contains("Éducation musicale"))
  }

  @Test func csvWithAFormulaCellIsNeutralisedInTheExport() throws {
    let formula = "=HYPERLINK(\"http://192.0.2.1/\";\"Cliquez\")"
    let csv = Corpus.servicesCSV.replacingOccurrences(
      of: "Éducation musicale", with: "\"\(formula.replacingOccurrences(of: "\"", with: "\"\""))\"")
    let file = try Corpus.write(Data(csv.utf8), named: "services.csv")
    let database = try Corpus.storeCopy()
    let imported = try CommandRunner.run(["import", file.path], database: database)
    #expect(imported.status == 0, "\(imported.stderr)")
    let export = try CommandRunner.run(["export", "mappings", "-o", "-"], database: database)
    #expect(export.status == 0, "\(export.stderr)")
    let fields = export.stdout.components(separatedBy: .newlines).flatMap { $0.components(separatedBy: ";") }
    #expect(fields.contains { $0.contains("'=HYPERLINK") })
    #expect(!fields.contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") })
  }

  @Test func csvWithAQuotedNewline() throws {
    let csv = Corpus.servicesCSV.replacingOccurrences(of: "6A;Éducation musicale", with: "6A;\"Éducation\nmusicale\"")
    let file = try Corpus.write(Data(csv.utf8), named: "services.csv")
    let database = try Corpus.storeCopy()
    let result = try CommandRunner.run(["import", file.path], database: database)
    #expect(result.status == 0, "\(result.stderr)")
    let labels = try DatabaseQueue(path: database.path).read { db in
      try String.fetchAll(db, sql: "SELECT subject_label FROM gb_service WHERE subject_label LIKE 'Éducation%'")
    }
    #expect(labels == ["Éducation musicale"], "a line end inside a label is read as a space")
  }

  @Test func csvThatIsBinary() throws {
    let file = try Corpus.write(Data([0xFF, 0xFE, 0x43, 0x00, 0x6C, 0x00]), named: "services.csv")
    try Corpus.refuses([file.path], naming: file.path, saying: ["encodage illisible"])
  }

  // MARK: - Files and stores that cannot be opened

  @Test(.enabled(if: getuid() != 0, "root reads a file whatever its permissions"))
  func unreadableFile() throws {
    let file = try Corpus.write(Data(Corpus.nomenclature(libelle: "ANGLAIS").utf8), named: "Nomenclature.xml")
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
    try Corpus.refuses([file.path], naming: file.path, saying: ["illisible"])
  }

  @Test func aNamedPipeInsteadOfAFile() throws {
    // Unreadable even by root: a named pipe would block a reader forever.
    let folder = try Fixtures.temporaryFolder()
    let fifo = folder.appendingPathComponent("Nomenclature.xml")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    try Corpus.refuses([fifo.path], naming: fifo.path, saying: ["n'est pas un fichier"])
  }

  @Test func aStoreThatIsNotSQLite() throws {
    let folder = try Fixtures.temporaryFolder()
    let database = folder.appendingPathComponent("raccord.sqlite")
    let bytes = Data("Ceci n'est pas une base SQLite, mais un texte assez long pour en avoir l'air.\n".utf8)
    try bytes.write(to: database)
    let file = Fixtures.exampleSchool.appendingPathComponent("2025/Nomenclature.xml")
    let result = try CommandRunner.run(["import", file.path], database: database)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("« \(database.path) »"))
    #expect(result.stderr.contains("n'est pas une base Raccord"), "\(result.stderr)")
    #expect(try Data(contentsOf: database) == bytes)
  }

  @Test func aStoreWrittenByANewerRaccord() throws {
    let database = try Corpus.storeCopy()
    try DatabaseQueue(path: database.path).write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
    }
    let before = try Data(contentsOf: database)
    let file = Fixtures.exampleSchool.appendingPathComponent("2025/Nomenclature.xml")
    for arguments in [["import", file.path], ["status"]] {
      let result = try CommandRunner.run(arguments, database: database)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("« \(database.path) »"))
      #expect(result.stderr.contains("version plus récente de Raccord"), "\(result.stderr)")
    }
    #expect(try Data(contentsOf: database) == before)
  }
}

/// Generators and the shared assertion of the corpus.
enum Corpus {
  /// A store holding the example school, made once per test run and copied for each case.
  static let baseline: Result<URL, any Error> = Result {
    let folder = try Fixtures.temporaryFolder()
    let database = folder.appendingPathComponent("baseline.sqlite")
    let result = try CommandRunner.run(["import", "Nomenclatures/exemple"], database: database)
    guard result.status == 0 else { throw CorpusError.setup(result.stderr) }
    return database
  }

  /// A copy of the baseline store in a fresh folder.
  static func storeCopy() throws -> URL {
    let folder = try Fixtures.temporaryFolder()
    let database = folder.appendingPathComponent("raccord.sqlite")
    try FileManager.default.copyItem(at: try baseline.get(), to: database)
    return database
  }

  /// Imports `paths` into a copy of the baseline store and asserts the refusal: status 2, a French
  /// error naming `naming` and saying each of `fragments`, "Rien n'a été importé", the store's bytes
  /// unchanged and no file left beside it.
  @discardableResult
  static func refuses(
    _ paths: [String], options: [String] = [], naming: String, saying fragments: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> CommandResult {
    let database = try storeCopy()
    let folder = database.deletingLastPathComponent()
    let before = try Data(contentsOf: database)
    let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    let result = try CommandRunner.run(["import"] + options + paths, database: database)
    #expect(result.status == 2, "status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("erreur : "), "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.contains("« \(naming)"), "\(result.stderr)", sourceLocation: sourceLocation)
    for fragment in fragments {
      #expect(result.stderr.contains(fragment), "« \(fragment) » in: \(result.stderr)", sourceLocation: sourceLocation)
    }
    #expect(result.stdout.contains("Rien n'a été importé"), sourceLocation: sourceLocation)
    #expect(try Data(contentsOf: database) == before, "the store changed", sourceLocation: sourceLocation)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == listing,
      "files left beside the store", sourceLocation: sourceLocation)
    try? FileManager.default.removeItem(at: folder)
    return result
  }

  /// Writes `data` as `name` in a fresh temporary folder.
  static func write(_ data: Data, named name: String) throws -> URL {
    let url = try Fixtures.temporaryFolder().appendingPathComponent(name)
    try data.write(to: url)
    return url
  }

  static func exampleNomenclature() throws -> Data {
    try Data(contentsOf: Fixtures.exampleSchool.appendingPathComponent("2025/Nomenclature.xml"))
  }

  static func exampleLSU() throws -> String {
    let data = try Data(
      contentsOf: Fixtures.exampleSchool.appendingPathComponent("2025/gradebook/lsu-bilans-2025-T1.xml"))
    return String(decoding: data, as: UTF8.self)
  }

  /// A small but valid `Nomenclature.xml` of the example school (or `uai`), one matière.
  static func nomenclature(libelle: String, uai: String = "0789990K", stamp: String = "06/09/2025 10:00:00") -> String {
    """
    <?xml version="1.0" encoding="ISO-8859-15"?>
    <BEE_NOMENCLATURES VERSION="3.1">
      <PARAMETRES>
        <UAJ>\(uai)</UAJ>
        <ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>
        <HORODATAGE>\(stamp)</HORODATAGE>
      </PARAMETRES>
      <DONNEES>
        <MATIERES>
          <MATIERE CODE_MATIERE="030201">
            <CODE_GESTION>AGL1</CODE_GESTION>
            <LIBELLE_COURT>ANGLAIS LV1</LIBELLE_COURT>
            <LIBELLE_LONG>ANGLAIS LV1</LIBELLE_LONG>
            <LIBELLE_EDITION>\(libelle)</LIBELLE_EDITION>
          </MATIERE>
        </MATIERES>
      </DONNEES>
    </BEE_NOMENCLATURES>

    """
  }

  /// A gradebook's services, as PRONOTE exports them.
  static let servicesCSV = """
    Classe/Groupe;Matière;Code matière;Nom;Prénom;Identifiant STS;Co-enseignement
    6A;Français;020700;BERTHELOT;Anne Laure;8123;Non
    6A;Éducation musicale;;PRADEL;Étienne;12741;Non

    """

  /// A zip archive made by `body`, in a fresh temporary folder.
  static func zip(named name: String, _ body: (Archive) throws -> Void) throws -> URL {
    let url = try Fixtures.temporaryFolder().appendingPathComponent(name)
    try body(try Archive(url: url, accessMode: .create))
    return url
  }

  static func add(_ data: Data, as path: String, to archive: Archive) throws {
    try archive.addEntry(
      with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
      provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
  }

  /// Overwrites the uncompressed size of every entry, in the local headers and the central directory.
  static func patchUncompressedSizes(of zip: URL, to size: UInt32) throws {
    var bytes = [UInt8](try Data(contentsOf: zip))
    func put(_ value: UInt32, at offset: Int) {
      for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }
    var offset = 0
    while offset + 4 <= bytes.count {
      let signature = bytes[offset..<offset + 4]
      if signature.elementsEqual([0x50, 0x4B, 0x03, 0x04]) { put(size, at: offset + 22) }
      if signature.elementsEqual([0x50, 0x4B, 0x01, 0x02]) { put(size, at: offset + 24) }
      offset += 1
    }
    try Data(bytes).write(to: zip)
  }
}

enum CorpusError: Error {
  case setup(String)
}
