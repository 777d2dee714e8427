import Checks
import Foundation
import Hummingbird
import Matching
import Mustache
import RaccordCore
import RaccordKit
import Store

extension Site {
  func addPages(to router: Router<WebContext>) {
    router.get("/") { _, _ in try await self.home() }
    router.get("/etablissements/:uai/:year") { request, context in
      let state = try await self.state(context, checks: true)
      return try await self.cachedPage(state, request, template: "tableau-de-bord") {
        try await self.dashboard(state)
      }
    }
    router.get("/etablissements/:uai/:year/correspondances") { request, context in
      let state = try await self.state(context)
      let filter = request.uri.queryParameters.get("q")
      return try await self.cachedPage(state, request, template: "correspondances") {
        try await self.review(state, filter: filter)
      }
    }
    router.get("/etablissements/:uai/:year/anomalies") { request, context in
      let state = try await self.state(context, checks: true)
      let query = request.uri.queryParameters
      let filter = FindingFilter(
        severity: query.get("gravite"), division: query.get("classe"), rule: query.get("verification"),
        fixIn: query.get("ou"))
      return try await self.cachedPage(state, request, template: "anomalies") {
        try await self.findings(state, filter: filter)
      }
    }
    router.get("/etablissements/:uai/:year/telechargements") { _, context in
      let state = try await self.state(context)
      return self.page(
        "telechargements", try await self.layout(state, title: "Téléchargements", tab: "telechargements"))
    }
    router.get("/import") { _, _ in
      self.page("import", try await self.layout(nil, title: "Importer des fichiers", tab: "import"))
    }
  }

  /// The only school year (or the latest of the only school) opens directly; otherwise the list.
  /// In académie mode, an académie account starts on the académie page, a school account on its school.
  func home() async throws -> Response {
    if RequestScope.session?.account.role == .academie { return .redirect(to: "/academie", type: .found) }
    let schools = try await cache.schools().filter { Self.mayAccess($0.uai) }
    let uais = Set(schools.map(\.uai))
    if schools.isEmpty { return .redirect(to: "/import", type: .found) }
    if uais.count == 1, let latest = schools.last {
      return .redirect(to: Self.path(latest.uai, latest.year.start), type: .found)
    }
    var values = try await layout(nil, title: "Établissements", tab: "")
    values["etablissements"] = schools.map { school in
      [
        "uai": school.uai, "nom": school.schoolName ?? "", "annee": school.year.description,
        "lien": Self.path(school.uai, school.year.start),
      ]
    }
    return page("etablissements", values)
  }

  static func path(_ uai: String, _ year: Int, _ tab: String = "") -> String {
    "/etablissements/\(uai)/\(year)" + (tab.isEmpty ? "" : "/\(tab)")
  }

  /// The values every page shares: title, navigation, school and year switchers.
  func layout(_ state: SchoolYearState?, title: String, tab: String) async throws -> [String: Any] {
    var values: [String: Any] = ["titre": title, "onglet_\(tab.isEmpty ? "aucun" : tab)": true]
    let schools = try await cache.schoolYears().filter { Self.mayAccess($0.uai) }
    if let state {
      let uai = state.status.uai
      let year = state.status.year.start
      values["etablissement"] = [
        "uai": uai, "nom": state.status.schoolName ?? "", "annee": state.status.year.description,
        "base": Self.path(uai, year),
      ]
      values["annees"] = schools.filter { $0.uai == uai }.map { school in
        [
          "libelle": SchoolYear(school.year).description,
          "lien": Self.path(uai, school.year, tab == "tableau" ? "" : tab), "courante": school.year == year,
        ]
      }
      let others = Set(schools.map(\.uai)).subtracting([uai]).sorted()
      values["autres_etablissements"] = others.map { other in
        ["uai": other, "lien": Self.path(other, schools.last { $0.uai == other }!.year)]
      }
    }
    return values
  }

  // MARK: Tableau de bord

