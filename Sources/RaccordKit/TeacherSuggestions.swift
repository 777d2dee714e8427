import Foundation
import Matching
import RaccordCore
import Store

/// A gradebook teacher before decisions: what a decision does not change, read and matched once
/// per school year's data (see ``SuggestionEngine``).
struct PreparedTeacher: Sendable {
  var key: String
  var query: TeacherQuery
  var sources: [String]
  /// Where the gradebook says the teacher teaches: (division or group, subject item key) pairs,
  /// each becoming a (structure, matière) pair once the subject's code is known.
  var places: Set<[String]>
  var candidates: [TeacherCandidate]
  /// The ids of its `enseignant` elements in the gradebook's LSU file.
  var lsuIDs: [String]
}

/// What the teachers' advice looks up, built once per school year's data.
struct TeacherLookups: Sendable {
  var labels: [String: String]
  var peopleByID: [String: STSPerson]
  /// Services by structure and matière.
  var servicesByPlace: STSServiceIndex
  var groupsOfDivision: [String: [String]]

  init(data: SchoolYearData) {
    labels = Dictionary(
      data.catalogue.map { ($0.code, $0.libelleEdition ?? $0.libelleLong ?? $0.code) }, uniquingKeysWith: { a, _ in a })
    peopleByID = Dictionary(data.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    servicesByPlace = STSServiceIndex(data.services)
    groupsOfDivision = data.groupsByDivision()
  }
}

extension SuggestionBuilder {
  /// The gradebook's teachers with their STS candidates, by key.
  func prepareTeachers() -> [PreparedTeacher] {
    var disciplineBase: [String: String] = [:]
    for d in data.disciplines {
      disciplineBase[d.id] = Self.subjectKey(label: d.libelle ?? d.code ?? d.id)
    }
    var raw: [String: PreparedTeacher] = [:]
    var keyByLSUID: [String: String] = [:]
    func teacher(_ key: String, _ query: TeacherQuery) -> PreparedTeacher {
      raw[key] ?? PreparedTeacher(key: key, query: query, sources: [], places: [], candidates: [], lsuIDs: [])
    }
    for t in data.teachers {
      let query = TeacherQuery(idSTS: t.idSTS, type: t.type, civilite: t.civilite, nom: t.nom, prenom: t.prenom)
      let key = query.key.isEmpty ? "id \(t.idSTS ?? t.id)" : query.key
      keyByLSUID[t.id] = key
      var prepared = teacher(key, query)
      prepared.sources.append("LSU \(t.id)" + (t.line.map { " ligne \($0)" } ?? ""))
      raw[key] = prepared
    }
    for use in data.uses {
      guard let division = use.division, let base = disciplineBase[use.disciplineID] else { continue }
      for ref in use.teacherRefs {
        if let key = keyByLSUID[ref] { raw[key]?.places.insert([division, base]) }
      }
    }
    for service in data.gradebookServices {
      let query = TeacherQuery(idSTS: service.teacherSTSId, nom: service.teacherNom, prenom: service.teacherPrenom)
      let key = query.key
      guard !key.isEmpty else { continue }
      var prepared = teacher(key, query)
      if prepared.query.idSTS == nil { prepared.query.idSTS = service.teacherSTSId }
      if let line = service.line { prepared.sources.append("CSV ligne \(line)") }
      prepared.places.insert([service.structure, Self.subjectKey(label: service.subjectLabel)])
      raw[key] = prepared
    }
    let lsuIDs = Dictionary(grouping: keyByLSUID.keys, by: { keyByLSUID[$0]! })
    return raw.values.sorted { $0.key < $1.key }.map { teacher in
      var teacher = teacher
      teacher.candidates = Array(teacherMatcher.suggest(teacher.query).prefix(3))
      teacher.lsuIDs = (lsuIDs[teacher.key] ?? []).sorted()
      return teacher
    }
  }

  func teachers(subjects: [SubjectItem]) -> [TeacherItem] {
    // The code each gradebook subject maps to, per division.
    var codeFor: [String: [String: String]] = [:]
    for item in subjects {
      for division in item.divisions { codeFor[item.itemKey, default: [:]][division] = item.chosenCode }
    }
    let lookups = teacherLookups ?? TeacherLookups(data: data)
    let labels = lookups.labels
    let peopleByID = lookups.peopleByID
    let servicesByPlace = lookups.servicesByPlace
    let groupsOfDivision = lookups.groupsOfDivision
    var decisionByKey: [String: ReviewDecision] = [:]
    // The latest first: the first decision of a key not after this year governs it.
    for decision in decisions where decision.kind == .teacher && decision.year <= data.year {
      if decisionByKey[decision.itemKey] == nil { decisionByKey[decision.itemKey] = decision }
    }
    var items: [TeacherItem] = []
    for teacher in preparedTeachers ?? prepareTeachers() {
      let key = teacher.key
      let candidates = teacher.candidates
      let best = TeacherMatcher.retained(candidates)
      var reasons = best?.reasons ?? []
      var fixIn: [FixIn] = []
      var replacements: [ReplacementAdvice] = []
      let teaching = Set(teacher.places.compactMap { place in codeFor[place[1]]?[place[0]].map { [place[0], $0] } })
        .map { (structure: $0[0], matiere: $0[1]) }.sorted { ($0.structure, $0.matiere) < ($1.structure, $1.matiere) }
      if let person = best?.person {
        for assignment in teaching {
          // A division's subject may be served through one of its groups (LV, options), and a group's through its divisions.
          let related =
            Set([assignment.structure])
            .union(groupsOfDivision[assignment.structure] ?? [])
            .union(data.groupDivisions[assignment.structure] ?? [])
          // In the export's order, as before the index.
          let services = servicesByPlace.services(of: assignment.matiere, in: related)
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
      let status = TeacherMatcher.status(of: candidates)
      let name = [teacher.query.nom, teacher.query.prenom].compactMap { $0 }.joined(separator: " ")
      var item = TeacherItem(
        key: key, name: name.isEmpty ? key : name, idSTS: teacher.query.idSTS, type: teacher.query.type,
        sources: teacher.sources, candidates: candidates, teaching: teaching, replacements: replacements,
        status: status, chosen: best?.person, confidence: best?.confidence ?? 0, reasons: reasons, fixIn: fixIn)
      item.lsuIDs = teacher.lsuIDs
      applyTeacherDecision(decisionByKey[key], to: &item)
      items.append(item)
    }
    return items
  }

  /// - Parameter decision: the item's decision (the latest of its key, not after this year).
  func applyTeacherDecision(_ decision: ReviewDecision?, to item: inout TeacherItem) {
    guard let decision else { return }
    if decision.verdict == .reject {
      if decision.year == data.year { item.status = .rejected }
      return
    }
    let id = decision.chosenCode ?? item.chosen?.id
    guard let id, let person = (teacherLookups?.peopleByID[id] ?? data.people.first { $0.id == id }) else {
      item.reasons.insert("décision précédente : identifiant STS \(id ?? "?") introuvable cette année, à revoir", at: 0)
      return
    }
    item.chosen = person
    item.status = .accepted
    item.confidence = 1
    item.reasons.insert(
      decision.year == data.year
        ? "décision du \(FrenchDate.text(decision.decidedAt))"
        : "décidé l'an dernier (\(SchoolYear(decision.year)))", at: 0)
  }
}
