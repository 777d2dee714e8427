import Foundation
import XMLStreaming

/// What review decided for the gradebook's LSU file: the code of each discipline in each division,
/// the STS individual of each teacher, and the titulars to add as co-teachers.
public struct LSURewritePlan: Sendable {
  /// Who decided a change, for the change list.
  public struct Cause: Sendable, Hashable, Codable {
    public var key: String
    public var author: String?
    public var decidedAt: String?
    public var note: String?

    public init(key: String, author: String?, decidedAt: String?, note: String?) {
      self.key = key
      self.author = author
      self.decidedAt = decidedAt
      self.note = note
    }
  }

  public struct Subject: Sendable, Hashable {
    public var code: String
    public var modalite: String
    /// The libellé to write when the discipline is recoded; `nil` keeps the file's.
    public var libelle: String?
    public var cause: Cause

    public init(code: String, modalite: String, libelle: String? = nil, cause: Cause) {
      self.code = code
      self.modalite = modalite
      self.libelle = libelle
      self.cause = cause
    }
  }

  public struct Teacher: Sendable, Hashable {
    public var idSTS: String
    /// `nil` to keep the file's type (an STS type LSU does not know is left to the user).
    public var type: String?
    public var cause: Cause

    public init(idSTS: String, type: String?, cause: Cause) {
      self.idSTS = idSTS
      self.type = type
      self.cause = cause
    }
  }

  /// A titular to add to the acquis of a division and discipline taught by a replacement.
  public struct CoTeacher: Sendable, Hashable {
    public var division: String
    /// The gradebook discipline ids concerned.
    public var disciplineIDs: Set<String>
    /// The replacement's `enseignant` id in the file.
    public var replacementID: String
    public var idSTS: String
    public var type: String
    public var civilite: String?
    public var nom: String?
    public var prenom: String?
    public var cause: Cause

    public init(
      division: String, disciplineIDs: Set<String>, replacementID: String, idSTS: String, type: String,
      civilite: String?, nom: String?, prenom: String?, cause: Cause
    ) {
      self.division = division
      self.disciplineIDs = disciplineIDs
      self.replacementID = replacementID
      self.idSTS = idSTS
      self.type = type
      self.civilite = civilite
      self.nom = nom
      self.prenom = prenom
      self.cause = cause
    }
  }

  /// Discipline id → division → what it becomes there (divisions absent keep the discipline as it is).
  public var subjects: [String: [String: Subject]] = [:]
  /// `enseignant` id → its STS individual.
  public var teachers: [String: Teacher] = [:]
  public var coTeachers: [CoTeacher] = []

  public init() {}
}

/// One change written to the corrected file.
public struct LSUChange: Sendable, Hashable, Codable {
  public var element: String
  public var id: String
  public var division: String
  public var before: String
  public var after: String
  public var cause: LSURewritePlan.Cause?

  public static let headers = [
    "Élément", "Identifiant", "Division", "Avant", "Après", "Décision", "Auteur", "Date", "Note",
  ]

  public var fields: [String] {
    [
      element, id, division, before, after, cause?.key ?? "", cause?.author ?? "", cause?.decidedAt ?? "",
      cause?.note ?? "",
    ]
  }
}

public enum LSUExportError: Error, Equatable, Sendable, LocalizedError {
  case truncated
  case schemaVersion(found: String?)
  case write(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .truncated:
      "Le fichier LSU importé est tronqué ou mal formé : réimportez l'export du logiciel de notes."
    case .schemaVersion(let found):
      "Le fichier LSU est au format \(found.map { "« \($0) »" } ?? "inconnu") : seul le format 10.0, le seul que "
        + "LSU accepte, peut être corrigé. Exportez-le à nouveau depuis le logiciel de notes au format 10.0."
    case .write(let path, let reason):
      "Impossible d'écrire « \(path) » : \(reason). Rien n'a été écrit."
    }
  }
}

/// Rewrites a gradebook LSU file as a stream, changing only what the plan says and copying every
/// other byte as it was: same declaration, encoding, order and layout.
public struct LSURewriter {
  public let plan: LSURewritePlan

