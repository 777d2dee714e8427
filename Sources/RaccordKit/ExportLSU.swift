import Crypto
import Exports
import Foundation
import Matching
import RaccordCore
import Store
import XMLStreaming

/// Which libellé a recoded discipline carries in the corrected file.
public enum DisciplineLabels: String, Sendable, CaseIterable {
  /// The gradebook's libellé, as it was (the default).
  case file = "fichier"
  /// The libellé of the new code in the nomenclature: the school year's SIECLE or STS matières,
  /// else the national table; the printing libellé first, then the long and short ones, the
  /// first that fits LSU's 40 characters.
  case nomenclature
}

/// What `raccord export lsu` wrote.
public struct LSUExportReport: Sendable {
  public var output: URL
  public var changesCSV: URL
  public var changesJSON: URL
  public var result: LSURewriter.Result
  /// Review items left as they were (undecided or rejected), in French.
  public var undecided: [String]
  /// What the user must still do by hand, in French.
  public var notes: [String]

  /// The short French summary the command prints; without the paths of the files written, for a
  /// download from the web page (where the files are named by the browser).
  public func text(withPaths: Bool = true) -> String {
    var lines = [
      withPaths ? "Fichier LSU corrigé écrit : \(output.path)" : "Fichier LSU corrigé :",
      "  \(result.recoded) discipline(s) recodée(s), \(result.split) scindée(s) selon les classes, "
        + (result.relabelled > 0 ? "\(result.relabelled) avec le libellé de la nomenclature, " : "")
        + "\(result.merged) fusionnée(s), \(result.teachersCorrected) enseignant(s) corrigé(s), "
        + "\(result.coTeachersAdded) co-enseignement(s) ajouté(s) aux acquis, \(undecided.count) élément(s) non décidé(s)",
    ]
    if withPaths { lines.append("  Modifications : \(changesCSV.path) (et \(changesJSON.lastPathComponent))") }
    lines.append(
      notes.contains { $0.hasPrefix("Le fichier du logiciel de notes comporte déjà") }
        ? "  Les corrections n'ajoutent aucune erreur de schéma LSU 10.0 ni de référence."
        : "  Le fichier est conforme au schéma LSU 10.0 et ses références sont intactes.")
    if !undecided.isEmpty {
      lines.append("Laissés tels quels (non décidés ou rejetés) :")
      lines += undecided.map { "  - \($0)" }
    }
    if !notes.isEmpty {
      lines.append("À faire :")
      lines += notes.map { "  ! \($0)" }
    }
    return lines.joined(separator: "\n")
  }
}

