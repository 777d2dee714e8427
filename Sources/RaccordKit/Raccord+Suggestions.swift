import Foundation
import Importers
import Matching
import RaccordCore
import Store

extension Raccord {
  /// The school year to work on: the one named, else the latest with a gradebook file, else the latest.
  func resolveYear(uai: String, year: Int?) throws -> Int {
    let years = try database.status(uai: uai)
    if let year {
      guard years.contains(where: { $0.year.start == year }) else {
        throw RaccordError.nothingLoaded(uai: uai, year: year)
      }
      return year
    }
    let gradebookKinds: Set<String> = [FileKind.lsuBilans.rawValue, FileKind.gradebookServices.rawValue]
    if let withGradebook = years.last(where: { $0.files.contains { gradebookKinds.contains($0.kind) } }) {
      return withGradebook.year.start
    }
    guard let last = years.last else { throw RaccordError.nothingLoaded(uai: uai, year: nil) }
    return last.year.start
  }

  /// The curated tables of `Mappings/` (empty without a data folder).
  func mappingTables() throws -> MappingTables {
    guard let dataDirectory else { return MappingTables() }
    return try MappingTables.load(from: dataDirectory.appendingPathComponent("Mappings"))
  }

  /// Suggests a code for every gradebook subject and an STS person for every gradebook teacher,
  /// with reasons, and applies the review decisions.
  /// - Throws: ``RaccordError`` when the nomenclature, STS or gradebook is missing for that year.
  public func suggestions(uai: String? = nil, year: Int? = nil) throws -> SuggestionReport {
    let school = try resolveSchool(uai)
    let start = try resolveYear(uai: school, year: year)
    let data = try database.schoolYearData(uai: school, year: start)
    try requireSuggestionInputs(data, uai: school, year: start)
    return try suggestions(for: data)
  }

  /// Suggestions need a nomenclature (SIECLE or STS) and a gradebook file for that year.
  /// - Throws: ``RaccordError`` naming what is missing.
  func requireSuggestionInputs(_ data: SchoolYearData, uai: String, year: Int) throws {
    guard data.loadedKinds.contains(.siecleNomenclature) || data.loadedKinds.contains(.stsEmp) else {
      throw RaccordError.nothingLoaded(uai: uai, year: year)
    }
    guard data.loadedKinds.contains(.lsuBilans) || data.loadedKinds.contains(.gradebookServices) else {
      throw RaccordError.gradebookMissing(uai: uai, year: year)
    }
  }

  /// The matchers for data already read: pass them to ``suggestions(for:engine:)`` to reuse them
  /// while only decisions change.
  public func suggestionEngine(for data: SchoolYearData) throws -> SuggestionEngine {
    SuggestionEngine(data: data, tables: try mappingTables())
  }

  /// Suggestions from data already read, with the school's decisions applied.
  /// - Parameter engine: the matchers built for this same `data`, when kept from an earlier call.
  public func suggestions(for data: SchoolYearData, engine: SuggestionEngine? = nil) throws -> SuggestionReport {
    let decisions = try database.decisions(uai: data.uai)
    let builder = SuggestionBuilder(
      data: data, engine: try engine ?? suggestionEngine(for: data), decisions: decisions)
    let subjects = builder.subjects()
    return SuggestionReport(
      uai: data.uai, year: SchoolYear(data.year), subjects: subjects, teachers: builder.teachers(subjects: subjects),
      catalogue: builder.schoolCatalogue, people: data.people, decisions: decisions)
  }
}
