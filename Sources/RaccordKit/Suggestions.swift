import Foundation
import Importers
import Matching
import RaccordCore
import Store

/// Where a problem is fixed.
public enum FixPlace: String, Sendable, Codable {
  case gradebook = "logiciel de notes"
  case sts = "STS Web"
  case siecle = "SIECLE"
  case rectorat = "rectorat"
}

/// A gradebook subject in one context (the divisions sharing the same MEFs), with its suggestion.
public struct SubjectItem: Sendable {
  /// Stable across imports and years: folded label, code, MEFs.
  public var key: String
  public var label: String
  public var code: String?
  public var modalite: String?
  public var divisions: [String]
  public var mefs: [String]
  /// Where the subject appears (`LSU DI_020100F`, `CSV ligne 86`).
  public var sources: [String]
  /// The LSU discipline ids it stands for.
  public var disciplineIDs: [String]
  public var suggestion: SubjectSuggestion
  public var status: SuggestionStatus
  /// The code retained: the decision's, else the best candidate's.
  public var chosenCode: String?
  public var chosenLabel: String?
  public var chosenModalite: String?
  public var confidence: Double
  public var reasons: [String]
  public var fixIn: [FixPlace]
}

/// A teacher who must be declared as co-teacher of an STS service.
public struct ReplacementAdvice: Sendable, Hashable {
  public var structure: String
  public var matiere: String
  public var matiereLabel: String
  public var titulars: [STSPerson]

  public var text: String {
    let names = titulars.map { person in
      "\(person.displayName) (id STS \(person.id)\(person.fonction == nil ? ", sans fonction : en congé ?" : ""))"
    }.joined(separator: ", ")
    return "déclarer en co-enseignement avec \(names.isEmpty ? "le titulaire" : names) sur \(structure) "
      + "\(matiereLabel) (\(matiere)) : dans STS Web, ajouter l'enseignant au service de \(structure) en "
      + "co-enseignement ; dans le logiciel de notes, rattacher le service aux deux enseignants"
  }
}

/// A gradebook teacher with the STS people that could be them.
public struct TeacherItem: Sendable {
  public var key: String
  public var name: String
  public var idSTS: String?
  public var type: String?
  public var sources: [String]
  public var candidates: [TeacherCandidate]
  /// (structure, matière) the teacher teaches according to the gradebook.
  public var teaching: [(structure: String, matiere: String)]
  public var replacements: [ReplacementAdvice]
  public var status: SuggestionStatus
  public var chosen: STSPerson?
  public var confidence: Double
  public var reasons: [String]
  public var fixIn: [FixPlace]
}

/// Suggestions for every gradebook subject and teacher of a school year.
public struct SuggestionReport: Sendable {
  public var uai: String
  public var year: SchoolYear
  public var subjects: [SubjectItem]
  public var teachers: [TeacherItem]
}

extension Raccord {
  /// The school year to work on: the one named, else the latest with a gradebook file, else the latest.
  func resolveYear(uai: String, year: Int?) throws -> Int {
    let years = try database.status().filter { $0.uai == uai }
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
    guard data.loadedKinds.contains(.siecleNomenclature) || data.loadedKinds.contains(.stsEmp) else {
      throw RaccordError.nothingLoaded(uai: school, year: start)
    }
    guard data.loadedKinds.contains(.lsuBilans) || data.loadedKinds.contains(.gradebookServices) else {
      throw RaccordError.gradebookMissing(uai: school, year: start)
    }
    return try suggestions(for: data)
  }

  /// Suggestions from data already read.
  func suggestions(for data: SchoolYearData) throws -> SuggestionReport {
    let decisions = try database.decisions(uai: data.uai)
    let builder = SuggestionBuilder(data: data, tables: try mappingTables(), decisions: decisions)
    let subjects = builder.subjects()
    return SuggestionReport(
      uai: data.uai, year: SchoolYear(data.year), subjects: subjects, teachers: builder.teachers(subjects: subjects))
  }
}

/// Builds the items from one school year's data. No I/O.
struct SuggestionBuilder {
  let data: SchoolYearData
  let matcher: SubjectMatcher
  let teacherMatcher: TeacherMatcher
  let decisions: [ReviewDecision]
  let yearStart: String
  let catalogueCodes: Set<String>