  public init(plan: LSURewritePlan) {
    self.plan = plan
  }

  public struct Result: Sendable {
    public var changes: [LSUChange] = []
    /// Disciplines split into one per code.
    public var split = 0
    public var recoded = 0
    /// Disciplines given the nomenclature's libellé.
    public var relabelled = 0
    public var merged = 0
    public var teachersCorrected = 0
    public var coTeachersAdded = 0
    /// References of the input that point nowhere or to the wrong kind of element, by line.
    public var inputReferenceProblems: [(line: Int, message: String)] = []
    /// The same for the file written.
    public var outputReferenceProblems: [(line: Int, message: String)] = []
  }

  /// Writes the corrected file from `input` to `output`, in one pass over the input: the bytes
  /// written also go to `validation` (an XSD validation running beside), and the references of
  /// both the input and the output are checked on the way (``Result/inputReferenceProblems``,
  /// ``Result/outputReferenceProblems``).
  public func rewrite(_ input: URL, to output: URL, validation: SchemaStream? = nil) throws -> Result {
    var scanner = try XMLTagScanner(url: input)
    FileManager.default.createFile(atPath: output.path, contents: nil)
    guard let out = FileHandle(forWritingAtPath: output.path) else {
      throw LSUExportError.write(path: output.path, reason: "fichier impossible à créer")
    }
    defer { try? out.close() }
    var state = RewriteState(plan: plan)
    var inputReferences = LSUReferenceCollector()
    var outputReferences = LSUReferenceCollector()
    var inputLine = 1
    var outputLine = 1
    var written: [UInt8] = []
    written.reserveCapacity(1 << 17)
    func flush() {
      out.write(Data(written))
      written.withUnsafeBytes { validation?.send($0) }
      written.removeAll(keepingCapacity: true)
    }
    func emit(_ bytes: [UInt8]) {
      outputLine += Self.lineBreaks(bytes)
      written += bytes
      if written.count > 1 << 16 { flush() }
    }
    // Whitespace between two tags is held until we know whether the next tag stays.
    var pendingText: [UInt8] = []
    while let piece = try scanner.next() {
      switch piece {
      case .text(let bytes):
        inputLine += Self.lineBreaks(bytes)
        pendingText += bytes
      case .other(let bytes):
        if bytes.starts(with: Array("<?xml ".utf8)) { state.encoding = XMLEncoding(declaration: bytes) }
        inputLine += Self.lineBreaks(bytes)
        emit(pendingText)
        emit(bytes)
        pendingText.removeAll(keepingCapacity: true)
      case .end(let name, let bytes):
        if name == "enseignants" {
          for tag in state.addedTeacherTags() {
            emit(state.lastTeacherIndent)
            if let added = XMLStartTag(tag) { outputReferences.add(.init(added), line: outputLine) }
            emit(tag)
          }
        }
        emit(pendingText)
        emit(bytes)
        pendingText.removeAll(keepingCapacity: true)
        state.ended(name)
      case .start(let tag):
        let entry = LSUReferenceCollector.Entry(tag)
        if !entry.isEmpty { inputReferences.add(entry, line: inputLine) }
        inputLine += Self.lineBreaks(tag.bytes)
        let replacement = try state.rewrite(tag, indent: pendingText)
        if replacement.isEmpty, pendingText.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
          pendingText.removeAll(keepingCapacity: true)  // a merged element disappears with its line
          continue
        }
        emit(pendingText)
        pendingText.removeAll(keepingCapacity: true)
        for (index, bytes) in replacement.enumerated() {
          if index > 0 { emit(state.lastIndent(of: tag.name)) }
          if bytes == tag.bytes {
            if !entry.isEmpty { outputReferences.add(entry, line: outputLine) }
          } else if let changed = XMLStartTag(bytes) {
            outputReferences.add(.init(changed), line: outputLine)
          }
          emit(bytes)
        }
      }
    }
    emit(pendingText)
    flush()
    var result = state.result
    result.inputReferenceProblems = inputReferences.problems()
    result.outputReferenceProblems = outputReferences.problems()
    return result
  }

  static func lineBreaks(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      var count = 0
      for byte in buffer where byte == 0x0A { count += 1 }
      return count
    }
  }
}

