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
    var ids: [String: String] = [:]
    var references: [(element: String, attribute: String, ref: String, line: Int)] = []
    var seen: Set<String> = []
    var line = 1
    while let piece = try scanner.next() {
      switch piece {
      case .text(let bytes), .other(let bytes), .end(_, let bytes):
        line += bytes.count { $0 == 0x0A }
      case .start(let tag):
        if tag.contains("id="), let id = tag.attribute("id") { ids[id] = tag.name }
        let attributes = tag.contains("-ref") ? tag.attributes : []
        for (attribute, range) in attributes where targets[attribute] != nil {
          let value = String(decoding: tag.bytes[range], as: UTF8.self)
          for ref in value.split(separator: " ") where seen.insert("\(tag.name)|\(attribute)|\(ref)").inserted {
            references.append((tag.name, attribute, String(ref), line))
          }
        }
        line += tag.bytes.count { $0 == 0x0A }
      }
    }
    var problems: [(line: Int, message: String)] = []
    for reference in references {
      let expected = targets[reference.attribute]!
      switch ids[reference.ref] {
      case nil:
        problems.append(
          (
            reference.line,
            "« \(reference.element) » renvoie par « \(reference.attribute) » à « \(reference.ref) », qui n'existe pas"
          ))
      case let found? where found != expected:
        problems.append(
          (
            reference.line,
            "« \(reference.element) » renvoie par « \(reference.attribute) » à « \(reference.ref) », qui est un "
              + "élément « \(found) » et non « \(expected) »"
          ))
      default:
        break
      }
    }
    return problems
  }
}
