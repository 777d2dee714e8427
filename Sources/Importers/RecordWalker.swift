import RaccordCore
import XMLStreaming

/// Walks a document below its root and hands over, whole, each element found at one of the
/// record paths (such as `DONNEES/MEFS/MEF`). Everything else is skipped without being kept,
/// so memory stays bounded by the largest record. Every record is read into the same
/// ``XMLRecord``: the element handed over is valid during the call only.
struct RecordWalker {
  let reader: XMLStreamReader
  let recordPaths: Set<String>
  private let prefixes: Set<String>
  private let record = XMLRecord()

  init(reader: XMLStreamReader, recordPaths: Set<String>) {
    self.reader = reader
    self.recordPaths = recordPaths
    var prefixes: Set<String> = []
    for path in recordPaths {
      var components = path.split(separator: "/").map(String.init)
      while !components.isEmpty {
        components.removeLast()
        if !components.isEmpty { prefixes.insert(components.joined(separator: "/")) }
      }
    }
    self.prefixes = prefixes
  }

  /// What the walk does with an element, by its path.
  private enum Step {
    case record, descend, skip
  }

  /// Calls `handle` with each record's path and element, in document order, then reads to the end.
  func walk(_ handle: (String, RecordElement) throws -> Void) throws {
    // The paths of the open elements, the document's own first (empty).
    var paths = [""]
    // The last element met at the current depth: its siblings (a file's thousands of records) reuse
    // its path and step instead of joining and looking it up again.
    var last: (name: String, path: String, step: Step)?
    while let event = try reader.next() {
      switch event {
      case .start(let element):
        let path: String
        let step: Step
        if let last, last.name == element.name {
          (path, step) = (last.path, last.step)
        } else {
          let parent = paths[paths.count - 1]
          path = parent.isEmpty ? element.name : parent + "/" + element.name
          step = recordPaths.contains(path) ? .record : prefixes.contains(path) ? .descend : .skip
          last = (element.name, path, step)
        }
        switch step {
        case .record:
          try reader.readRecord(element, into: record)
          try handle(path, record.root)
        case .descend:
          if element.isEmpty {
            _ = try reader.next()
          } else {
            paths.append(path)
            last = nil
          }
        case .skip:
          try reader.skipElement(element)
        }
      case .end:
        if paths.count == 1 { return try reader.drain() }
        paths.removeLast()
        last = nil
      case .text:
        continue
      }
    }
  }
}

/// Keeps the first line of each code, to refuse duplicates.
struct DuplicateGuard {
  private var seen: [String: Int] = [:]
  let what: String
  let file: String

  init(what: String, file: String) {
    self.what = what
    self.file = file
  }

  mutating func check(_ code: String, line: Int) throws(ImporterError) {
    if let first = seen[code] {
      throw .duplicateCode(file: file, line: line, what: what, code: code, firstLine: first)
    }
    seen[code] = line
  }
}

extension RecordElement {
  /// The attribute, or an import error naming the element when it is missing.
  func requiredAttribute(_ name: String, file: String) throws(ImporterError) -> String {
    guard let value = attribute(name) else {
      throw .missingCode(file: file, line: line, element: self.name, attribute: name)
    }
    return value
  }

  /// The child's text, or an import error naming the element when it is missing.
  func requiredValue(_ name: String, file: String) throws(ImporterError) -> String {
    guard let value = value(name) else {
      throw .missingCode(file: file, line: line, element: self.name, attribute: name)
    }
    return value
  }
}

extension MatiereRecord {
  /// A `MATIERE` element as SIECLE's Nomenclature and STS Web both write it: its management code
  /// and its three libellés, once its code is checked against the file's duplicates.
  init(_ node: RecordElement, code: String, duplicates: inout DuplicateGuard) throws(ImporterError) {
    try duplicates.check(code, line: node.line)
    self.init(code: code, line: node.line)
    codeGestion = node.value("CODE_GESTION")
    libelleCourt = node.value("LIBELLE_COURT")
    libelleLong = node.value("LIBELLE_LONG")
    libelleEdition = node.value("LIBELLE_EDITION")
  }
}

/// Reads the school and the year out of a `PARAMETRES` element.
enum ParametersReader {
  static func uai(_ text: String?, file: String, line: Int) throws(ImporterError) -> UAI {
    guard let text else {
      throw .missingParameters(
        file: file, line: line, missing: "le code de l'établissement (UAJ, ou etablissement en LSU)")
    }
    do {
      return try UAI(validating: text)
    } catch {
      throw .invalidUAI(file: file, line: line, detail: error.french)
    }
  }

  static func year(_ text: String?, file: String, line: Int) throws(ImporterError) -> SchoolYear {
    guard let text else {
      throw .missingParameters(file: file, line: line, missing: "l'année scolaire (ANNEE_SCOLAIRE)")
    }
    guard let year = SchoolYear(parsing: text) else { throw .invalidYear(file: file, line: line, value: text) }
    return year
  }
}
