import Foundation
import RaccordCore
import RaccordTestSupport
import Testing

@testable import Importers

/// The two-thread import gives the same records as the one-thread one, and ends (never hangs) on
/// a bad file or when the writer gives up.
final class PipelinedImportTests {
  let folder: URL

  init() throws { folder = try Fixtures.temporaryFolder() }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func file(_ text: String, named name: String = "sts_emp_0789990K_2025.xml") throws -> ImportableFile {
    let url = folder.appendingPathComponent(name)
    try Fixtures.iso885915(text).write(to: url)
    return try #require(try ImportInput(paths: [url.path]).files.first)
  }

  /// Many services, so that records cross the channel in several batches.
  static var largeDocument: String {
    let services = (0..<10_000).map { index in
      #"<SERVICE CODE_MATIERE="062900" CODE_MOD_COURS="CG"><ENSEIGNANTS><ENSEIGNANT ID="4189" TYPE="epp"/>"#
        + #"</ENSEIGNANTS></SERVICE>"# + (index % 100 == 0 ? "\n" : "")
    }.joined()
    return STSFixture.document(services: services)
  }

  @Test func givesTheSameRecordsInTheSameOrderAsTheOneThreadImport() throws {
    let file = try file(Self.largeDocument)
    let single = CollectingSink()
    let expected = try XMLImport.run(file, into: single, diagnostics: DiagnosticCollector())
    let piped = CollectingSink()
    let outcome = try XMLImport.runPipelined(file, into: piped, diagnostics: DiagnosticCollector())
    #expect(piped.header == single.header)
    #expect(piped.records == single.records)
    #expect(outcome.counts == expected.counts)
    #expect(piped.records.count > BatchingSink.batchSize * RecordChannel.capacity)
  }

  @Test func aFileThatIsNotAnExportEndsWithTheParsersError() throws {
    let file = try file(#"<?xml version="1.0"?><EDT_STS><PARAMETRES><UAJ>0789990K</UAJ></PARAMETRES></EDT_STS>"#)
    #expect(throws: ImporterError.self) {
      try XMLImport.runPipelined(file, into: CollectingSink(), diagnostics: DiagnosticCollector())
    }
  }

  @Test func aTruncatedFileEndsWithTheParsersError() throws {
    let text = Self.largeDocument
    let file = try file(String(text.prefix(text.count / 2)))
    #expect(throws: ImporterError.self) {
      try XMLImport.runPipelined(file, into: CollectingSink(), diagnostics: DiagnosticCollector())
    }
  }

  @Test func aWriterErrorStopsTheParserAndIsThrown() throws {
    struct Refused: Error {}
    final class RefusingSink: ImportSink {
      var received = 0
      func begin(_ header: FileHeader) throws {}
      func add(_ record: ImportRecord) throws {
        received += 1
        if received == 10 { throw Refused() }
      }
    }
    let sink = RefusingSink()
    #expect(throws: Refused.self) {
      try XMLImport.runPipelined(try file(Self.largeDocument), into: sink, diagnostics: DiagnosticCollector())
    }
    #expect(sink.received == 10)
  }
}
