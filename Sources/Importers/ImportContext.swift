import Foundation
import RaccordCore
import XMLStreaming

/// One reader per root element.
protocol XMLImporter {
  static var root: String { get }
  static var kind: FileKind { get }
  static func read(_ context: ImportContext) throws
}

/// What an importer works with while it reads one file.
final class ImportContext {
  let file: String
  let kind: FileKind
  let version: String?
  let reader: XMLStreamReader
  let sink: any ImportSink
  let diagnostics: DiagnosticCollector
  @exclusivity(unchecked) private(set) var header: FileHeader?
  @exclusivity(unchecked) private(set) var counts: [String: Int] = [:]

  init(
    file: String, kind: FileKind, version: String?, reader: XMLStreamReader, sink: any ImportSink,
    diagnostics: DiagnosticCollector
  ) {
    self.file = file
    self.kind = kind
    self.version = version
    self.reader = reader
    self.sink = sink
    self.diagnostics = diagnostics
  }

  func walk(_ paths: Set<String>, _ handle: (String, RecordElement) throws -> Void) throws {
    try RecordWalker(reader: reader, recordPaths: paths).walk(handle)
    if header == nil {
      throw ImporterError.missingParameters(
        file: file, line: reader.currentLine, missing: "le bloc <PARAMETRES> (établissement et année)")
    }
  }

  func begin(_ header: FileHeader, line: Int) throws {
    if let named = Self.yearInFileName(file), named != header.year {
      warn(
        "file-name-year",
        "le nom du fichier indique l'année \(named), mais le fichier lui-même porte sur l'année scolaire "
          + "\(header.year) : c'est l'année écrite dans le fichier qui est retenue.", line: line)
    }
    self.header = header
    try sink.begin(header)
  }

  func add(_ record: ImportRecord) throws {
    guard header != nil else {
      throw ImporterError.missingParameters(
        file: file, line: reader.currentLine, missing: "le bloc <PARAMETRES> (établissement et année), placé en tête,")
    }
    counts[record.countKey, default: 0] += 1
    try sink.add(record)
  }

  func warn(_ id: String, _ message: String, line: Int?, element: String? = nil) {
    diagnostics.report(
      Diagnostic(.warning, id: id, message, at: SourceLocation(file: file, line: line, element: element)))
  }

  /// The start year in a name such as `sts_emp_0750680G_2019.xml` or `…_annee2019.xml`.
  static func yearInFileName(_ name: String) -> SchoolYear? {
    let base = (name as NSString).lastPathComponent
    guard base.lowercased().hasPrefix("sts_emp_") else { return nil }
    let digits = base.split(whereSeparator: { !$0.isNumber }).last.map(String.init) ?? ""
    guard digits.count == 4, let year = Int(digits) else { return nil }
    return SchoolYear(year)
  }
}
