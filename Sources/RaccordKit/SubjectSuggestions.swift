import Foundation
import Matching
import RaccordCore
import Store

/// What suggestions need from a school year's data that review decisions do not change: the
/// matchers over its nomenclature and STS individuals. Built once per state of the files and kept
/// by the review page, so that a decision does not rebuild them.
public struct SuggestionEngine: Sendable {
  let matcher: SubjectMatcher
  let teacherMatcher: TeacherMatcher
  let catalogueCodes: Set<String>
  /// The year's nomenclature, sorted by code.
  let schoolCatalogue: [CatalogueEntry]
  /// The subject items and their contexts before any decision: what a decision does not change.
  private(set) var preparedSubjects: [PreparedSubject]?
  /// The teachers and their STS candidates, and what their advice looks up: the same.
  private(set) var preparedTeachers: [PreparedTeacher]?
  private(set) var teacherLookups: TeacherLookups?

  init(data: SchoolYearData, tables: MappingTables) {
    var catalogue = data.catalogue.map {
      CatalogueEntry(
        code: $0.code, codeGestion: $0.codeGestion, libelleCourt: $0.libelleCourt, libelleLong: $0.libelleLong,
        libelleEdition: $0.libelleEdition)
    }
    catalogueCodes = Set(catalogue.map(\.code))
    schoolCatalogue = catalogue.sorted { $0.code < $1.code }
    catalogue += data.national.map {
      CatalogueEntry(
        code: $0.code, codeGestion: $0.codeGestion, libelleCourt: $0.libelleCourt, libelleLong: $0.libelleLong,
        libelleEdition: $0.libelleEdition, dateFermeture: $0.dateFermeture, inSchoolNomenclature: false)
    }
    matcher = SubjectMatcher(catalogue: catalogue, tables: tables)
    teacherMatcher = TeacherMatcher(people: data.people)
    let builder = SuggestionBuilder(data: data, engine: self, decisions: [])
    preparedSubjects = builder.prepareSubjects()
    preparedTeachers = builder.prepareTeachers()
    teacherLookups = TeacherLookups(data: data)
  }
}

/// A subject item in one context, its suggestion made, before decisions apply.
struct PreparedSubject: Sendable {
  var item: SubjectItem
  var context: SubjectContext
}

/// Builds the items from one school year's data. No I/O.
struct SuggestionBuilder {
  let data: SchoolYearData
  let matcher: SubjectMatcher
  let teacherMatcher: TeacherMatcher
  let decisions: [ReviewDecision]
  let yearStart: String
  let catalogueCodes: Set<String>
  /// The year's nomenclature, sorted by code.
  let schoolCatalogue: [CatalogueEntry]
  let preparedSubjects: [PreparedSubject]?
  let preparedTeachers: [PreparedTeacher]?
  let teacherLookups: TeacherLookups?

  init(data: SchoolYearData, engine: SuggestionEngine, decisions: [ReviewDecision]) {
    self.data = data
    self.decisions = decisions
    yearStart = SchoolYear(data.year).firstDay
    matcher = engine.matcher
    teacherMatcher = engine.teacherMatcher
    catalogueCodes = engine.catalogueCodes
    schoolCatalogue = engine.schoolCatalogue
    preparedSubjects = engine.preparedSubjects
    preparedTeachers = engine.preparedTeachers
    teacherLookups = engine.teacherLookups
  }

  /// A gradebook subject and where it is taught, before grouping by MEFs.
  struct RawSubject {
    var label: String
    var code: String?
    var codeNational: String?
    var modalite: String?
    var structures: Set<String> = []
    var sources: [String] = []
    var disciplineIDs: [String] = []
  }

  /// The review item's key: what the school sees, its subject's label, folded.
  static func subjectKey(label: String) -> String {
    LabelNormalizer.fold(label)
  }

  /// The key of one group of an item whose divisions need different codes.
  static func groupKey(_ itemKey: String, divisions: [String]) -> String {
    "\(itemKey)|div:\(divisions.sorted().joined(separator: "+"))"
  }

  /// `6A=10010012110+10010027110,6B=…`: the divisions of some contexts with their MEFs.
  static func scope(_ contexts: [SubjectItem]) -> String {
    contexts.flatMap { item in item.divisions.map { "\($0)=\(item.mefs.joined(separator: "+"))" } }.sorted()
      .joined(separator: ",")
  }