/// What the rewrite has seen so far, and the new ids it gave.
struct RewriteState {
  let plan: LSURewritePlan
  var result = LSURewriter.Result()
  /// Pupil id → division, from `eleve/@code-division`.
  var pupilDivision: [String: String] = [:]
  /// (discipline id, division) → id written; divisions absent use `disciplineDefault`.
  var disciplineInDivision: [String: [String: String]] = [:]
  var disciplineDefault: [String: String] = [:]
  /// Every id a discipline id stands for now (its variants, or the discipline it was merged into).
  var disciplineVariants: [String: [String]] = [:]
  /// (code, modalité, id-lv) → the first discipline written with it.
  var disciplineByKey: [String: String] = [:]
  /// Teacher id → id written (merged teachers point to the one kept).
  var teacherID: [String: String] = [:]
  var teacherByKey: [String: String] = [:]
  /// Titulars added, by STS id → their new `enseignant` id.
  var addedTeachers: [String: (id: String, coTeacher: LSURewritePlan.CoTeacher)] = [:]
  var currentPupil: String?
  var indents: [String: [UInt8]] = [:]
  var lastTeacherIndent: [UInt8] = Array("\n".utf8)
  var usedIDs: Set<String> = []
  /// The file's encoding, from its XML declaration.
  var encoding = XMLEncoding.utf8

  init(plan: LSURewritePlan) {
    self.plan = plan
    for (index, coTeacher) in plan.coTeachers.enumerated() where addedTeachers[coTeacher.idSTS] == nil {
      addedTeachers[coTeacher.idSTS] = ("ENS_RACCORD_\(coTeacher.idSTS)_\(index)", coTeacher)
    }
  }

  func lastIndent(of name: String) -> [UInt8] { indents[name] ?? Array("\n".utf8) }

  mutating func ended(_ name: String) {
    if name == "bilan-periodique" || name == "bilan-cycle" { currentPupil = nil }
  }

  /// The tags that stand for `tag` in the output: none (merged away), one, or several (split).
  mutating func rewrite(_ tag: XMLStartTag, indent: [UInt8]) throws -> [[UInt8]] {
    var tag = tag
    if tag.contains("id="), let id = tag.attribute("id") { usedIDs.insert(id) }
    switch tag.name {
    case "lsun-bilans":
      guard tag.attribute("schemaVersion") == "10.0" else {
        throw LSUExportError.schemaVersion(found: tag.attribute("schemaVersion"))
      }
    case "eleve":
      if let id = tag.attribute("id"), let division = tag.attribute("code-division") { pupilDivision[id] = division }
    case "discipline":
      indents["discipline"] = indent
      return disciplines(tag)
    case "enseignant":
      indents["enseignant"] = indent
      lastTeacherIndent = indent
      return teacher(tag)
    case "bilan-periodique", "bilan-cycle":
      currentPupil = tag.attribute("eleve-ref")
    default:
      break
    }
    repoint(&tag)
    return [tag.bytes]
  }

