import Foundation
import Matching
import RaccordCore
import Store

extension SuggestionBuilder {
  func teachers(subjects: [SubjectItem]) -> [TeacherItem] {
    // The code each gradebook subject maps to, per division.
    var codeFor: [String: [String: String]] = [:]
    for item in subjects {
      for division in item.divisions { codeFor[item.itemKey, default: [:]][division] = item.chosenCode }
    }
    var disciplineBase: [String: String] = [:]
    for d in data.disciplines {
      disciplineBase[d.id] = Self.subjectKey(label: d.libelle ?? d.code ?? d.id)
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
      let base = Self.subjectKey(label: service.subjectLabel)
      if let code = codeFor[base]?[service.structure] { teacher.teaching.insert([service.structure, code]) }
      raw[key] = teacher
    }

    let labels = Dictionary(
      data.catalogue.map { ($0.code, $0.libelleEdition ?? $0.libelleLong ?? $0.code) }, uniquingKeysWith: { a, _ in a })
    let peopleByID = Dictionary(data.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    // Indexes built once: services by structure and matière, groups by division.
    let servicesByPlace = STSServiceIndex(data.services)
    let groupsOfDivision = data.groupsByDivision()
    var items: [TeacherItem] = []
    for (key, teacher) in raw.sorted(by: { $0.key < $1.key }) {
      let candidates = Array(teacherMatcher.suggest(teacher.query).prefix(3))
      let best = TeacherMatcher.retained(candidates)
      var reasons = best?.reasons ?? []
      var fixIn: [FixIn] = []
      var replacements: [ReplacementAdvice] = []
      let teaching = teacher.teaching.map { (structure: $0[0], matiere: $0[1]) }.sorted {
        ($0.structure, $0.matiere) < ($1.structure, $1.matiere)
      }
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
      item.lsuIDs = keyByLSUID.filter { $0.value == key }.map(\.key).sorted()
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
        ? "décision du \(FrenchDate.text(decision.decidedAt))"
        : "décidé l'an dernier (\(SchoolYear(decision.year)))", at: 0)
  }
}
