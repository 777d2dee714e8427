import Foundation
import NIOPosix
import RaccordCore
import RaccordKit
import Store
import Synchronization

/// What the pages show of one school year, computed once per state of the store.
struct SchoolYearState: Sendable {
  /// Changes whenever a file or a decision of the school changes.
  var revision: String = ""
  var status: SchoolYearStatus
  var data: SchoolYearData
  /// The matchers over `data`, kept while only decisions change (`nil` without a gradebook file).
  var engine: SuggestionEngine?
  /// `nil` without a gradebook file.
  var suggestions: SuggestionReport?
  var items: [ReviewItem]
  /// Each item's JSON text (``ReviewJSON``), in the order of `items`: the API's review document is
  /// made of them, and each identifies its item's rendered row on the review page.
  var itemJSON: [String]
  /// `nil` when the checks cannot run (the French reason is in `checksProblem`).
  var checks: CheckReport?
  var checksProblem: String?
}

/// Keeps each school year's suggestions and check report until the store changes (an import or a
/// decision), so pages of a large lycée are served without recomputing them. Work runs on NIO's
/// thread pool, never on the server's event loops.
actor SchoolYearCache {
  private let raccord: Raccord
  private var entries: [String: (revision: String, token: String, state: SchoolYearState)] = [:]
  /// Rendered pages, by revision and address: a page is rendered once per state of the store.
  private var pages: [String: String] = [:]
  /// The académie page's rows (``Raccord/overview(of:)``), by school and year, with the state of the
  /// store they were computed on: only a school whose files or decisions changed is computed again.
  private var overviews: [String: (revision: String, row: SchoolOverview)] = [:]
  /// Work that runs one request at a time, by key, with the requests waiting their turn in order: a
  /// school year's state (after a decision, the next request on the school computes its new state
  /// once and the others then find it computed: 20 reviewers of one school do not each recompute
  /// it), and the académie overview (a request arriving during a refresh finds the rows fresh).
  private var turns: [String: [CheckedContinuation<Void, Never>]] = [:]

  init(raccord: Raccord) {
    self.raccord = raccord
  }

  /// Runs blocking store work off the cooperative pool.
  static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
  }

  /// The académie page's computations run on threads of their own: 500 schools' checks must not
  /// take the pool every request's store reading waits on (the pages stay responsive meanwhile).
  static let overviewPool: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
    pool.start()
    return pool
  }()

  /// The schools and years of the store.
  func schools() async throws -> [SchoolYearStatus] {
    let raccord = self.raccord
    return try await Self.blocking { try raccord.database.status() }
  }

  /// The schools and years of the store, without their files' details (a page's header).
  func schoolYears() async throws -> [SchoolYearKey] {
    let raccord = self.raccord
    return try await Self.blocking { try raccord.database.schoolYears() }
  }

  /// The state of a school year, or `nil` when the store holds nothing for it.
  /// - Parameter checks: whether the check report is needed (it is computed once per state, on
  ///   the first page that needs it: the review page alone never waits for it).
  func state(uai: String, year: Int, checks: Bool = false) async throws -> SchoolYearState? {
    let raccord = self.raccord
    let key = "\(uai)|\(year)"
    await takeTurn(key)
    defer { endTurn(key) }
    let cached = entries[key]
    let computed: (String, String, SchoolYearState?) = try await Self.blocking {
      // Most requests find the store as it was: one small query says so.
      let token = try raccord.database.changeToken(uai: uai, year: year)
      if let cached, cached.token == token, !checks || cached.state.checks != nil || cached.state.checksProblem != nil {
        return (cached.revision, token, cached.state)
      }
      guard let status = try raccord.database.status(uai: uai, year: year).first else {
        return ("", token, nil)
      }
      let decisions = try raccord.database.decisions(uai: uai)
      let revision = Self.revision(status: status, decisions: decisions)
      // A decision changes the suggestions and checks, not the files read: keep what was read.
      let sameFiles =
        cached.map { Self.revision(status: $0.state.status, decisions: []) }
        == Self.revision(status: status, decisions: [])
      var state =
        try cached.flatMap { $0.revision == revision ? $0.state : nil }
        ?? Self.compute(raccord: raccord, status: status, kept: sameFiles ? cached?.state : nil)
      state.revision = revision
      if checks && state.checks == nil && state.checksProblem == nil {
        state.checks = try raccord.runChecks(on: state.data, suggestions: state.suggestions)
      }
      return (revision, token, state)
    }
    guard let state = computed.2 else { return nil }
    entries[key] = (computed.0, computed.1, state)
    return state
  }

  /// The académie overview of these schools and years, in their order. Costs one reading of the
  /// store's files and decisions; each row whose school changed since (or never computed) runs that
  /// school's suggestions and checks, two at a time at most.
  func overview(of statuses: [SchoolYearStatus]) async throws -> [SchoolOverview] {
    await takeTurn(Self.overviewTurn)
    defer { endTurn(Self.overviewTurn) }
    let raccord = self.raccord
    let revisions: [String] = try await Self.blocking {
      var decisions: [String: [ReviewDecision]] = [:]
      for uai in Set(statuses.map(\.uai)) { decisions[uai] = try raccord.database.decisions(uai: uai) }
      return statuses.map { status in
        Self.revision(status: status, decisions: (decisions[status.uai] ?? []).filter { $0.year == status.year.start })
      }
    }
    let keys = statuses.map { "\($0.uai)|\($0.year.start)" }
    let stale = statuses.indices.filter { overviews[keys[$0]]?.revision != revisions[$0] }
    if !stale.isEmpty {
      let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount - 1, 4))
      let computed = try await withThrowingTaskGroup(of: [(Int, SchoolOverview)].self) { group in
        for worker in 0..<workers {
          let mine = stale.enumerated().filter { $0.offset % workers == worker }.map(\.element)
          group.addTask {
            try await Self.overviewPool.runIfActive { try mine.map { ($0, try raccord.overview(of: statuses[$0])) } }
          }
        }
        var all: [(Int, SchoolOverview)] = []
        for try await part in group { all += part }
        return all
      }
      for (index, row) in computed { overviews[keys[index]] = (revisions[index], row) }
    }
    return keys.compactMap { overviews[$0]?.row }
  }

  /// The key of the académie overview's turn (school years' keys are `UAI|year`).
  private static let overviewTurn = "academie"

  /// Waits until no other request holds `key`'s turn, then holds it until ``endTurn(_:)``.
  private func takeTurn(_ key: String) async {
    if turns[key] != nil {
      await withCheckedContinuation { turns[key, default: []].append($0) }
    } else {
      turns[key] = []
    }
  }

  /// Hands `key`'s turn to the request that waited longest, or frees it.
  private func endTurn(_ key: String) {
    if let next = turns[key]?.first {
      turns[key]?.removeFirst()
      next.resume()
    } else {
      turns[key] = nil
    }
  }

  /// Forgets a school year's overview row (after a change the revision does not see: a class setting).
  func forgetOverview(uai: String, year: Int) {
    overviews["\(uai)|\(year)"] = nil
  }

  /// Forgets everything (after an import).
  func invalidate() {
    entries = [:]
    pages = [:]
  }

  /// The page rendered for this state and address, rendering it when it is not kept yet.
  func page(_ state: SchoolYearState, address: String, render: @Sendable () async throws -> String) async rethrows
    -> String
  {
    let key = "\(state.status.uai)|\(state.status.year.start)|\(address)|\(state.revision)"
    if let html = pages[key] { return html }
    let html = try await render()
    if pages.count > 200 { pages = [:] }
    pages[key] = html
    return html
  }

  static func revision(status: SchoolYearStatus, decisions: [ReviewDecision]) -> String {
    var parts = status.files.map { "\($0.id):\($0.sha256)" }
    parts += decisions.map {
      "\($0.year)|\($0.kind)|\($0.itemKey)|\($0.verdict)|\($0.chosenCode ?? "")|\($0.chosenModalite ?? "")|"
        + "\($0.note ?? "")|\($0.decidedAt)|\($0.scope ?? "")|\($0.revision ?? 0)"
    }
    return parts.joined(separator: "\n")
  }

  /// - Parameter kept: the earlier state, when the files have not changed since (its data and
  ///   matchers are reused: only the decisions are read again).
  static func compute(raccord: Raccord, status: SchoolYearStatus, kept: SchoolYearState?) throws -> SchoolYearState {
    let data = try kept?.data ?? raccord.database.schoolYearData(uai: status.uai, year: status.year.start)
    let hasGradebook = data.loadedKinds.contains(.lsuBilans) || data.loadedKinds.contains(.gradebookServices)
    let hasReference = data.loadedKinds.contains(.siecleNomenclature) || data.loadedKinds.contains(.stsEmp)
    let engine = hasGradebook && hasReference ? try kept?.engine ?? raccord.suggestionEngine(for: data) : nil
    let suggestions = try engine.map { try raccord.suggestions(for: data, engine: $0) }
    var problem: String?
    if !data.loadedKinds.contains(.siecleNomenclature) {
      problem =
        "Les vérifications ont besoin de la nomenclature SIECLE (Nomenclature.xml, SIECLE > Exportations > En XML) : "
        + "importez-la sur la page Import."
    } else if !data.loadedKinds.contains(.stsEmp) {
      problem =
        "Les vérifications ont besoin de l'export STS Web (sts_emp_\(status.uai)_\(status.year.start).xml, "
        + "STS Web > Exports > Emploi du temps) : importez-le sur la page Import."
    }
    let items = suggestions?.reviewItems() ?? []
    // After a decision most items are as they were: their JSON text is kept, not written again.
    func identity(_ item: ReviewItem) -> String { "\(item.kind.rawValue)|\(item.key)" }
    let before = Dictionary(
      zip(kept?.items ?? [], kept?.itemJSON ?? []).map { (identity($0.0), $0) }, uniquingKeysWith: { a, _ in a })
    let changed = items.filter { before[identity($0)]?.0 != $0 }
    let written = Dictionary(
      zip(changed.map(identity), ReviewJSON.items(changed)).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
    let itemJSON = items.map { item in
      before[identity(item)].flatMap { $0.0 == item ? $0.1 : nil } ?? written[identity(item)] ?? "{}"
    }
    return SchoolYearState(
      status: status, data: data, engine: engine, suggestions: suggestions, items: items, itemJSON: itemJSON,
      checks: nil,
      checksProblem: problem)
  }
}

/// The review page's rows as rendered, by what they show: a row is rendered again only when its
/// item changed (or the form token or address it carries).
final class RenderedRows: Sendable {
  private let rows = Mutex<[String: String]>([:])
  /// Enough for the rows of several large schools' pages; beyond it, everything is rendered again.
  private let limit = 5_000

  /// The row kept under `key`, or the one `render` makes (then kept).
  func row(key: String, render: () -> String) -> String {
    if let html = rows.withLock({ $0[key] }) { return html }
    let html = render()
    rows.withLock { rows in
      if rows.count >= limit { rows = [:] }
      rows[key] = html
    }
    return html
  }
}
