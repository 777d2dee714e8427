import Foundation

/// Checks that every reference of an LSU file points to an existing id of the right element:
/// `discipline-ref(s)` to a `discipline`, `enseignant-ref(s)` and `prof-princ-refs` to an
/// `enseignant`, `eleve-ref` to an `eleve`, `periode-ref` to a `periode`, `element-programme-refs`
/// to an `element-programme`. The XSD checks only that an id exists, not what it names.
public enum LSUReferenceCheck {
  static let targets: [String: String] = [
    "discipline-ref": "discipline", "discipline-refs": "discipline", "enseignant-ref": "enseignant",
    "enseignant-refs": "enseignant", "prof-princ-refs": "enseignant", "eleve-ref": "eleve",
    "periode-ref": "periode", "element-programme-refs": "element-programme",
  ]

  /// The problems found, in French, each naming the element and the reference, with its line.
  public static func problems(in url: URL) throws -> [(line: Int, message: String)] {
    var scanner = try XMLTagScanner(url: url)
    var collector = LSUReferenceCollector()
    var line = 1
    while let piece = try scanner.next() {
      switch piece {
      case .text(let bytes), .other(let bytes), .end(_, let bytes):
        line += bytes.count { $0 == 0x0A }
      case .start(let tag):
        collector.add(LSUReferenceCollector.Entry(tag), line: line)
        line += tag.bytes.count { $0 == 0x0A }
      }
    }
    return collector.problems()
  }
}

/// The ids and references of a document, given tag by tag (while it is read or written), and the
/// references that point nowhere or to an element of the wrong kind.
struct LSUReferenceCollector {
  /// What a start tag brings: its id and its references.
  struct Entry {
    var element: String
    var id: String?
    var references: [(attribute: String, refs: String)] = []

    init(_ tag: XMLStartTag) {
      element = tag.name
      let hasID = tag.contains("id=")
      let hasRefs = tag.contains("-ref")
      guard hasID || hasRefs else { return }
      for (attribute, range) in tag.attributes {
        if attribute == "id" {
          id = String(decoding: tag.bytes[range], as: UTF8.self)
        } else if hasRefs, LSUReferenceCheck.targets[attribute] != nil {
          references.append((attribute, String(decoding: tag.bytes[range], as: UTF8.self)))
        }
      }
    }

    var isEmpty: Bool { id == nil && references.isEmpty }
  }

  private struct Key: Hashable {
    var element: String
    var attribute: String
    var ref: Substring
  }

  private var ids: [String: String] = [:]
  /// Each distinct (element, attribute, reference), with the line where it first appears.
  private var references: [Key: Int] = [:]
  private var order: [Key] = []

  mutating func add(_ entry: Entry, line: Int) {
    if let id = entry.id { ids[id] = entry.element }
    for (attribute, refs) in entry.references {
      for ref in refs.split(separator: " ") {
        let key = Key(element: entry.element, attribute: attribute, ref: ref)
        if references[key] == nil {
          references[key] = line
          order.append(key)
        }
      }
    }
  }

  func problems() -> [(line: Int, message: String)] {
    var problems: [(line: Int, message: String)] = []
    for key in order {
      let expected = LSUReferenceCheck.targets[key.attribute]!
      let line = references[key]!
      switch ids[String(key.ref)] {
      case nil:
        problems.append(
          (line, "« \(key.element) » renvoie par « \(key.attribute) » à « \(key.ref) », qui n'existe pas"))
      case let found? where found != expected:
        problems.append(
          (
            line,
            "« \(key.element) » renvoie par « \(key.attribute) » à « \(key.ref) », qui est un "
              + "élément « \(found) » et non « \(expected) »"
          ))
      default:
        break
      }
    }
    return problems
  }
}