  func dashboard(_ state: SchoolYearState) async throws -> [String: Any] {
    var values = try await layout(state, title: "Tableau de bord", tab: "tableau")
    values["classes"] = [[String: Any]]()
    values["fichiers"] = state.status.files.map { file in
      [
        "type": FileKind(rawValue: file.kind)?.frenchName ?? file.kind, "nom": file.fileName,
        "exporte": file.exportedAt.map(FrenchDate.text) ?? "—",
        "importe": FrenchDate.text(file.importedAt),
        "empreinte": String(file.sha256.prefix(12)), "effectifs": StatusReport.countsText(file.counts),
      ]
    }
    let missing = [FileKind.siecleNomenclature, .stsEmp, .lsuBilans].filter { kind in
      !state.data.loadedKinds.contains(kind)
        && !(kind == .lsuBilans && state.data.loadedKinds.contains(.gradebookServices))
    }
    values["fichiers_manquants"] = missing.map { ["type": $0.frenchName] }
    let pending = state.items.filter(\.isPending).count
    values["relecture"] = [
      "total": state.items.count, "a_decider": pending, "decides": state.items.count - pending,
      "fini": !state.items.isEmpty && pending == 0,
      "lien": Self.path(
        state.status.uai, state.status.year.start,
        "correspondances"),
    ]
    if let checks = state.checks {
      let blocking = checks.findings.filter { $0.severity == .blocking }.count
      let warnings = checks.findings.filter { $0.severity == .warning }.count
      values["anomalies"] = [
        "bloquantes": blocking, "avertissements": warnings,
        "informations": checks.findings.count - blocking - warnings,
        "lien": Self.path(state.status.uai, state.status.year.start, "anomalies"),
      ]
      values["classes"] = checks.classes.map { klass in
        let pupils = checks.pupils.filter { $0.division == klass.division && $0.status != .complete }
        let findings = checks.findings.filter { $0.division == klass.division }
        let setting = state.data.classSettings[klass.division]
        return [
          "division": klass.division, "etat": Self.state(klass.status),
          "evaluation": klass.evaluation ?? "", "parametrage": klass.setting ?? "non enregistré",
          "choix_mode": ClassSetting.Positioning.allCases.map { mode in
            ["valeur": mode.rawValue, "libelle": mode.french, "selectionne": setting?.positioning == mode]
          },
          "moyenne_oui": setting?.classAverage == true,
          "action_classe": Self.path(state.status.uai, state.status.year.start, "classes"),
          "eleves": checks.pupils.filter { $0.division == klass.division }.count,
          "details": pupils.map {
            ["nom": $0.name, "etat": Self.state($0.status), "manque": $0.missing.joined(separator: " ; ")]
          },
          "constats": findings.prefix(20).map { ["gravite": Self.severity($0.severity), "message": $0.message] },
          "a_details": !pupils.isEmpty || !findings.isEmpty || klass.endOfCycle != nil,
          "fin_de_cycle": Self.endOfCycle(klass, pupils: checks.pupils),
          "lien": Self.path(state.status.uai, state.status.year.start, "anomalies") + "?classe="
            + (klass.division.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
        ] as [String: Any]
      }
    } else {
      values["verifications_impossibles"] = state.checksProblem ?? ""
    }
    return values
  }

  /// A class's end-of-cycle state and the pupils whose bilan de fin de cycle is not complete, or `false`
  /// when the class sends no such bilan.
  static func endOfCycle(_ klass: ClassStatus, pupils: [PupilStatus]) -> Any {
    guard let status = klass.endOfCycle else { return false }
    let details = pupils.filter { $0.division == klass.division && ($0.endOfCycle ?? .complete) != .complete }
    return [
      "etat": state(status), "cycle": klass.cycle.map(String.init) ?? "", "resume": klass.endOfCycleSummary ?? "",
      "details": details.map {
        [
          "nom": $0.name, "etat": state($0.endOfCycle ?? .impossible),
          "manque": $0.endOfCycleMissing.joined(separator: " ; "),
        ]
      },
    ] as [String: Any]
  }

  /// An export status as an icon and a word, never colour alone.
  static func state(_ status: ExportStatus) -> [String: String] {
    switch status {
    case .complete: ["icone": "✔", "mot": "complet", "classe": "complet"]
    case .incomplete: ["icone": "◔", "mot": "incomplet", "classe": "incomplet"]
    case .partial: ["icone": "◑", "mot": "partiel", "classe": "partiel"]
    case .impossible: ["icone": "✖", "mot": "bloquant", "classe": "bloquant"]
    }
  }

  static func severity(_ severity: FindingSeverity) -> [String: String] {
    switch severity {
    case .blocking: ["icone": "✖", "mot": "bloquant", "classe": "bloquant"]
    case .warning: ["icone": "▲", "mot": "avertissement", "classe": "avertissement"]
    case .info: ["icone": "ℹ", "mot": "information", "classe": "information"]
    }
  }

  // MARK: Correspondances

  func review(_ state: SchoolYearState, filter: String?) async throws -> [String: Any] {
    var values = try await layout(state, title: "Correspondances", tab: "correspondances")
    guard let suggestions = state.suggestions else {
      values["sans_logiciel"] = true
      return values
    }
    let base = Self.path(state.status.uai, state.status.year.start)
    let allCodes = suggestions.catalogue.map { ["code": $0.code, "libelle": $0.label] }
    let people = suggestions.people.sorted { $0.displayName < $1.displayName }.map {
      ["code": $0.id, "libelle": "\($0.displayName) (id \($0.id))"]
    }
    func view(_ item: ReviewItem) -> [String: Any] {
      let groups = item.groups.enumerated().map { index, group -> [String: Any] in
        let inProgramme = group.choices.filter(\.inProgramme)
        let others = group.choices.filter { !$0.inProgramme }
        return [
          "cle": group.key, "numero": index + 1, "divisions": group.divisions.joined(separator: ", "),
          "code": group.code ?? "", "libelle": group.label ?? "", "modalite": group.modalite ?? "",
          "sans_code": group.code == nil, "confiance": Int((group.confidence * 100).rounded()),
          "confiance_haute": group.confidence >= 0.9, "statut": group.status.rawValue,
          "statut_classe": Self.statusClass(group.status), "raisons": group.reasons,
          "ou": group.fixIn.map(\.french).joined(separator: ", "),
          "au_programme": inProgramme.map { Self.choice($0, selected: $0.code == group.code) },
          "autres": others.map { Self.choice($0, selected: $0.code == group.code) },
          "liste": item.kind == .subject ? "tous-codes" : "tous-individus", "plusieurs": item.groups.count > 1,
        ]
      }
      return [
        "cle": item.key, "version": String(item.version), "ancre": Self.anchor(item.key, kind: item.kind),
        "libelle": item.label,
        "code_logiciel": item.gradebookCode ?? "", "divisions": item.divisions.joined(separator: ", "),
        "statut": item.status.rawValue, "statut_classe": Self.statusClass(item.status), "a_decider": item.isPending,
        "groupes": groups, "plusieurs_groupes": item.groups.count > 1, "nombre_groupes": item.groups.count,
        "co_enseignement": item.coTeaching.map(\.text), "sources": item.sources.prefix(4).joined(separator: ", "),
        "recherche": ([item.label, item.gradebookCode ?? ""] + item.divisions + item.groups.compactMap(\.code))
          .joined(separator: " ").lowercased(),
      ]
    }
    let needle = filter?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    let visible = zip(state.items, state.itemJSON).filter { item, _ in
      needle.isEmpty
        || ([item.label, item.gradebookCode ?? ""] + item.divisions).joined(separator: " ").lowercased()
          .contains(needle)
    }
    // Each row is rendered once per state of its item (its JSON text says all the row shows): after
    // a decision, only the rows that changed are rendered again.
    let token = formToken()
    let action = base + "/decisions"
    func row(_ item: ReviewItem, json: String) -> [String: Any] {
      let html = rows.row(key: token + "\u{1}" + action + "\u{1}" + json) {
        var values = view(item)
        values["jeton"] = token
        values["action"] = action
        return templates.render(values, withTemplate: "ligne-correspondance") ?? ""
      }
      return ["ligne": html]
    }
    values["matieres"] = visible.filter { $0.0.kind == .subject }.map(row)
    values["enseignants"] = visible.filter { $0.0.kind == .teacher }.map(row)
    values["recherche"] = filter ?? ""
    values["tous_codes"] = allCodes
    values["tous_individus"] = people
    let highConfidence = state.items.flatMap(\.groups).filter { $0.status == .proposed && $0.confidence >= 0.9 }
    values["lot"] = ["nombre": highConfidence.count, "action": base + "/decisions/lot"]
    values["action"] = base + "/decisions"
    values["a_decider"] = state.items.filter(\.isPending).count
    values["total"] = state.items.count
    return values
  }

  static func choice(_ choice: ReviewChoice, selected: Bool) -> [String: Any] {
    [
      "code": choice.code, "texte": choice.text, "selectionne": selected,
    ]
  }

  static func statusClass(_ status: SuggestionStatus) -> String {
    switch status {
    case .accepted: "acceptee"
    case .proposed: "proposee"
    case .toCheck: "a-verifier"
    case .scopeChanged: "perimetre-change"
    case .rejected: "rejetee"
    }
  }

  /// The HTML id of an item's row: `m-histoire-geographie` for a subject, `e-…` for a teacher.
  static func anchor(_ key: String, kind: ReviewItem.Kind) -> String {
    let slug = key.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }
      .joined()
    return (kind == .subject ? "m-" : "e-") + slug
  }

