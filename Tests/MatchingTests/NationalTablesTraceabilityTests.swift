import Foundation
import RaccordCore
import RaccordTestSupport
import Testing

@testable import Matching

/// The data is traceable: the national tables are rebuilt byte for byte from the BCN files of
/// `../shared/reference`, and every curated row of `Mappings/` names a document a reader can open.
@Suite struct NationalTablesTraceabilityTests {
  static let root = Fixtures.repositoryRoot
  static let bcn = Fixtures.sharedReference.appendingPathComponent("bcn")
  static let national = root.appendingPathComponent("Nomenclatures/national")

  @Test func theScriptRebuildsEveryNationalTableByteForByte() throws {
    try #require(
      FileManager.default.fileExists(atPath: Self.bcn.path), "dossier des tables BCN introuvable : \(Self.bcn.path)")
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try Python.run(
      ["Scripts/build-national-tables.py", "--reference", Self.bcn.path, "--out", folder.path, "--quiet"])
    try #require(run.status == 0, "le script a échoué (\(run.status)) : \(run.stderr)")

    let committed = try Self.csvFiles(in: Self.national)
    #expect(!committed.isEmpty)
    #expect(try Self.csvFiles(in: folder) == committed, "le script ne produit pas les mêmes tables")
    for name in committed {
      let expected = try Data(contentsOf: Self.national.appendingPathComponent(name))
      let built = try Data(contentsOf: folder.appendingPathComponent(name))
      #expect(
        expected == built,
        "Nomenclatures/national/\(name) diffère de ce que produit le script, \(Self.firstDifference(expected, built))")
    }
  }

  @Test func theScriptCheckModeAcceptsTheTablesAndRefusesAChangedOne() throws {
    let accepted = try Python.run(
      [
        "Scripts/build-national-tables.py", "--reference", Self.bcn.path, "--out", Self.national.path, "--check",
        "--quiet",
      ])
    #expect(accepted.status == 0, "--check refuse les tables livrées : \(accepted.stderr)")

    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in try Self.csvFiles(in: Self.national) {
      try FileManager.default.copyItem(
        at: Self.national.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    let changed = folder.appendingPathComponent("matieres.csv")
    var bytes = try Data(contentsOf: changed)
    bytes.append(contentsOf: Array("999999,X,,X,,,,MEN2019,MEN2019\n".utf8))
    try bytes.write(to: changed)
    let refused = try Python.run(
      ["Scripts/build-national-tables.py", "--reference", Self.bcn.path, "--out", folder.path, "--check", "--quiet"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("matieres.csv"))
  }

  /// Rule of `Nomenclatures/README.md`: a row carries the labels of one edition, the one in force for its dates.
  @Test func everyMatiereRowCarriesTheLabelsOfOneEdition() throws {
    let edition2012 = try Self.table(
      Fixtures.sharedReference.appendingPathComponent(
        "bcn/n_matiere_enseignee/2012-09_n_matiere_enseignee_BCN.csv"))
    var labels2012: [String: (gestion: String, long: String, edition: String)] = [:]
    for row in edition2012.rows {
      let code = String(repeating: "0", count: max(0, 6 - row["MATIERE_ENSEIGNEE"].count)) + row["MATIERE_ENSEIGNEE"]
      labels2012[code] = (
        row["LIBELLE_COURT_MATIERE_ENSEIGNE"], row["LIBELLE_LONG_MATIERE_ENSEIGNE"], row["LIBELLE_EDITION"]
      )
    }
    let matieres = try Self.table(Self.national.appendingPathComponent("matieres.csv"))
    var mixed: [String] = []
    for row in matieres.rows {
      let code = row["code"]
      let old = labels2012[code]
      let closedBefore2019 = !row["date_fermeture"].isEmpty && row["date_fermeture"] < "2019-09-09"
      let labels = (row["code_gestion"], row["libelle_long"], row["libelle_edition"])
      switch row["edition"] {
      case "MEN2012":
        if old.map({ ($0.gestion, $0.long, $0.edition) != labels }) ?? true {
          mixed.append("\(code) : libellés différents de l'édition 2012")
        }
        if !closedBefore2019 { mixed.append("\(code) : édition 2012 pour un code ouvert en 2019") }
      case "MEN2019":
        if old != nil && closedBefore2019 { mixed.append("\(code) : édition 2019 pour un code fermé avant 2019") }
        let editionOf2012 = old?.long == labels.1 && old?.edition == labels.2
        if !labels.2.isEmpty && !editionOf2012 {
          mixed.append("\(code) : libellé d'édition d'une autre édition que le libellé long")
        }
      case "MAT2024":
        if old != nil { mixed.append("\(code) : édition N_MATIERE pour un code de N_MATIERE_ENSEIGNEE") }
      default:
        mixed.append("\(code) : édition « \(row["edition"]) » inconnue")
      }
    }
    #expect(mixed.isEmpty, "\(mixed.count) ligne(s) : \(mixed.prefix(10).joined(separator: " ; "))")
    let hgemc = try #require(matieres.rows.first { $0["code"] == "042100" })
    #expect(hgemc["libelle_long"] == "HISTOIRE-GEOGRAPHIE-ENS. MORAL & CIVIQUE")
    #expect(hgemc["libelle_edition"].isEmpty)
  }

  @Test func everyMappingRowCitesAnExistingFile() throws {
    let tables = try Self.mappingTables()
    #expect(tables.map(\.name).contains("label-aliases.csv"))
    #expect(tables.map(\.name).contains("observed-labels.csv"))
    var problems: [String] = []
    for (name, table) in tables {
      guard table.header.contains("source") else {
        problems.append("\(name) : pas de colonne « source »")
        continue
      }
      for row in table.rows {
        let source = row["source"]
        let paths = Self.paths(in: source)
        if source.isEmpty || paths.isEmpty {
          problems.append("\(name) ligne \(row.line) : la source ne nomme aucun fichier")
        }
        for path in paths where !Self.exists(path) {
          problems.append("\(name) ligne \(row.line) : \(path) n'existe pas")
        }
        for column in ["source", "observed_in"] where Self.namesASearchIndex(row[column]) {
          problems.append("\(name) ligne \(row.line) : \(column) cite un index de recherche, pas un document")
        }
      }
    }
    #expect(problems.isEmpty, "\(problems.count) problème(s) : \(problems.prefix(10).joined(separator: " ; "))")
  }

  /// A label alias is found, as written, in one of the reference documents it cites.
  @Test func everyLabelAliasIsFoundInADocumentItCites() throws {
    let aliases = try Self.table(Self.root.appendingPathComponent("Mappings/label-aliases.csv"))
    #expect(aliases.rows.count >= 20)
    var documents = Documents()
    var problems: [String] = []
    for row in aliases.rows {
      let alias = row["alias"]
      var found = false
      var references = 0
      for citation in row["source"].components(separatedBy: "; ") {
        guard let path = Self.paths(in: citation).first else { continue }
        if path.hasPrefix("../shared/reference/") || path.hasPrefix("Nomenclatures/") { references += 1 }
        let words = citation.split(separator: " ").map(String.init)
        if words.count == 4, words[1] == "row" {
          guard let value = try documents.value(in: path, row: words[2], field: words[3]) else {
            problems.append("« \(alias) » : \(path) n'a pas de ligne \(words[2]) ni de champ \(words[3])")
            continue
          }
          if Self.same(value, alias) { found = true }
        } else if path.hasPrefix("../shared/"), try documents.text(of: path).map({ Self.contains($0, alias) }) ?? false
        {
          found = true
        }
      }
      if !found { problems.append("« \(alias) » ne figure dans aucun document cité") }
      if references == 0 { problems.append("« \(alias) » ne cite aucune table de référence") }
    }
    #expect(problems.isEmpty, "\(problems.count) problème(s) : \(problems.prefix(10).joined(separator: " ; "))")
  }

  @Test func everyObservedLabelIsInTheDocumentItWasObservedIn() throws {
    let observed = try Self.table(Self.root.appendingPathComponent("Mappings/observed-labels.csv"))
    #expect(!observed.rows.isEmpty)
    var documents = Documents()
    for row in observed.rows {
      let paths = Self.paths(in: row["observed_in"])
      #expect(!paths.isEmpty, "« \(row["alias"]) » : observed_in ne nomme aucun fichier")
      let texts = try paths.compactMap { try documents.text(of: $0) }
      #expect(texts.contains { Self.contains($0, row["alias"]) }, "« \(row["alias"]) » absent de \(paths)")
    }
  }

  @Test func everyMappingCodeIsInTheNationalTable() throws {
    let codes = Set(try Self.table(Self.national.appendingPathComponent("matieres.csv")).rows.map { $0["code"] })
    let groups = Set(
      try Self.table(Self.root.appendingPathComponent("Mappings/equivalences.csv")).rows.map { $0["group"] })
    var unknown: [String] = []
    for (name, table) in try Self.mappingTables() {
      for row in table.rows {
        for column in ["old_code", "new_code", "code"] where table.header.contains(column) {
          let value = row[column]
          let known = value.hasPrefix("group:") ? groups.contains(String(value.dropFirst(6))) : codes.contains(value)
          if !known { unknown.append("\(name) ligne \(row.line) : \(value)") }
        }
      }
    }
    #expect(unknown.isEmpty, "\(unknown.joined(separator: " ; "))")
  }

  @Test func everyRenameSaysItsKindScopeDatesAndBasis() throws {
    let renames = try Self.table(Self.root.appendingPathComponent("Mappings/renames.csv"))
    let matieres = try Self.table(Self.national.appendingPathComponent("matieres.csv"))
    let closing = Dictionary(uniqueKeysWithValues: matieres.rows.map { ($0["code"], $0["date_fermeture"]) })
    let iso = try Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    for row in renames.rows {
      let what = "renames.csv ligne \(row.line)"
      #expect(["rename", "replacement", "split"].contains(row["kind"]), "\(what) : kind")
      #expect(["stated", "inferred"].contains(row["basis"]), "\(what) : basis")
      for column in ["start_date", "end_date", "effective_date"] where !row[column].isEmpty {
        #expect(row[column].wholeMatch(of: iso) != nil, "\(what) : \(column) n'est pas une date ISO")
      }
      if !row["start_date"].isEmpty && !row["end_date"].isEmpty { #expect(row["start_date"] <= row["end_date"]) }
      switch row["kind"] {
      case "rename":
        #expect(row["old_code"] == row["new_code"], "\(what) : un renommage garde le code")
      case "replacement":
        let closed = try #require(closing[row["old_code"]], "\(what) : code inconnu")
        #expect(!closed.isEmpty, "\(what) : le code remplacé n'est pas fermé")
        #expect(row["effective_date"] == closed, "\(what) : effective_date ≠ date de fermeture")
        #expect(row["start_date"] == Self.dayAfter(closed), "\(what) : start_date ≠ lendemain de la fermeture")
      default:
        #expect(!row["scope"].isEmpty, "\(what) : une scission sans niveau")
      }
    }
  }

  @Test func theThirdGradeSplitAndTheFHGCIReplacementAreRead() throws {
    let tables = try MappingTables.load(from: Self.root.appendingPathComponent("Mappings"))
    let split = tables.successors(of: "042100").filter { $0.kind == "split" }
    #expect(Set(split.map(\.newCode)) == ["043700", "043800"])
    for rule in split {
      #expect(rule.scope == ["3e"])
      #expect(rule.startDate == "2025-09-01")
      #expect(rule.endDate == nil)
      #expect(rule.basis == "inferred")
      #expect(rule.applies(on: "2025-09-01", level: "3e"))
      #expect(rule.applies(on: "2025-09-01"))
      #expect(!rule.applies(on: "2025-09-01", level: "4e"))
      #expect(!rule.applies(on: "2024-09-01", level: "3e"))
    }
    let fhgci = try #require(tables.successors(of: "043300").first)
    #expect(fhgci.newCode == "023500")
    #expect(fhgci.kind == "replacement")
    #expect(fhgci.startDate == "2015-09-01")
    #expect(tables.renames.contains { $0.kind == "rename" && $0.basis == "stated" && $0.startDate == "2017-03-10" })
  }

  @Test func observedLabelsAreAliasesThatNeverOverrideSourcedOnes() throws {
    let tables = try MappingTables.load(from: Self.root.appendingPathComponent("Mappings"))
    let key = tables.normalizer.normalize("HIST.GEO.EN.MOR.CIV.")
    #expect(tables.aliases[key] == .code("042100"))
    #expect(tables.aliasTables[key] == "observed-labels.csv")
    #expect(tables.aliasTables[tables.normalizer.normalize("ENS. MORAL & CIVIQUE")] == "label-aliases.csv")
    let rows = try ["label-aliases.csv", "observed-labels.csv"].map {
      try Self.table(Self.root.appendingPathComponent("Mappings/\($0)")).rows.count
    }
    #expect(tables.aliases.count == rows.reduce(0, +), "deux alias ont la même forme normalisée")
  }

  // MARK: - Helpers

  static func csvFiles(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
  }

  static func mappingTables() throws -> [(name: String, table: Table)] {
    let folder = root.appendingPathComponent("Mappings")
    return try csvFiles(in: folder).map { ($0, try table(folder.appendingPathComponent($0))) }
  }

  static func table(_ url: URL) throws -> Table {
    let text = try #require(Documents.decode(try Data(contentsOf: url)), "\(url.path) illisible")
    return Table(CSVTable(text: text, separator: text.prefix { $0 != "\n" }.contains(";") ? ";" : ","))
  }

  /// Repository paths and `../shared` paths named in a text.
  static func paths(in text: String) -> [String] {
    guard let regex = try? Regex("(\\.\\./shared|Nomenclatures|Mappings|Scripts|Tests)/[^\\s;,()]+") else { return [] }
    return text.matches(of: regex).map {
      var path = String(text[$0.range])
      while path.hasSuffix(".") || path.hasSuffix(":") { path.removeLast() }
      return path
    }
  }

  static func url(_ path: String) -> URL { root.appendingPathComponent(path).standardizedFileURL }

  static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

  static func namesASearchIndex(_ text: String) -> Bool {
    let lowered = text.lowercased()
    return ["index id", "search index", "repository url not returned"].contains { lowered.contains($0) }
  }

  /// Equal once folded, ignoring spaces (code gestion `LV 1` is the label `LV1`).
  static func same(_ a: String, _ b: String) -> Bool {
    LabelNormalizer.fold(a).replacingOccurrences(of: " ", with: "")
      == LabelNormalizer.fold(b).replacingOccurrences(of: " ", with: "")
  }

  static func contains(_ text: String, _ label: String) -> Bool {
    LabelNormalizer.fold(text).contains(LabelNormalizer.fold(label))
  }

  static func dayAfter(_ iso: String) -> String {
    let parts = iso.split(separator: "-").compactMap { Int($0) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    guard parts.count == 3,
      let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
      let next = calendar.date(byAdding: .day, value: 1, to: day)
    else { return "" }
    let components = calendar.dateComponents([.year, .month, .day], from: next)
    return String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
  }

  static func firstDifference(_ a: Data, _ b: Data) -> String {
    let left = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let right = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(left.count, right.count) {
      let l = index < left.count ? String(left[index]) : "(fin)"
      let r = index < right.count ? String(right[index]) : "(fin)"
      if l != r { return "ligne \(index + 1) : « \(l) » au lieu de « \(r) »" }
    }
    return "mêmes lignes, octets différents"
  }
}

extension NationalTablesTraceabilityTests {
  /// A CSV table whose rows are read by column name.
  struct Table {
    struct Row {
      let line: Int
      let values: [String: String]
      subscript(_ column: String) -> String { values[column] ?? "" }
    }

    let header: [String]
    let rows: [Row]

    init(_ table: CSVTable) {
      header = table.header
      rows = table.rows.map { row in
        var values: [String: String] = [:]
        for (index, name) in table.header.enumerated() where index < row.fields.count {
          values[name] = row.fields[index].trimmingCharacters(in: .whitespaces)
        }
        return Row(line: row.line, values: values)
      }
    }
  }

  /// The documents `Mappings/` cites, read once: a row's field in a CSV, JSON or SIECLE XML file, or the whole text.
  struct Documents {
    private var texts: [String: String?] = [:]
    private var tables: [String: Table] = [:]

    static func decode(_ data: Data) -> String? {
      let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
      return String(data: body, encoding: .utf8) ?? String(data: body, encoding: .windowsCP1252)
    }

    mutating func text(of path: String) throws -> String? {
      if let text = texts[path] { return text }
      let url = NationalTablesTraceabilityTests.url(path)
      var isFolder: ObjCBool = false
      let text: String? =
        FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
        ? Self.decode(try Data(contentsOf: url)) : nil
      texts[path] = text
      return text
    }

    /// The value of `field` in the row (or JSON key, or SIECLE `MATIERE`) of `code`.
    mutating func value(in path: String, row code: String, field: String) throws -> String? {
      guard let text = try text(of: path) else { return nil }
      switch URL(fileURLWithPath: path).pathExtension {
      case "json":
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return (object?[code] as? [String: Any])?[field] as? String
      case "xml":
        guard let start = text.range(of: "<MATIERE CODE_MATIERE=\"\(code)\">"),
          let end = text.range(of: "</MATIERE>", range: start.upperBound..<text.endIndex),
          let open = text.range(of: "<\(field)>", range: start.upperBound..<end.lowerBound),
          let close = text.range(of: "</\(field)>", range: open.upperBound..<end.lowerBound)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
          .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
          .trimmingCharacters(in: .whitespaces)
      default:
        if tables[path] == nil {
          tables[path] = Table(CSVTable(text: text, separator: text.prefix { $0 != "\n" }.contains(";") ? ";" : ","))
        }
        guard let table = tables[path], let key = table.header.first, table.header.contains(field) else { return nil }
        func bare(_ value: String) -> String {
          value.allSatisfy(\.isNumber) ? String(value.drop { $0 == "0" }) : value
        }
        return table.rows.first { bare($0[key]) == bare(code) }.map { $0[field] }
      }
    }
  }

  /// Runs a Python 3 script from the repository root.
  enum Python {
    struct Result {
      var status: Int32
      var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3"] + arguments
      process.currentDirectoryURL = NationalTablesTraceabilityTests.root
      let errors = Pipe()
      process.standardOutput = FileHandle.nullDevice
      process.standardError = errors
      try process.run()
      let data = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      let stderr = String(decoding: data, as: UTF8.self)
      if process.terminationStatus == 127 {
        return Result(status: 127, stderr: "python3 introuvable (il faut Python 3.11 ou plus) : \(stderr)")
      }
      return Result(status: process.terminationStatus, stderr: stderr)
    }
  }
}
