import Foundation
import RaccordCore
import RaccordTestSupport
import Testing
import XMLStreaming

@testable import Importers

/// Feeds the fuzzers' committed inputs to their readers, without the fuzzer: the seeds made from
/// the fixtures (`Fuzz/Corpus/<target>/`) must still read, and every crash the fuzzers found
/// (`Fuzz/Regressions/<target>/`) or input they merged into the corpus must end in success or in a
/// French error, never a crash.
@Suite struct FuzzRegressionTests {
  /// One committed input and the fuzz target it belongs to.
  struct Input: CustomTestStringConvertible, Sendable {
    var target: String
    var url: URL
    var testDescription: String { "\(target)/\(url.lastPathComponent)" }
  }

  static func inputs(in folder: String) -> [Input] {
    let root = Fixtures.repositoryRoot.appendingPathComponent(folder)
    let manager = FileManager.default
    let targets = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
    return targets.sorted().flatMap { target in
      let files = (try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(target).path)) ?? []
      return files.filter { !$0.hasPrefix(".") }.sorted().map {
        Input(target: target, url: root.appendingPathComponent(target).appendingPathComponent($0))
      }
    }
  }

  /// Whether libFuzzer named the input (by its SHA-1): merged from a fuzzing run, often unreadable.
  static func isFuzzerMade(_ input: Input) -> Bool {
    let name = input.url.lastPathComponent
    return name.count == 40 && name.allSatisfy(\.isHexDigit)
  }

  static let seeds = inputs(in: "Fuzz/Corpus").filter { !isFuzzerMade($0) }
  static let regressions = inputs(in: "Fuzz/Regressions") + inputs(in: "Fuzz/Corpus").filter(isFuzzerMade)

  /// Reads `input` the way its fuzz target does (Sources/Fuzz/<target>/main.swift). Returns the
  /// error thrown, if any, after checking it is one of Raccord's, with a message.
  @discardableResult
  static func read(_ input: Input) throws -> (any Error)? {
    let scratch = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let data = try Data(contentsOf: input.url)
    do {
      switch input.target {
      case "FuzzXMLStreamReader":
        let reader = try XMLStreamReader(url: input.url)
        var starts = 0
        while let event = try reader.next() {
          guard case .start(let element) = event else { continue }
          starts += 1
          if starts % 3 == 0 {
            _ = try reader.readElement(element)
          } else if starts % 5 == 0 {
            try reader.skipElement(element)
          }
        }
      case "FuzzNationalTables":
        let split = data.firstIndex(of: 0) ?? data.endIndex
        let national = scratch.appendingPathComponent("national")
        try FileManager.default.createDirectory(at: national, withIntermediateDirectories: true)
        try Data(data[..<split]).write(to: scratch.appendingPathComponent(NationalTablesLoader.matieresFile))
        try (split < data.endIndex ? Data(data[(split + 1)...]) : Data())
          .write(to: scratch.appendingPathComponent(NationalTablesLoader.mefsFile))
        _ = try NationalTablesLoader.load(from: scratch)
      case "FuzzServicesCSV":
        let copy = scratch.appendingPathComponent("services.csv")
        try data.write(to: copy)
        let header = FileHeader(
          kind: .gradebookServices, uai: try UAI(validating: "0789990K"), year: SchoolYear(2025))
        for file in try ImportInput(paths: [copy.path]).files {
          _ = try ServicesCSVImporter.run(file, header: header, into: CollectingSink())
        }
      case "FuzzZipInput":
        for file in try ImportInput(paths: [input.url.path]).files { _ = try? XMLImport.kind(of: file) }
      default:
        for file in try ImportInput(paths: [input.url.path]).files {
          _ = try XMLImport.run(file, into: CollectingSink(), diagnostics: DiagnosticCollector())
        }
      }
      return nil
    } catch let error as ImporterError {
      #expect(!(error.errorDescription ?? "").isEmpty)
      return error
    } catch let error as XMLStreamError {
      #expect(!(error.errorDescription ?? "").isEmpty)
      return error
    }
  }

  @Test(arguments: seeds) func seedsStillRead(_ input: Input) throws {
    let error = try Self.read(input)
    #expect(error == nil, "seed \(input.testDescription): \(error.map { "\($0)" } ?? "")")
  }

  @Test(arguments: regressions) func crashesFoundByFuzzingNowEndCleanly(_ input: Input) throws {
    try Self.read(input)
  }
}