  // MARK: Anomalies

  struct FindingFilter {
    var severity: String?
    var division: String?
    var rule: String?
    var fixIn: String?

    func accepts(_ finding: Finding) -> Bool {
      if let severity, !severity.isEmpty, Site.severity(finding.severity)["classe"] != severity { return false }
      if let division, !division.isEmpty, finding.division != division, finding.group != division { return false }
      if let rule, !rule.isEmpty, finding.rule != rule { return false }
      if let fixIn, !fixIn.isEmpty, Site.fixPlace(finding.fixIn) != fixIn { return false }
      return true
    }
  }

  /// Where a finding is fixed, in the filter's words.
  static func fixPlace(_ fixIn: FixIn) -> String {
    switch fixIn {
    case .gradebook: "pronote"
    case .sts: "sts"
    case .siecle: "siecle"
    case .rectorat: "rectorat"
    }
  }

  func findings(_ state: SchoolYearState, filter: FindingFilter) async throws -> [String: Any] {
    var values = try await layout(state, title: "Anomalies", tab: "anomalies")
    guard let checks = state.checks else {
      values["verifications_impossibles"] = state.checksProblem ?? ""
      return values
    }
    let base = Self.path(state.status.uai, state.status.year.start)
    let shown = checks.findings.filter(filter.accepts)
    values["constats"] = shown.map { finding -> [String: Any] in
      var row: [String: Any] = [
        "gravite": Self.severity(finding.severity), "classe": finding.division ?? finding.group ?? "—",
        "verification": CheckRegistry.check(finding.rule)?.title ?? finding.rule, "regle": finding.rule,
        "message": finding.message, "ou": finding.fixIn.french,
      ]
      if let item = reviewItem(for: finding, in: state) {
        row["lien_correspondance"] = base + "/correspondances#" + Self.anchor(item.key, kind: item.kind)
        row["libelle_correspondance"] = item.label
      }
      return row
    }
    values["nombre"] = shown.count
    values["total"] = checks.findings.count
    func options(_ all: [String], selected: String?, label: (String) -> String) -> [[String: Any]] {
      all.map { ["valeur": $0, "libelle": label($0), "selectionne": $0 == selected] }
    }
    values["filtre_gravite"] = options(["bloquant", "avertissement", "information"], selected: filter.severity) { $0 }
    let divisions = Set(checks.findings.compactMap { $0.division ?? $0.group }).sorted()
    values["filtre_classe"] = options(divisions, selected: filter.division) { $0 }
    let rules = Set(checks.findings.map(\.rule)).sorted()
    values["filtre_verification"] = options(rules, selected: filter.rule) { CheckRegistry.check($0)?.title ?? $0 }
    values["filtre_ou"] = options(["pronote", "sts", "siecle", "rectorat"], selected: filter.fixIn) { value in
      ["pronote": "logiciel de notes (PRONOTE…)", "sts": "STS Web", "siecle": "SIECLE", "rectorat": "rectorat"][value]!
    }
    values["classes"] = checks.classes.map { ["division": $0.division, "etat": Self.state($0.status)] }
    return values
  }

  /// The review item a finding is about, for its link to Correspondances.
  func reviewItem(for finding: Finding, in state: SchoolYearState) -> ReviewItem? {
    guard let suggestions = state.suggestions else { return nil }
    if let key = finding.reviewKey,
      let item = state.items.first(where: { $0.key == key || $0.groups.contains { $0.key == key } })
    {
      return item
    }
    let where_ = [finding.division, finding.group].compactMap { $0 }
    if finding.rule.hasPrefix("subject-") || finding.rule == ModalityInvalid.id
      || finding.rule == DisciplineDuplicate.id, let code = finding.subjectCode
    {
      let context = suggestions.subjects.first { subject in
        (subject.code == code || subject.chosenCode == code)
          && (where_.isEmpty || subject.divisions.contains { where_.contains($0) })
      }
      if let context { return state.items.first { $0.key == context.itemKey } }
    }
    if finding.rule.hasPrefix("teacher-") {
      return state.items.first { item in
        item.kind == .teacher
          && ((finding.teacherSTSId != nil && item.gradebookCode == finding.teacherSTSId)
            || (finding.teacherName != nil && item.label == finding.teacherName))
      }
    }
    return nil
  }
}