  func rawSubjects() -> [String: RawSubject] {
    var raw: [String: RawSubject] = [:]
    var divisionsByDiscipline: [String: Set<String>] = [:]
    for use in data.uses {
      if let division = use.division { divisionsByDiscipline[use.disciplineID, default: []].insert(division) }
    }
    for discipline in data.disciplines {
      let label = discipline.libelle ?? discipline.code ?? discipline.id
      let key = Self.subjectKey(label: label)
      var subject = raw[key] ?? RawSubject(label: label)
      subject.code = subject.code ?? discipline.code
      subject.codeNational = subject.codeNational ?? discipline.codeNational
      subject.modalite = subject.modalite ?? discipline.modalite
      subject.structures.formUnion(divisionsByDiscipline[discipline.id] ?? [])
      subject.sources.append("LSU \(discipline.id)" + (discipline.line.map { " ligne \($0)" } ?? ""))
      subject.disciplineIDs.append(discipline.id)
      raw[key] = subject
    }
    for service in data.gradebookServices {
      let key = Self.subjectKey(label: service.subjectLabel)
      var subject = raw[key] ?? RawSubject(label: service.subjectLabel)
      subject.code = subject.code ?? service.subjectCode
      subject.structures.insert(service.structure)
      if let line = service.line { subject.sources.append("CSV ligne \(line)") }
      raw[key] = subject
    }
    return raw
  }

  /// `3A, 3B (MEF 10310019110)`, said so when a group's MEFs come from its pupils' classes, and in
  /// plain words when nothing ties the structures to a MEF.
  static func describe(_ structures: [String], mefs: [String], fromPupils: Set<String>) -> String {
    guard !structures.isEmpty else { return "l'établissement (classes inconnues)" }
    let names = structures.joined(separator: ", ")
    guard !mefs.isEmpty else {
      return "\(names) (ni SIECLE ni STS Web ne rattachent \(structures.count > 1 ? "ces structures" : "ce groupe") "
        + "à une classe ou un MEF : tous les programmes de l'établissement sont envisagés)"
    }
    let inferred = structures.filter { fromPupils.contains($0) }
    return "\(names) (MEF \(mefs.joined(separator: ", "))"
      + (inferred.isEmpty ? "" : ", d'après les classes des élèves de \(inferred.joined(separator: ", "))") + ")"
  }

  /// One review item per gradebook label; its contexts (divisions sharing the same MEFs) are
  /// grouped by proposed code, and each group gets its own decision key only when there are several.
  func subjects() -> [SubjectItem] {
    (preparedSubjects ?? prepareSubjects()).map { prepared in
      var item = prepared.item
      apply(decisions, to: &item, context: prepared.context)
      item.fixIn = fixPlaces(item)
      return item
    }
  }

  /// The items of ``subjects()`` before decisions apply: they depend on the files alone.
  func prepareSubjects() -> [PreparedSubject] {
    var items: [PreparedSubject] = []
    for (itemKey, subject) in rawSubjects().sorted(by: { $0.key < $1.key }) {
      var contexts = self.contexts(of: subject, itemKey: itemKey)
      let groups = Dictionary(grouping: contexts.indices) {
        [contexts[$0].item.chosenCode ?? "", contexts[$0].item.chosenModalite ?? ""]
      }
      let itemScope = Self.scope(contexts.map(\.item))
      for indices in groups.values {
        let members = indices.map { contexts[$0].item }
        let key =
          groups.count > 1 ? Self.groupKey(itemKey, divisions: members.flatMap(\.divisions)) : itemKey
        let scope = Self.scope(members)
        for index in indices {
          contexts[index].item.key = key
          contexts[index].item.scope = scope
          contexts[index].item.itemScope = itemScope
        }
      }
      items += contexts.map { PreparedSubject(item: $0.item, context: $0.context) }
    }
    return items
  }

