import Foundation
import RaccordCore
import XMLStreaming

/// What one file gave.
public struct ImportOutcome: Sendable {
  public var header: FileHeader
  /// Records read, by ``ImportRecord/countKey``.
  public var counts: [String: Int]
}

/// Reads an SIECLE or STS Web export, whatever its name, by its root element.
public enum XMLImport {
  static func importer(forRoot root: String) -> (any XMLImporter.Type)? {
    switch root {
    case STSImporter.root: STSImporter.self
    case SIECLENomenclatureImporter.root: SIECLENomenclatureImporter.self
    case SIECLEElevesImporter.root: SIECLEElevesImporter.self
    case SIECLEStructuresImporter.root: SIECLEStructuresImporter.self
    case LSUBilansImporter.root: LSUBilansImporter.self
    default: nil
    }
  }

  /// The kind of file, read from its root element, without importing it.
  /// - Throws: ``ImporterError`` when the file is not XML or not an export Raccord imports.
  public static func kind(of file: ImportableFile) throws -> FileKind {
    let reader = try open(file, progress: nil)
    return try importer(for: reader, file: file).importer.kind
  }

  /// Streams `file` into `sink`.
  /// - Parameters:
  ///   - file: the document to read.
  ///   - sink: receives the header, then every record in file order.
  ///   - diagnostics: receives warnings (unknown teacher ids, file name and year that disagree…).
  ///   - progress: called now and then with the fraction read.
  /// - Throws: ``ImporterError`` (bad XML, wrong file, duplicate codes…) or whatever `sink` throws.
  public static func run(
    _ file: ImportableFile, into sink: any ImportSink, diagnostics: DiagnosticCollector,
    progress: ((Double) -> Void)? = nil
  ) throws -> ImportOutcome {
    let reader = try open(file, progress: progress)
    let (importer, version) = try importer(for: reader, file: file)
    let context = ImportContext(
      file: file.displayName, kind: importer.kind, version: version, reader: reader, sink: sink,
      diagnostics: diagnostics)
    if importer.kind == .siecleEleves, file.fileName.lowercased().contains("avecadresse") {
      diagnostics.report(
        Diagnostic(
          .info, id: "addresses-ignored",
          "fichier avec adresses : les adresses ne sont pas lues ; ElevesSansAdresses.xml suffit.",
          at: SourceLocation(file: file.displayName)))
    }
    do {
      try importer.read(context)
    } catch let error as XMLStreamError {
      throw ImporterError.xml(error)
    }
    guard let header = context.header else {
      throw ImporterError.missingParameters(file: file.displayName, line: 1, missing: "le bloc <PARAMETRES>")
    }
    progress?(1)
    return ImportOutcome(header: header, counts: context.counts)
  }

  private static func open(_ file: ImportableFile, progress: ((Double) -> Void)?) throws(ImporterError)
    -> XMLStreamReader
  {
    do {
      return try XMLStreamReader(url: file.url, displayName: file.displayName, progress: progress)
    } catch {
      throw .xml(error)
    }
  }

  private static func importer(for reader: XMLStreamReader, file: ImportableFile) throws(ImporterError) -> (
    importer: any XMLImporter.Type, version: String?
  ) {
    let root: XMLStartElement
    do {
      root = try reader.root()
    } catch {
      throw .xml(error)
    }
    guard let importer = importer(forRoot: root.name) else {
      throw .wrongRoot(file: file.displayName, root: root.name, advice: ImporterError.advice(forRoot: root.name))
    }
    let version = root.attributes["VERSION"] ?? root.attributes["schemaVersion"]
    if importer.kind == .lsuBilans, let version, let number = Double(version),
      number > newestLSUSchemaVersion
    {
      throw .unsupportedVersion(
        file: file.displayName, version: version, newest: String(format: "%.1f", newestLSUSchemaVersion))
    }
    return (importer, version)
  }

  /// The newest LSU schema version Raccord reads (its XSD is in `Nomenclatures/lsu/`).
  static let newestLSUSchemaVersion = 10.0
}