extension Raccord {
  /// Rewrites the gradebook's imported LSU file with the reviewed decisions, checks the result
  /// against the LSU 10.0 schema and its references, and writes it atomically with the list of
  /// changes beside it.
  /// - Parameters:
  ///   - output: the file to write (default: `lsu-corrige-<UAI>-<année>.xml` in `directory`).
  ///   - directory: where to write by default (the current folder when `nil`).
  ///   - labels: whether recoded disciplines take the nomenclature's libellé.
  public func exportLSU(
    uai: String? = nil, year: Int? = nil, output: URL? = nil, directory: URL? = nil,
    labels: DisciplineLabels = .file
  ) throws -> LSUExportReport {
    let school = try resolveSchool(uai)
    let start = try resolveYear(uai: school, year: year)
    // Uses once per discipline, teachers and division: memory does not grow with the file.
    let data = try database.schoolYearData(uai: school, year: start, acquis: false)
    guard data.loadedKinds.contains(.lsuBilans) else {
      if data.loadedKinds.contains(.gradebookServices) {
        throw RaccordError.gradebookIsCSV(uai: school, year: start)
      }
      throw RaccordError.gradebookMissing(uai: school, year: start)
    }
    let source = try gradebookSource(uai: school, year: start)
    defer { if source.temporary { try? FileManager.default.removeItem(at: source.url) } }
    let target =
      output
      ?? (directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent(
        "lsu-corrige-\(school)-\(start).xml")
    let targetPath = target.standardizedFileURL.resolvingSymlinksInPath().path
    let inputs = [source.url, source.original].compactMap { $0?.standardizedFileURL.resolvingSymlinksInPath().path }
    if inputs.contains(targetPath) {
      throw RaccordError.exportOverwritesInput(path: targetPath)
    }
    let suggestions = try self.suggestions(for: data)
    var (plan, undecided, notes) = lsuPlan(
      data: data, suggestions: suggestions, decisions: try database.decisions(uai: school), labels: labels)

    let folder = target.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partiel")
    defer { try? FileManager.default.removeItem(at: temporary) }
    guard let validator = try lsuValidator(version: .current) else {
      throw RaccordError.dataDirectoryNotFound(tried: [])
    }
    // One pass: the rewrite reads the input once, checks the references of what it reads and
    // writes, and hands what it writes to the XSD validation, which runs beside it.
    let result: LSURewriter.Result
    let schemaProblems: [SchemaProblem]
    do {
      let validation = try validator.streaming()
      result = try LSURewriter(plan: plan).rewrite(source.url, to: temporary, validation: validation)
      schemaProblems = validation.finish()
    } catch let error as LSUExportError {
      throw RaccordError.lsuExport(error)
    }
    // The rewrite must add no problem; those the gradebook's file already had are left as they were.
    var before: [String: Int] = [:]
    // The input's schema problems were recorded at its import (against the same 10.0 schema).
    let original =
      data.schemaProblems.map { (line: $0.0, message: SchemaMessage.french($0.1)) } + result.inputReferenceProblems
    for problem in original { before[problem.message, default: 0] += 1 }
    var added: [(line: Int, message: String)] = []
    let found = schemaProblems.map { (line: $0.line, message: SchemaMessage.french($0.message)) }
    for problem in found + result.outputReferenceProblems {
      if let count = before[problem.message], count > 0 {
        before[problem.message] = count - 1
      } else {
        added.append(problem)
      }
    }
    if !added.isEmpty {
      throw RaccordError.correctedFileInvalid(
        problems: added.prefix(8).map { "ligne \($0.line) : \($0.message)" })
    }
    if !original.isEmpty {
      let examples: [String] = original.prefix(3).map { "ligne \($0.line) : \($0.message)" }
      let more = original.count > 3 ? " ; …" : ""
      notes.append(
        "Le fichier du logiciel de notes comporte déjà \(original.count) erreur(s) que Raccord ne corrige pas "
          + "(laissées telles quelles ; voyez « raccord check ») : " + examples.joined(separator: " ; ") + more
          + ". Corrigez-les dans le logiciel de notes avant l'import dans LSU.")
    }
    // rename(2) replaces the target atomically: readers see the old file or the new one, never half.
    guard rename(temporary.path, target.path) == 0 else {
      let reason =
        switch errno {
        case EISDIR, ENOTEMPTY: "un dossier porte déjà ce nom"
        case EACCES, EPERM, EROFS: "permission refusée"
        case ENOSPC: "le disque est plein"
        default: String(cString: strerror(errno))
        }
      throw RaccordError.cannotWrite(path: target.path, reason: reason)
    }
    let base = target.deletingPathExtension().lastPathComponent
    let csv = folder.appendingPathComponent("\(base)-modifications.csv")
    let json = folder.appendingPathComponent("\(base)-modifications.json")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try write(
      CSVWriter().document(header: LSUChange.headers, rows: result.changes.map(\.fields)), to: csv)
    try write(try encoder.encode(result.changes), to: json)
    return LSUExportReport(
      output: target, changesCSV: csv, changesJSON: json, result: result, undecided: undecided, notes: notes)
  }

  /// `discipline/@libelle` is an LSU `Chaine40`: 1 to 40 characters, not only spaces.
  static let libelleMaxLength = 40

  /// The nomenclature's libellé of a matière code that fits in a `discipline/@libelle`: the school
  /// year's matières first, then the national table; printing, long, then short libellé.
  static func nomenclatureLabel(_ code: String, in data: SchoolYearData) -> String? {
    let school = data.catalogue.first { $0.code == code }
    let national = data.national.first { $0.code == code }
    let candidates = [
      school?.libelleEdition, school?.libelleLong, school?.libelleCourt, national?.libelleEdition,
      national?.libelleLong, national?.libelleCourt,
    ]
    for candidate in candidates {
      guard let text = candidate?.split(whereSeparator: \.isWhitespace).joined(separator: " "), !text.isEmpty
      else { continue }
      if text.unicodeScalars.count <= libelleMaxLength { return text }
    }
    return nil
  }

  /// The imported LSU file, as kept beside the store or where it was read, if its bytes are
  /// unchanged; else the copy kept inside the store, written to a temporary file (`temporary`: the
  /// caller removes it).
  func gradebookSource(uai: String, year: Int) throws -> (url: URL, original: URL?, temporary: Bool) {
    guard let file = try database.currentFile(kind: .lsuBilans, uai: uai, year: year) else {
      throw RaccordError.gradebookMissing(uai: uai, year: year)
    }
    let original = file.sourcePath.map { URL(fileURLWithPath: $0) }
    let candidates = [database.filesFolder?.appendingPathComponent("\(file.sha256).xml"), original].compactMap { $0 }
    for candidate in candidates where Self.sha256(of: candidate) == file.sha256 {
      return (candidate, original, false)
    }
    let restored = FileManager.default.temporaryDirectory.appendingPathComponent(
      "raccord-\(file.sha256)-\(UUID().uuidString).xml")
    if try database.restoreFileCopy(sha256: file.sha256, to: restored) {
      if Self.sha256(of: restored) == file.sha256 { return (restored, original, true) }
      try? FileManager.default.removeItem(at: restored)
    }
    throw RaccordError.gradebookFileGone(fileName: file.fileName)
  }

  static func sha256(of url: URL) -> String? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    var hasher = SHA256()
    while true {
      let chunk = handle.readData(ofLength: 1 << 20)
      if chunk.isEmpty { break }
      hasher.update(data: chunk)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// What review decided, as a rewrite plan; the undecided items; what is left to do by hand.
  func lsuPlan(
    data: SchoolYearData, suggestions: SuggestionReport, decisions: [ReviewDecision], labels: DisciplineLabels = .file
  ) -> (LSURewritePlan, [String], [String]) {
    var plan = LSURewritePlan()
    var undecided: [String] = []
    var notes: [String] = []
    func cause(_ keys: [String]) -> LSURewritePlan.Cause {
      let decision = decisions.first { keys.contains($0.itemKey) && $0.year == data.year }
      return LSURewritePlan.Cause(
        key: decision?.itemKey ?? keys[0], author: decision?.author, decidedAt: decision?.decidedAt,
        note: decision?.note)
    }
    let disciplines = Dictionary(data.disciplines.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var divisionsOf: [String: Set<String>] = [:]
    for use in data.uses {
      if let division = use.division { divisionsOf[use.disciplineID, default: []].insert(division) }
    }
    for item in suggestions.subjects where !item.disciplineIDs.isEmpty {
      guard item.status == .accepted, let code = item.chosenCode else {
        let divisions = item.divisions.filter { division in
          item.disciplineIDs.contains { divisionsOf[$0]?.contains(division) == true }
        }
        if !divisions.isEmpty {
          undecided.append("« \(item.label) » en \(divisions.joined(separator: ", ")) : \(item.status.rawValue)")
        }
        continue
      }
      var libelle: String?
      if labels == .nomenclature, item.disciplineIDs.contains(where: { disciplines[$0]?.code != code }) {
        libelle = Self.nomenclatureLabel(code, in: data)
        if libelle == nil {
          notes.append(
            "Aucun libellé de la nomenclature pour \(code) ne tient dans les \(Self.libelleMaxLength) caractères "
              + "que LSU accepte : « \(item.label) » garde le libellé du logiciel de notes.")
        }
      }
      for id in item.disciplineIDs {
        let used = divisionsOf[id] ?? []
        for division in item.divisions where used.contains(division) {
          plan.subjects[id, default: [:]][division] = LSURewritePlan.Subject(
            code: code, modalite: item.chosenModalite ?? disciplines[id]?.modalite ?? "S", libelle: libelle,
            cause: cause([item.key, item.itemKey]))
        }
      }
      // STS Web still serves the old code: the teacher would have no service for the new one.
      let recodedIn = item.divisions.filter { division in
        item.disciplineIDs.contains { id in
          divisionsOf[id]?.contains(division) == true && disciplines[id]?.code != nil && disciplines[id]?.code != code
        }
      }
      let oldCodes = Set(item.disciplineIDs.compactMap { disciplines[$0]?.code }).subtracting([code])
      let stale = recodedIn.filter { division in
        let related = Set([division]).union(data.groupDivisions.filter { $0.value.contains(division) }.map(\.key))
        let served = data.services.filter { related.contains($0.structure) }.map(\.matiere)
        return served.contains { oldCodes.contains($0) } && !served.contains(code)
      }
      if !stale.isEmpty {
        notes.append(
          "Dans STS Web, le service de « \(item.label) » en \(stale.joined(separator: ", ")) est encore déclaré en "
            + "\(oldCodes.sorted().joined(separator: ", ")) : déclarez-le en \(code), sinon LSU signalera ses enseignants "
            + "comme sans service dans la classe.")
      }
      // In 3e from 2025-26, HG and EMC are two obligatory subjects: 043700 does not provide EMC.
      let thirds = item.divisions.filter { division in
        (data.structureMEFs[division] ?? []).contains { mef in
          data.programme.contains { $0.mef == mef && $0.matiere == "043800" }
        }
      }
      if code == "043700", data.year >= 2025, !thirds.isEmpty,
        !data.disciplines.contains(where: { $0.code == "043800" })
      {
        notes.append(
          "« \(item.label) » devient Histoire-Géographie (043700) en \(thirds.joined(separator: ", ")) : en 3e, "
            + "l'EMC (043800) est une matière distincte et obligatoire que ce code ne fournit pas. Créez le service "
            + "d'EMC de ces classes dans le logiciel de notes (avec ses notes ou positionnements), puis exportez à nouveau."
        )
      }
    }
    let validTypes: Set<String> = ["epp", "local", "dir"]
    for teacher in suggestions.teachers where !teacher.lsuIDs.isEmpty {
      guard teacher.status == .accepted, let person = teacher.chosen else {
        if teacher.status != .accepted {
          undecided.append("enseignant \(teacher.name) : \(teacher.status.rawValue)")
        }
        continue
      }
      let type = person.type.flatMap { validTypes.contains($0) ? $0 : nil }
      if type == nil {
        notes.append(
          "\(person.displayName) a le type STS « \(person.type ?? "?") », que LSU ne connaît pas : son type dans le "
            + "fichier est laissé tel quel ; choisissez epp, local ou dir dans le logiciel de notes si LSU le refuse.")
      }
      for id in teacher.lsuIDs {
        plan.teachers[id] = LSURewritePlan.Teacher(idSTS: person.id, type: type, cause: cause([teacher.key]))
      }
      for advice in teacher.replacements {
        let divisions = data.groupDivisions[advice.structure].map(Array.init) ?? [advice.structure]
        for division in divisions {
          let ids = Set(
            suggestions.subjects.filter { $0.divisions.contains(division) && $0.chosenCode == advice.matiere }
              .flatMap(\.disciplineIDs))
          for titular in advice.titulars {
            for id in teacher.lsuIDs {
              plan.coTeachers.append(
                LSURewritePlan.CoTeacher(
                  division: division, disciplineIDs: ids, replacementID: id, idSTS: titular.id,
                  type: titular.type.flatMap { validTypes.contains($0) ? $0 : nil } ?? "epp",
                  civilite: titular.civilite.flatMap {
                    ["1", "M", "M."].contains($0) ? "M" : ["2", "3", "MME", "Mme"].contains($0) ? "MME" : nil
                  },
                  nom: titular.nomUsage ?? titular.nomPatronymique, prenom: titular.prenom, cause: cause([teacher.key]))
              )
            }
          }
        }
      }
    }
    if !plan.coTeachers.isEmpty {
      notes.append(
        "Co-enseignement ajouté aux acquis : LSU signale encore, sans bloquer, un enseignant sans service STS dans la "
          + "classe tant que le co-enseignement n'est pas déclaré dans STS Web.")
    }
    return (plan, undecided, notes)
  }
}