  /// The subject in each set of MEFs of its divisions: the right code depends on the programme.
  func contexts(of subject: RawSubject, itemKey: String) -> [(item: SubjectItem, context: SubjectContext)] {
    let allMEFs = Set(data.programme.map(\.mef))
    var byMEFs: [[String]: [String]] = [:]
    for structure in subject.structures {
      let mefs = (data.structureMEFs[structure] ?? []).sorted()
      byMEFs[mefs, default: []].append(structure)
    }
    if byMEFs.isEmpty { byMEFs[[]] = [] }
    var contexts: [(item: SubjectItem, context: SubjectContext)] = []
    for (mefs, structures) in byMEFs.sorted(by: { ($0.value.sorted().first ?? "") < ($1.value.sorted().first ?? "") }) {
      let scope = mefs.isEmpty ? allMEFs : Set(mefs)
      var programme: [String: Set<String>] = [:]
      for row in data.programme where scope.contains(row.mef) {
        programme[row.matiere, default: []].insert(row.modalite ?? "")
      }
      var options: [String: [String: Int]] = [:]
      let divisions = Set(structures)
      for (pupil, division) in data.pupilDivisions where divisions.contains(division) {
        for option in data.pupilOptions[pupil] ?? [] {
          options[option.matiere, default: [:]][option.modalite ?? "", default: 0] += 1
        }
      }
      let description = Self.describe(structures.sorted(), mefs: mefs, fromPupils: data.groupMEFsFromPupils)
      let context = SubjectContext(
        description: description, programme: programme, pupilOptions: options, yearStart: yearStart)
      let suggestion = matcher.suggest(
        SubjectQuery(
          label: subject.label, code: subject.code, codeNational: subject.codeNational, modalite: subject.modalite),
        in: context)
      let item = SubjectItem(
        key: itemKey, itemKey: itemKey, scope: "", itemScope: "", label: subject.label, code: subject.code,
        modalite: subject.modalite, divisions: structures.sorted(), mefs: mefs, sources: subject.sources,
        disciplineIDs: subject.disciplineIDs, suggestion: suggestion, status: suggestion.status,
        chosenCode: suggestion.best?.code, chosenLabel: suggestion.best?.label,
        chosenModalite: suggestion.best?.modalite, confidence: suggestion.best?.confidence ?? 0,
        reasons: (suggestion.best?.reasons ?? ["aucun code ne correspond"]) + suggestion.notes, fixIn: [],
        programmeCodes: Set(programme.keys))
      contexts.append((item, context))
    }
    return contexts
  }

  /// The decision that governs a context, and the scope it is compared with: its group's decision,
  /// else the whole item's, else one taken under the keys of earlier versions (label, code, MEFs).
  func decision(for item: SubjectItem) -> (decision: ReviewDecision, scope: String?)? {
    let candidates = decisions.filter { $0.kind == .subject && $0.year <= data.year }
    if let exact = candidates.first(where: { $0.itemKey == item.key }) {
      return (exact, item.scope)
    }
    if item.key != item.itemKey, let whole = candidates.first(where: { $0.itemKey == item.itemKey }) {
      return (whole, item.itemScope)
    }
    // A group decision whose divisions moved: it still speaks for the divisions it shares.
    let prefix = item.itemKey + "|div:"
    let divisions = Set(item.divisions)
    if let moved = candidates.first(where: {
      $0.itemKey.hasPrefix(prefix)
        && !divisions.isDisjoint(with: $0.itemKey.dropFirst(prefix.count).split(separator: "+").map(String.init))
    }) {
      return (moved, item.scope)
    }
    let legacy = candidates.first {
      let parts = $0.itemKey.split(separator: "|", omittingEmptySubsequences: false)
      return parts.count == 3 && parts[0] == item.itemKey && parts[2] == item.mefs.joined(separator: "+")
    }
    return legacy.map { ($0, nil) }
  }

  func apply(_ decisions: [ReviewDecision], to item: inout SubjectItem, context: SubjectContext) {
    guard let (decision, currentScope) = decision(for: item) else { return }
    let thisYear = decision.year == data.year
    let who = decision.author.map { " par \($0)" } ?? ""
    let when =
      thisYear
      ? "décision du \(FrenchDate.text(decision.decidedAt))\(who)"
      : "décidé l'an dernier (\(SchoolYear(decision.year)))\(who)"
    // Last year's decisions are checked against the nomenclature below; this year's against their scope.
    var scopeNote: String?
    if thisYear, let before = decision.scope, let currentScope, before != currentScope {
      if let others = otherDecisionsCovering(from: before, to: currentScope, as: decision) {
        let change = Self.scopeDifference(from: before, to: currentScope)
        scopeNote =
          others.isEmpty
          ? "périmètre réduit depuis (\(change)) : la décision vaut toujours pour les classes restantes"
          : "périmètre élargi depuis (\(change)) : ces classes avaient déjà ce code par la décision sur "
            + others.map { "« \($0) »" }.joined(separator: ", ")
            + " (disciplines fusionnées, par exemple par « raccord export lsu ») : rien à relire"
      } else {
        markScopeChanged(&item, decision: decision, when: when, from: before, to: currentScope)
        return
      }
    }
    if decision.verdict == .reject {
      if thisYear {
        item.status = .rejected
        item.reasons.insert(
          "suggestion rejetée par \(decision.author ?? "un relecteur")" + (decision.note.map { " : \($0)" } ?? ""),
          at: 0)
      }
      return
    }
    guard let chosen = decision.chosenCode ?? item.chosenCode else { return }
    if !thisYear {
      if let entry = matcher.entry(chosen), let closed = entry.dateFermeture, closed < yearStart {
        item.reasons.insert(
          "décidé l'an dernier (\(chosen)), mais ce code est fermé depuis le \(closed) : à revoir", at: 0)
        return
      }
      guard catalogueCodes.contains(chosen) else {
        item.reasons.insert(
          "décidé l'an dernier (\(chosen)), mais ce code n'est plus dans la nomenclature : à revoir", at: 0)
        return
      }
    }
    item.status = .accepted
    item.chosenCode = chosen
    item.chosenLabel = matcher.entry(chosen)?.label ?? item.chosenLabel
    let candidate = item.suggestion.candidates.first { $0.code == chosen }
    item.chosenModalite =
      decision.chosenModalite ?? candidate?.modalite
      ?? matcher.chooseModalite(chosen, query: SubjectQuery(label: item.label), context: context).0
    item.confidence = 1
    item.reasons.insert(when + (decision.note.map { " : \($0)" } ?? ""), at: 0)
    if let scopeNote { item.reasons.insert(scopeNote, at: 1) }
  }