  /// A discipline, split into one per code its divisions need, or merged into an earlier one.
  mutating func disciplines(_ tag: XMLStartTag) -> [[UInt8]] {
    guard let id = tag.attribute("id") else { return [tag.bytes] }
    let before = [tag.attribute("code") ?? "", tag.attribute("modalite-election") ?? ""]
    let byDivision = plan.subjects[id] ?? [:]
    // The targets in a stable order: the original code first when some divisions keep it.
    var targets: [[String]] = []
    var causes: [[String]: LSURewritePlan.Cause] = [:]
    var libelles: [[String]: String] = [:]
    for division in byDivision.keys.sorted() {
      let subject = byDivision[division]!
      let target = [subject.code, subject.modalite]
      if !targets.contains(target) { targets.append(target) }
      causes[target] = causes[target] ?? subject.cause
      if let libelle = subject.libelle, libelles[target] == nil { libelles[target] = libelle }
    }
    if targets.isEmpty { targets = [before] }
    var written: [[UInt8]] = []
    var variants: [String] = []
    for (index, target) in targets.enumerated() {
      var variant = tag
      var variantID = id
      if index > 0 {
        variantID = uniqueID("\(id)_\(target[0])")
        variant.set("id", variantID)
      }
      var relabel: (before: String, after: String)?
      if target != before {
        variant.set("code", target[0])
        variant.set("modalite-election", target[1])
        // Only a recoded discipline takes the nomenclature's libellé, and only when asked.
        if target[0] != before[0], let libelle = libelles[target] {
          let old = variant.attribute("libelle", encoding: encoding) ?? ""
          if old != libelle {
            variant.set("libelle", libelle, asciiOnly: !encoding.isUnicode)
            relabel = (old, libelle)
          }
        }
      }
      let key = target.joined(separator: "|") + "|" + (tag.attribute("id-lv") ?? "")
      let divisions = byDivision.filter { [$0.value.code, $0.value.modalite] == target }.keys.sorted()
      if let kept = disciplineByKey[key] {
        result.merged += 1
        result.changes.append(
          LSUChange(
            element: "discipline", id: variantID, division: divisions.joined(separator: " "),
            before: before.joined(separator: " "),
            after: "fusionnée avec \(kept) (\(target.joined(separator: " ")))", cause: causes[target]))
        for division in divisions { disciplineInDivision[id, default: [:]][division] = kept }
        if index == 0 { disciplineDefault[id] = kept }
        variants.append(kept)
        continue
      }
      disciplineByKey[key] = variantID
      for division in divisions { disciplineInDivision[id, default: [:]][division] = variantID }
      if index == 0 { disciplineDefault[id] = variantID }
      variants.append(variantID)
      written.append(variant.bytes)
      if target != before {
        result.changes.append(
          LSUChange(
            element: "discipline", id: variantID, division: divisions.joined(separator: " "),
            before: before.joined(separator: " "), after: target.joined(separator: " "), cause: causes[target]))
        if index == 0 { result.recoded += 1 }
      }
      if let relabel {
        result.relabelled += 1
        result.changes.append(
          LSUChange(
            element: "discipline (libellé)", id: variantID, division: divisions.joined(separator: " "),
            before: relabel.before, after: relabel.after, cause: causes[target]))
      }
    }
    if targets.count > 1 { result.split += 1 }
    disciplineVariants[id] = variants
    return written
  }

  /// A teacher, with the STS individual review confirmed, or merged into an earlier one.
  mutating func teacher(_ tag: XMLStartTag) -> [[UInt8]] {
    guard let id = tag.attribute("id") else { return [tag.bytes] }
    var tag = tag
    let before = "\(tag.attribute("type") ?? "") \(tag.attribute("id-sts") ?? "")"
    if let target = plan.teachers[id] {
      tag.set("id-sts", target.idSTS)
      if let type = target.type { tag.set("type", type) }
      let after = "\(tag.attribute("type") ?? "") \(tag.attribute("id-sts") ?? "")"
      if after != before {
        result.teachersCorrected += 1
        result.changes.append(
          LSUChange(element: "enseignant", id: id, division: "", before: before, after: after, cause: target.cause))
      }
    }
    let key = "\(tag.attribute("type") ?? "")|\(tag.attribute("id-sts") ?? "")"
    if let kept = teacherByKey[key] {
      teacherID[id] = kept
      result.changes.append(
        LSUChange(
          element: "enseignant", id: id, division: "", before: before, after: "fusionné avec \(kept)",
          cause: plan.teachers[id]?.cause))
      return []
    }
    teacherByKey[key] = id
    teacherID[id] = id
    // A titular already in the file is used as it is.
    if let idSTS = tag.attribute("id-sts"), let added = addedTeachers[idSTS] {
      addedTeachers[idSTS] = (id, added.coTeacher)
      teacherByKey["existing|\(idSTS)"] = id
    }
    return [tag.bytes]
  }