  init(data: SchoolYearData, tables: MappingTables, decisions: [ReviewDecision]) {
    self.data = data
    self.decisions = decisions
    yearStart = SchoolYear(data.year).firstDay
    var catalogue = data.catalogue.map {
      CatalogueEntry(
        code: $0.code, codeGestion: $0.codeGestion, libelleCourt: $0.libelleCourt, libelleLong: $0.libelleLong,
        libelleEdition: $0.libelleEdition)
    }
    catalogueCodes = Set(catalogue.map(\.code))
    catalogue += data.national.map {
      CatalogueEntry(
        code: $0.code, codeGestion: $0.codeGestion, libelleCourt: $0.libelleCourt, libelleLong: $0.libelleLong,
        libelleEdition: $0.libelleEdition, dateFermeture: $0.dateFermeture, inSchoolNomenclature: false)
    }
    matcher = SubjectMatcher(catalogue: catalogue, tables: tables)
    teacherMatcher = TeacherMatcher(people: data.people)
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

  static func subjectKey(label: String, code: String?) -> String {
    "\(LabelNormalizer.fold(label))|\(code ?? "")"
  }

  func rawSubjects() -> [String: RawSubject] {
    var raw: [String: RawSubject] = [:]
    var divisionsByDiscipline: [String: Set<String>] = [:]
    for use in data.uses {
      if let division = use.division { divisionsByDiscipline[use.disciplineID, default: []].insert(division) }
    }
    for discipline in data.disciplines {
      let label = discipline.libelle ?? discipline.code ?? discipline.id
      let key = Self.subjectKey(label: label, code: discipline.code)
      var subject = raw[key] ?? RawSubject(label: label, code: discipline.code, codeNational: discipline.codeNational)
      subject.modalite = subject.modalite ?? discipline.modalite
      subject.structures.formUnion(divisionsByDiscipline[discipline.id] ?? [])
      subject.sources.append("LSU \(discipline.id)" + (discipline.line.map { " ligne \($0)" } ?? ""))
      subject.disciplineIDs.append(discipline.id)
      raw[key] = subject
    }
    for service in data.gradebookServices {
      let key = Self.subjectKey(label: service.subjectLabel, code: service.subjectCode)
      var subject = raw[key] ?? RawSubject(label: service.subjectLabel, code: service.subjectCode)
      subject.structures.insert(service.structure)
      if let line = service.line { subject.sources.append("CSV ligne \(line)") }
      raw[key] = subject
    }
    return raw
  }

  func subjects() -> [SubjectItem] {
    var items: [SubjectItem] = []
    let allMEFs = Set(data.programme.map(\.mef))
    for (baseKey, subject) in rawSubjects().sorted(by: { $0.key < $1.key }) {
      // One item per set of MEFs: the right code depends on the programme.
      var byMEFs: [[String]: [String]] = [:]
      for structure in subject.structures {
        let mefs = (data.structureMEFs[structure] ?? []).sorted()
        byMEFs[mefs, default: []].append(structure)
      }
      if byMEFs.isEmpty { byMEFs[[]] = [] }
      for (mefs, structures) in byMEFs.sorted(by: { ($0.value.sorted().first ?? "") < ($1.value.sorted().first ?? "") })
      {
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
        let description =
          structures.isEmpty
          ? "l'établissement (classes inconnues)"
          : structures.sorted().joined(separator: ", ") + " (MEF "
            + (mefs.isEmpty ? "inconnu" : mefs.joined(separator: ", ")) + ")"
        let context = SubjectContext(
          description: description, programme: programme, pupilOptions: options, yearStart: yearStart)
        let suggestion = matcher.suggest(
          SubjectQuery(
            label: subject.label, code: subject.code, codeNational: subject.codeNational, modalite: subject.modalite),
          in: context)
        let key = baseKey + "|" + mefs.joined(separator: "+")
        var item = SubjectItem(
          key: key, label: subject.label, code: subject.code, modalite: subject.modalite,
          divisions: structures.sorted(), mefs: mefs, sources: subject.sources, disciplineIDs: subject.disciplineIDs,
          suggestion: suggestion,
          status: suggestion.status, chosenCode: suggestion.best?.code, chosenLabel: suggestion.best?.label,
          chosenModalite: suggestion.best?.modalite, confidence: suggestion.best?.confidence ?? 0,
          reasons: (suggestion.best?.reasons ?? ["aucun code ne correspond"]) + suggestion.notes, fixIn: [])
        apply(decisions, to: &item, context: context)
        item.fixIn = fixPlaces(item)
        items.append(item)
      }
    }
    return items
  }

  func apply(_ decisions: [ReviewDecision], to item: inout SubjectItem, context: SubjectContext) {
    guard
      let decision = decisions.first(where: { $0.kind == .subject && $0.itemKey == item.key && $0.year <= data.year })
    else { return }
    let chosen = decision.chosenCode ?? item.chosenCode
    let thisYear = decision.year == data.year
    if decision.verdict == .reject {
      if thisYear {
        item.status = .rejected
        item.reasons.insert(
          "suggestion rejetée par \(decision.author ?? "un relecteur")" + (decision.note.map { " : \($0)" } ?? ""),
          at: 0)
      }
      return
    }
    guard let chosen else { return }
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
    let who = decision.author.map { " par \($0)" } ?? ""
    let when =
      thisYear
      ? "décision du \(StatusReport.frenchDate(decision.decidedAt))\(who)"
      : "décidé l'an dernier (\(SchoolYear(decision.year)))\(who)"
    item.reasons.insert(when + (decision.note.map { " : \($0)" } ?? ""), at: 0)
  }

  func fixPlaces(_ item: SubjectItem) -> [FixPlace] {
    var places: [FixPlace] = []
    if item.chosenCode == nil || item.suggestion.best?.inProgramme == false {
      places += [.siecle, .rectorat]
    }
    if item.chosenCode != item.code || (item.chosenModalite != nil && item.chosenModalite != item.modalite) {
      places.append(.gradebook)
    }
    if !item.suggestion.notes.isEmpty { places.append(.sts) }
    return places
  }

  func teachers(subjects: [SubjectItem]) -> [TeacherItem] {
    // The code each gradebook subject maps to, per division.
    var codeFor: [String: [String: String]] = [:]
    for item in subjects {
      let base = item.key.split(separator: "|", omittingEmptySubsequences: false).prefix(2).joined(separator: "|")
      for division in item.divisions { codeFor[base, default: [:]][division] = item.chosenCode }
    }
    var disciplineBase: [String: String] = [:]
    for d in data.disciplines {
      disciplineBase[d.id] = Self.subjectKey(label: d.libelle ?? d.code ?? d.id, code: d.code)
    }

    struct RawTeacher {
      var query: TeacherQuery
      var sources: [String] = []
      var teaching: Set<[String]> = []
    }
    var raw: [String: RawTeacher] = [:]
    var keyByLSUID: [String: String] = [:]
    for t in data.teachers {
      let query = TeacherQuery(idSTS: t.idSTS, type: t.type, civilite: t.civilite, nom: t.nom, prenom: t.prenom)
      let key = query.key.isEmpty ? "id \(t.idSTS ?? t.id)" : query.key
      keyByLSUID[t.id] = key
      var teacher = raw[key] ?? RawTeacher(query: query)
      teacher.sources.append("LSU \(t.id)" + (t.line.map { " ligne \($0)" } ?? ""))
      raw[key] = teacher
    }
    for use in data.uses {
      guard let division = use.division, let base = disciplineBase[use.disciplineID],
        let code = codeFor[base]?[division]
      else { continue }
      for ref in use.teacherRefs {
        if let key = keyByLSUID[ref] { raw[key]?.teaching.insert([division, code]) }
      }
    }
    for service in data.gradebookServices {
      let query = TeacherQuery(idSTS: service.teacherSTSId, nom: service.teacherNom, prenom: service.teacherPrenom)
      let key = query.key
      guard !key.isEmpty else { continue }
      var teacher = raw[key] ?? RawTeacher(query: query)
      if teacher.query.idSTS == nil { teacher.query.idSTS = service.teacherSTSId }
      if let line = service.line { teacher.sources.append("CSV ligne \(line)") }
      let base = Self.subjectKey(label: service.subjectLabel, code: service.subjectCode)
      if let code = codeFor[base]?[service.structure] { teacher.teaching.insert([service.structure, code]) }
      raw[key] = teacher
    }

    let labels = Dictionary(
      data.catalogue.map { ($0.code, $0.libelleEdition ?? $0.libelleLong ?? $0.code) }, uniquingKeysWith: { a, _ in a })
    let peopleByID = Dictionary(data.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var items: [TeacherItem] = []
    for (key, teacher) in raw.sorted(by: { $0.key < $1.key }) {
      let candidates = Array(teacherMatcher.suggest(teacher.query).prefix(3))
      let best = candidates.first.flatMap { $0.confidence >= 0.5 ? $0 : nil }
      var reasons = best?.reasons ?? []
      var fixIn: [FixPlace] = []
      var replacements: [ReplacementAdvice] = []
      let teaching = teacher.teaching.map { (structure: $0[0], matiere: $0[1]) }.sorted {
        ($0.structure, $0.matiere) < ($1.structure, $1.matiere)
      }
      if let person = best?.person {
        for assignment in teaching {
          // A division's subject may be served through one of its groups (LV, options), and a group's through its divisions.
          let related =
            Set([assignment.structure])
            .union(data.groupDivisions.filter { $0.value.contains(assignment.structure) }.map(\.key))
            .union(data.groupDivisions[assignment.structure] ?? [])
          let services = data.services.filter { related.contains($0.structure) && $0.matiere == assignment.matiere }
          guard !services.contains(where: { $0.teacherIDs.contains(person.id) }) else { continue }
          let titularIDs = services.flatMap(\.teacherIDs)
          let titulars = titularIDs.compactMap { peopleByID[$0] }
          if services.isEmpty {
            reasons.append(
              "aucun service STS pour \(assignment.structure) \(labels[assignment.matiere] ?? assignment.matiere) : à créer dans STS Web"
            )
            fixIn.append(.sts)
          } else {
            replacements.append(
              ReplacementAdvice(
                structure: assignment.structure, matiere: assignment.matiere,
                matiereLabel: labels[assignment.matiere] ?? assignment.matiere, titulars: titulars))
          }
        }
        if !replacements.isEmpty { fixIn += [.sts, .gradebook] }
        if person.list == "suppleant" { reasons.append("suppléant dans STS Web") }
        if let given = teacher.query.idSTS, given != person.id {
          reasons.append("l'identifiant STS du logiciel de notes (\(given)) est faux : c'est \(person.id)")
          fixIn.append(.gradebook)
        }
      } else if !data.loadedKinds.contains(.stsEmp) {
        reasons = [
          "export STS Web non chargé : importez sts_emp_\(data.uai)_\(data.year).xml (STS Web > Exports > Emploi du temps) "
            + "pour rapprocher les enseignants"
        ]
      } else {
        reasons = [
          "inconnu de STS Web : exporté dans LSU avec le type « autre », il provoque une alerte non bloquante "
            + "et l'enseignant ne pourra pas consulter les bilans ; créez-le dans STS Web et rattachez-le à ses services"
        ]
        fixIn += [.sts]
      }
      var status: SuggestionStatus = .toCheck
      if let best, best.confidence >= 0.85, candidates.count < 2 || best.confidence - candidates[1].confidence >= 0.15 {
        status = .proposed
      }
      let name = [teacher.query.nom, teacher.query.prenom].compactMap { $0 }.joined(separator: " ")
      var item = TeacherItem(
        key: key, name: name.isEmpty ? key : name, idSTS: teacher.query.idSTS, type: teacher.query.type,
        sources: teacher.sources, candidates: candidates, teaching: teaching, replacements: replacements,
        status: status, chosen: best?.person, confidence: best?.confidence ?? 0, reasons: reasons, fixIn: fixIn)
      applyTeacherDecision(to: &item)
      items.append(item)
    }
    return items
  }

  func applyTeacherDecision(to item: inout TeacherItem) {
    guard
      let decision = decisions.first(where: { $0.kind == .teacher && $0.itemKey == item.key && $0.year <= data.year })
    else { return }
    if decision.verdict == .reject {
      if decision.year == data.year { item.status = .rejected }
      return
    }
    let id = decision.chosenCode ?? item.chosen?.id
    guard let id, let person = data.people.first(where: { $0.id == id }) else {
      item.reasons.insert("décision précédente : identifiant STS \(id ?? "?") introuvable cette année, à revoir", at: 0)
      return
    }
    item.chosen = person
    item.status = .accepted
    item.confidence = 1
    item.reasons.insert(
      decision.year == data.year
        ? "décision du \(StatusReport.frenchDate(decision.decidedAt))"
        : "décidé l'an dernier (\(SchoolYear(decision.year)))", at: 0)
  }
}
