import Foundation
import Hummingbird
import RaccordCore
import RaccordKit
import Store

extension Site {
  func addAcademy(to router: Router<WebContext>) {
    router.get("/academie") { request, _ in
      let query = request.uri.queryParameters
      let filter = AcademyFilter(
        text: query.get("q") ?? "", onlyBlocked: query.get("bloques") == "1",
        onlyPending: query.get("a_decider") == "1", onlyIncomplete: query.get("incomplets") == "1",
        year: query.get("annee").flatMap { Int($0) }, sort: AcademyColumn(rawValue: query.get("tri") ?? "") ?? .uai,
        descending: query.get("ordre") == "desc")
      return self.page("academie", try await self.academy(filter))
    }
  }

  /// The académie page's values: the rows of ``Raccord/overview(of:)`` the request may see, filtered
  /// and sorted as the address says.
  func academy(_ filter: AcademyFilter) async throws -> [String: Any] {
    let statuses = try await cache.schools().filter { Self.mayAccess($0.uai) }
    let all = try await cache.overview(of: statuses)
    let shown = filter.sorted(all.filter(filter.accepts))
    var values = try await layout(nil, title: "Académie : état des établissements", tab: "academie")
    values["lignes"] = shown.map(Self.row)
    values["nombre"] = shown.count
    values["total"] = all.count
    values["bloques_total"] = all.filter(AcademyFilter.isBlocked).count
    values["recherche"] = filter.text
    values["bloques"] = filter.onlyBlocked
    values["a_decider"] = filter.onlyPending
    values["incomplets"] = filter.onlyIncomplete
    values["annees_filtre"] = Set(all.map(\.year)).sorted().map { year in
      ["valeur": String(year), "libelle": SchoolYear(year).description, "selectionne": year == filter.year]
    }
    values["colonnes"] = AcademyColumn.allCases.map { column -> [String: Any] in
      let current = column == filter.sort
      var link = filter
      link.sort = column
      link.descending = current ? !filter.descending : column.descendingFirst
      return [
        "id": column.rawValue, "libelle": column.title, "lien": "/academie?" + link.query,
        "tri": current ? (filter.descending ? "descending" : "ascending") : "none",
        "fleche": current ? (filter.descending ? "▼" : "▲") : "",
        "aide": current
          ? "Trié par \(column.title.lowercased()) (\(filter.descending ? "décroissant" : "croissant")) : cliquer "
            + "pour inverser" : "Trier par \(column.title.lowercased())",
      ]
    }
    values["tri"] = filter.sort.rawValue
    values["ordre"] = filter.descending ? "desc" : "asc"
    values["csv_cli"] = "raccord status --all --format csv"
    return values
  }

  static func row(_ school: SchoolOverview) -> [String: Any] {
    var row: [String: Any] = [
      "uai": school.uai, "nom": school.name ?? "", "annee": SchoolYear(school.year).description,
      "id": "ligne-\(school.uai)-\(school.year)", "lien": path(school.uai, school.year),
      "fichiers": school.files.map { ["type": $0.kind, "nom": $0.name, "date": $0.date] },
      "sans_fichier": school.files.isEmpty,
      "bloquants": school.blocking.map(String.init) ?? "—", "a_bloquants": (school.blocking ?? 0) > 0,
      "avertissements": school.warnings.map(String.init) ?? "—",
      "decides": school.decided.map(String.init) ?? "—", "a_decider": school.toDecide.map(String.init) ?? "—",
      "reste": (school.toDecide ?? 0) > 0, "relecture_finie": school.toDecide == 0 && (school.decided ?? 0) > 0,
      "classes_bloquees": school.blockedClasses.joined(separator: ", "),
      "nombre_classes_bloquees": school.blockedClasses.count, "a_classes_bloquees": !school.blockedClasses.isEmpty,
      "lien_anomalies": path(school.uai, school.year, "anomalies") + "?gravite=bloquant",
      "recherche": "\(school.uai) \(school.name ?? "")".lowercased(),
      "bloque": AcademyFilter.isBlocked(school),
    ]
    // Absent rather than empty: Mustache shows a section for an empty string.
    if let problem = school.problem { row["probleme"] = problem }
    return row
  }
}

/// The columns of the académie page, by their name in the address (`?tri=bloquants&ordre=desc`).
enum AcademyColumn: String, CaseIterable {
  // In the order of the page's columns.
  case uai, nom, annee, fichiers, bloquants, avertissements, decides
  case toDecide = "a_decider"
  case classes

  var title: String {
    switch self {
    case .uai: "UAI"
    case .nom: "Établissement"
    case .annee: "Année"
    case .fichiers: "Fichiers présents"
    case .bloquants: "Bloquants"
    case .avertissements: "Avertissements"
    case .decides: "Décidés"
    case .toDecide: "À décider"
    case .classes: "Classes bloquées"
    }
  }

  /// Counts are first sorted from the largest: the schools that need help come first.
  var descendingFirst: Bool {
    switch self {
    case .uai, .nom, .annee: false
    default: true
    }
  }
}

/// What the académie page's address asks for.
struct AcademyFilter {
  var text: String
  var onlyBlocked: Bool
  var onlyPending: Bool
  var onlyIncomplete: Bool
  var year: Int?
  var sort: AcademyColumn
  var descending: Bool

  /// Blocking findings, or a class whose LSU export is impossible, or checks that cannot run.
  static func isBlocked(_ school: SchoolOverview) -> Bool {
    (school.blocking ?? 0) > 0 || !school.blockedClasses.isEmpty
  }

  func accepts(_ school: SchoolOverview) -> Bool {
    let needle = text.trimmingCharacters(in: .whitespaces).lowercased()
    if !needle.isEmpty, !"\(school.uai) \(school.name ?? "")".lowercased().contains(needle) { return false }
    if onlyBlocked, !Self.isBlocked(school) { return false }
    if onlyPending, (school.toDecide ?? 0) == 0 { return false }
    if onlyIncomplete, school.problem == nil { return false }
    if let year, school.year != year { return false }
    return true
  }

  /// Sorted by the column, then by UAI and year; a school without a value (checks impossible, no
  /// gradebook) comes last either way.
  func sorted(_ schools: [SchoolOverview]) -> [SchoolOverview] {
    func value(_ school: SchoolOverview) -> Int? {
      switch sort {
      case .fichiers: school.files.count
      case .bloquants: school.blocking
      case .avertissements: school.warnings
      case .decides: school.decided
      case .toDecide: school.toDecide
      case .classes: school.blockedClasses.count
      case .annee: school.year
      case .uai, .nom: nil
      }
    }
    return schools.sorted { a, b in
      let tie = (a.uai, a.year) < (b.uai, b.year)
      switch sort {
      case .uai:
        return descending ? (b.uai, b.year) < (a.uai, a.year) : tie
      case .nom:
        let left = (a.name ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let right = (b.name ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if left == right { return tie }
        return descending ? left > right : left < right
      default:
        switch (value(a), value(b)) {
        case (nil, nil): return tie
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?):
          if x == y { return tie }
          return descending ? x > y : x < y
        }
      }
    }
  }

  /// The address's query for this filter.
  var query: String {
    var parts: [String] = []
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if !trimmed.isEmpty {
      parts.append("q=" + (trimmed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
    if onlyBlocked { parts.append("bloques=1") }
    if onlyPending { parts.append("a_decider=1") }
    if onlyIncomplete { parts.append("incomplets=1") }
    if let year { parts.append("annee=\(year)") }
    parts.append("tri=\(sort.rawValue)")
    parts.append("ordre=\(descending ? "desc" : "asc")")
    return parts.joined(separator: "&")
  }
}