  func markScopeChanged(
    _ item: inout SubjectItem, decision: ReviewDecision, when: String, from before: String, to currentScope: String
  ) {
    item.status = .scopeChanged
    if decision.verdict != .reject, let chosen = decision.chosenCode {
      item.chosenCode = chosen
      item.chosenLabel = matcher.entry(chosen)?.label ?? item.chosenLabel
      item.chosenModalite = decision.chosenModalite ?? item.chosenModalite
    }
    let earlier = decision.verdict == .reject ? "suggestion rejetée" : "code \(decision.chosenCode ?? "?")"
    item.reasons.insert(
      "périmètre changé depuis la \(when) (\(earlier), pré-sélectionné) : "
        + Self.scopeDifference(from: before, to: currentScope) + " ; à confirmer", at: 0)
  }

  /// When a decision's scope changed in a way that cannot change the right code, the keys of the
  /// decisions that vouch for it: none when the scope only lost classes (a relabelled discipline
  /// leaves another source alone under the old label); when it only gained classes that already had
  /// the same code and modalité by another of this year's decisions (two disciplines merged, as the
  /// corrected LSU file does with duplicates), those decisions. Else `nil`: confirm the change.
  func otherDecisionsCovering(from before: String, to after: String, as decision: ReviewDecision) -> [String]? {
    guard decision.verdict != .reject, let code = decision.chosenCode else { return nil }
    let old = Self.parseScope(before)
    let new = Self.parseScope(after)
    // Fewer classes, each with the MEFs it had: the decision still holds for every one of them.
    if new.allSatisfy({ old[$0.key] == $0.value }) { return [] }
    guard old.allSatisfy({ new[$0.key] == $0.value }) else { return nil }
    let others = decisions.filter {
      $0.kind == .subject && $0.year == decision.year && $0.itemKey != decision.itemKey && $0.verdict != .reject
        && $0.chosenCode == code && $0.chosenModalite == decision.chosenModalite
    }
    var keys: [String] = []
    for (division, mefs) in new where old[division] == nil {
      guard let other = others.first(where: { $0.scope.map(Self.parseScope)?[division] == mefs }) else { return nil }
      if !keys.contains(other.itemKey) { keys.append(other.itemKey) }
    }
    return keys.sorted()
  }

  /// `6A=10010012110+10010027110,6B=…` → division → MEFs.
  static func parseScope(_ scope: String) -> [String: String] {
    var divisions: [String: String] = [:]
    for part in scope.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      divisions[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
    }
    return divisions
  }

  /// What changed between two scopes, in French: divisions added or removed, MEFs changed.
  static func scopeDifference(from before: String, to after: String) -> String {
    let old = parseScope(before)
    let new = parseScope(after)
    var changes: [String] = []
    let added = new.keys.filter { old[$0] == nil }.sorted()
    let removed = old.keys.filter { new[$0] == nil }.sorted()
    if !added.isEmpty { changes.append("ajouté \(added.joined(separator: ", "))") }
    if !removed.isEmpty { changes.append("retiré \(removed.joined(separator: ", "))") }
    for division in new.keys.sorted() {
      if let was = old[division], let now = new[division], was != now {
        func mefs(_ text: String) -> String { text.isEmpty ? "aucun" : text.replacingOccurrences(of: "+", with: ", ") }
        changes.append("MEF de \(division) : \(mefs(was)) → \(mefs(now))")
      }
    }
    return changes.isEmpty ? "divisions réorganisées" : changes.joined(separator: " ; ")
  }

  func fixPlaces(_ item: SubjectItem) -> [FixIn] {
    var places: [FixIn] = []
    if item.chosenCode == nil || item.suggestion.best?.inProgramme == false {
      places += [.siecle, .rectorat]
    }
    if item.chosenCode != item.code || (item.chosenModalite != nil && item.chosenModalite != item.modalite) {
      places.append(.gradebook)
    }
    if !item.suggestion.notes.isEmpty { places.append(.sts) }
    return places
  }
}
