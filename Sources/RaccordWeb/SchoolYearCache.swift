import Foundation
import NIOPosix
import RaccordKit
import Store

/// What the pages show of one school year, computed once per state of the store.
struct SchoolYearState: Sendable {
  var status: SchoolYearStatus
  var data: SchoolYearData
  /// `nil` without a gradebook file.
  var suggestions: SuggestionReport?
  var items: [ReviewItem]
  /// `nil` when the checks cannot run (the French reason is in `checksProblem`).
  var checks: CheckReport?
  var checksProblem: String?
}

/// Keeps each school year's suggestions and check report until the store changes (an import or a
/// decision), so pages of a large lycée are served without recomputing them. Work runs on NIO's
/// thread pool, never on the server's event loops.
actor SchoolYearCache {
  private let raccord: Raccord
  private var entries: [String: (revision: String, state: SchoolYearState)] = [:]

  init(raccord: Raccord) {
    self.raccord = raccord
  }

  /// Runs blocking store work off the cooperative pool.
  static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
  }

  /// The schools and years of the store.
  func schools() async throws -> [SchoolYearStatus] {
    let raccord = self.raccord
    return try await Self.blocking { try raccord.database.status() }
  }

  /// The state of a school year, or `nil` when the store holds nothing for it.
  func state(uai: String, year: Int) async throws -> SchoolYearState? {
    let raccord = self.raccord
    let key = "\(uai)|\(year)"
    let cached = entries[key]
    let computed: (String, SchoolYearState?) = try await Self.blocking {
      guard let status = try raccord.database.status().first(where: { $0.uai == uai && $0.year.start == year }) else {
        return ("", nil)
      }
      let decisions = try raccord.database.decisions(uai: uai)
      let revision = Self.revision(status: status, decisions: decisions)
      if let cached, cached.revision == revision { return (revision, cached.state) }
      return (revision, try Self.compute(raccord: raccord, status: status))
    }
    guard let state = computed.1 else { return nil }
    entries[key] = (computed.0, state)
    return state
  }

  /// Forgets everything (after an import).
  func invalidate() { entries = [:] }

  static func revision(status: SchoolYearStatus, decisions: [ReviewDecision]) -> String {
    var parts = status.files.map { "\($0.id):\($0.sha256)" }
    parts += decisions.map {
      "\($0.year)|\($0.kind)|\($0.itemKey)|\($0.verdict)|\($0.chosenCode ?? "")|\($0.chosenModalite ?? "")|"
        + "\($0.note ?? "")|\($0.decidedAt)|\($0.scope ?? "")"
    }
    return parts.joined(separator: "\n")
  }

  static func compute(raccord: Raccord, status: SchoolYearStatus) throws -> SchoolYearState {
    let data = try raccord.database.schoolYearData(uai: status.uai, year: status.year.start)
    let hasGradebook = data.loadedKinds.contains(.lsuBilans) || data.loadedKinds.contains(.gradebookServices)
    let hasReference = data.loadedKinds.contains(.siecleNomenclature) || data.loadedKinds.contains(.stsEmp)
    let suggestions = hasGradebook && hasReference ? try raccord.suggestions(for: data) : nil
    var checks: CheckReport?
    var problem: String?
    if !data.loadedKinds.contains(.siecleNomenclature) {
      problem =
        "Les vérifications ont besoin de la nomenclature SIECLE (Nomenclature.xml, SIECLE > Exportations > En XML) : "
        + "importez-la sur la page Import."
    } else if !data.loadedKinds.contains(.stsEmp) {
      problem =
        "Les vérifications ont besoin de l'export STS Web (sts_emp_\(status.uai)_\(status.year.start).xml, "
        + "STS Web > Exports > Emploi du temps) : importez-le sur la page Import."
    } else {
      checks = try raccord.runChecks(on: data, suggestions: suggestions)
    }
    return SchoolYearState(
      status: status, data: data, suggestions: suggestions, items: suggestions?.reviewItems() ?? [], checks: checks,
      checksProblem: problem)
  }
}