  /// The titulars that are not in the file yet, as new `enseignant` elements.
  mutating func addedTeacherTags() -> [[UInt8]] {
    var tags: [[UInt8]] = []
    for (idSTS, added) in addedTeachers.sorted(by: { $0.key < $1.key }) where teacherByKey["existing|\(idSTS)"] == nil {
      let person = added.coTeacher
      let ascii = !encoding.isUnicode
      var text =
        "<enseignant id=\"\(added.id)\" type=\"\(XMLText.escape(person.type, asciiOnly: ascii))\" id-sts=\"\(idSTS)\""
      if let civilite = person.civilite { text += " civilite=\"\(XMLText.escape(civilite, asciiOnly: ascii))\"" }
      if let nom = person.nom { text += " nom=\"\(XMLText.escape(nom, asciiOnly: ascii))\"" }
      if let prenom = person.prenom { text += " prenom=\"\(XMLText.escape(prenom, asciiOnly: ascii))\"" }
      text += "/>"
      tags.append(Array(text.utf8))
      result.changes.append(
        LSUChange(
          element: "enseignant", id: added.id, division: person.division, before: "",
          after: "ajouté : titulaire \(person.nom ?? "") (id STS \(idSTS)) en co-enseignement", cause: person.cause))
    }
    return tags
  }

  func uniqueID(_ base: String) -> String {
    var candidate = base
    var number = 2
    while usedIDs.contains(candidate) {
      candidate = "\(base)_\(number)"
      number += 1
    }
    return candidate
  }

  /// Points every reference of a tag to the disciplines and teachers as written.
  mutating func repoint(_ tag: inout XMLStartTag) {
    guard tag.contains("-ref") else { return }
    // The attributes are read once; the few changes are applied at the end.
    let attributes = tag.attributes
    let bytes = tag.bytes
    func value(_ name: String) -> String? {
      attributes.first { $0.name == name }.map { XMLText.unescape(String(decoding: bytes[$0.value], as: UTF8.self)) }
    }
    var changes: [(String, String)] = []
    let division = currentPupil.flatMap { pupilDivision[$0] }
    var disciplineRef: String?
    if let ref = value("discipline-ref") {
      disciplineRef = ref
      let mapped = division.flatMap { disciplineInDivision[ref]?[$0] } ?? disciplineDefault[ref] ?? ref
      if mapped != ref { changes.append(("discipline-ref", mapped)) }
    }
    if let refs = value("discipline-refs") {
      var mapped: [String] = []
      for ref in refs.split(separator: " ").map(String.init) {
        for variant in disciplineVariants[ref] ?? [ref] where !mapped.contains(variant) { mapped.append(variant) }
      }
      if mapped.joined(separator: " ") != refs { changes.append(("discipline-refs", mapped.joined(separator: " "))) }
    }
    for attribute in ["enseignant-ref", "enseignant-refs", "prof-princ-refs"] {
      guard let refs = value(attribute) else { continue }
      var mapped: [String] = []
      for ref in refs.split(separator: " ").map(String.init) {
        let id = teacherID[ref] ?? ref
        if !mapped.contains(id) { mapped.append(id) }
      }
      if tag.name == "acquis", attribute == "enseignant-refs", let division, let disciplineRef {
        for coTeacher in plan.coTeachers
        where coTeacher.division == division && coTeacher.disciplineIDs.contains(disciplineRef)
          && refs.split(separator: " ").contains(Substring(coTeacher.replacementID))
        {
          let titular = addedTeachers[coTeacher.idSTS]?.id ?? ""
          if !titular.isEmpty, !mapped.contains(titular) {
            mapped.append(titular)
            result.coTeachersAdded += 1
          }
        }
      }
      if mapped.joined(separator: " ") != refs { changes.append((attribute, mapped.joined(separator: " "))) }
    }
    for (attribute, value) in changes { tag.set(attribute, value) }
  }
}
