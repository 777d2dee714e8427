import Checks
import Foundation
import Importers
import Matching
import RaccordCore
import Store
import XMLStreaming

/// Rules about bilans de fin de cycle: they set the end-of-cycle state, not the periodic one.
let endOfCycleRules: Set<String> = [
  CycleBilanWrongCycle.id, CycleBilansMissing.id, CycleBilanIncomplete.id, ComplementWithoutOption.id,
  ComplementPositioningMissing.id, ComplementMissing.id,
]

/// End-of-cycle rules whose findings leave the rest of the bilan de fin de cycle exportable.
let endOfCyclePartialRules: Set<String> = [ComplementWithoutOption.id]

/// Rules whose findings make a pupil's bilan partial (some services cannot be exported).
let partialRules: Set<String> = [
  SubjectUnknown.id, SubjectClosed.id, SubjectOffProgramme.id, ModalityInvalid.id, DisciplineDuplicate.id,
  PupilSubjectOffProgramme.id, MandatorySubjectMissing.id, TeacherWithoutService.id,
]

extension Raccord {
  /// Runs every check on what is loaded for a school year.
  /// - Parameter baseline: findings already accepted (as written by `--format json`), hidden from the report.
  /// - Throws: ``RaccordError/nothingLoaded(uai:year:)`` naming what to import when the nomenclature or STS is missing.
  /// - Parameter rawMessages: adds libxml2's own messages to the French ones.
  public func runChecks(
    uai: String? = nil, year: Int? = nil, baseline: [Finding] = [], rawMessages: Bool = false
  ) throws -> CheckReport {
    let school = try resolveSchool(uai)
    let start = try resolveYear(uai: school, year: year)
    let data = try database.schoolYearData(uai: school, year: start)
    try requireCheckInputs(data, uai: school, year: start)
    let suggestions = data.hasGradebook ? try self.suggestions(for: data) : nil
    return try runChecks(on: data, suggestions: suggestions, baseline: baseline, rawMessages: rawMessages)
  }

  /// The checks need the year's SIECLE nomenclature and STS export.
  /// - Throws: ``RaccordError/missingForChecks(uai:year:what:)`` naming the first one missing.
  func requireCheckInputs(_ data: SchoolYearData, uai: String, year: Int) throws {
    guard data.loadedKinds.contains(.siecleNomenclature) else {
      throw RaccordError.missingForChecks(uai: uai, year: year, what: .siecleNomenclature)
    }
    guard data.loadedKinds.contains(.stsEmp) else {
      throw RaccordError.missingForChecks(uai: uai, year: year, what: .stsEmp)
    }
  }

  /// Runs every check on data already read, with the review's suggestions and decisions when the
  /// gradebook is loaded.
  public func runChecks(
    on data: SchoolYearData, suggestions: SuggestionReport?, baseline: [Finding] = [], rawMessages: Bool = false
  ) throws -> CheckReport {
    var input = CheckInput(data: data, successors: try successors())
    input.rawMessages = rawMessages
    if let suggestions {
      input.subjects = suggestions.subjects.map {
        SubjectResolution(
          disciplineIDs: $0.disciplineIDs, label: $0.label, code: $0.code, modalite: $0.modalite,
          divisions: $0.divisions,
          chosenCode: $0.chosenCode, accepted: $0.status == .accepted,
          resolved: $0.status == .accepted || $0.status == .proposed, reviewKey: $0.key, chosenLabel: $0.chosenLabel)
      }
      for teacher in suggestions.teachers where teacher.status == .accepted || teacher.status == .proposed {
        guard let person = teacher.chosen else { continue }
        for id in teacher.lsuIDs {
          input.teacherMatches[id] = TeacherMatch(
            person: person, accepted: teacher.status == .accepted, reviewKey: teacher.key)
        }
      }
      for teacher in suggestions.teachers where teacher.status == .accepted {
        for advice in teacher.replacements {
          if let id = teacher.chosen?.id { input.confirmedCoTeaching.insert([advice.structure, advice.matiere, id]) }
        }
      }
    }
    return report(for: input, baseline: baseline)
  }

  /// Checks an LSU file directly: its XSD validity and completeness, and — when the store holds its
  /// school's nomenclature and STS export — everything else. Nothing is stored.
  /// - Throws: ``CheckFileError`` when the file is not well-formed or not an LSU file.
  public func checkLSUFile(_ path: String, schema: LSUSchema = .current, baseline: [Finding] = []) throws -> CheckReport
  {
    let input = try ImportInput(paths: [path])
    guard let file = input.files.first else { throw RaccordError.noFile(path: path) }
    let collector = GradebookCollector()
    do {
      _ = try XMLImport.run(file, into: collector, diagnostics: DiagnosticCollector())
    } catch let error as ImporterError {
      throw CheckFileError(file: file.displayName, underlying: error)
    }
    guard let header = collector.header, header.kind == .lsuBilans else {
      throw CheckFileError(
        file: file.displayName,
        underlying: .wrongRoot(
          file: file.displayName, root: collector.header?.kind.rawValue ?? "?",
          advice: "un fichier LSU (racine <lsun-bilans>) est attendu."))
    }
    var data = try database.schoolYearData(uai: header.uai.code, year: header.year.start)
    data.loadedKinds.insert(.lsuBilans)
    data.fileNames[.lsuBilans] = file.fileName
    data.disciplines = collector.disciplines
    data.teachers = collector.teachers
    data.pupils = collector.pupils
    data.periods = collector.periods
    data.bilans = collector.bilans
    data.cycleBilans = collector.cycleBilans
    data.schemaProblems = (try lsuValidator(version: schema)?.validate(file.url) ?? []).map { ($0.line, $0.message) }
    return report(for: CheckInput(data: data, successors: try successors()), baseline: baseline)
  }

  func successors() throws -> [String: String] {
    var result: [String: String] = [:]
    for rule in try mappingTables().renames where rule.kind != "split" && rule.oldCode != rule.newCode {
      result[rule.oldCode] = rule.newCode
    }
    return result
  }

  func report(for input: CheckInput, baseline: [Finding]) -> CheckReport {
    let accepted = Set(baseline.map(\.fingerprint))
    let index = CheckIndex(input)
    let all = CheckRegistry.run(input, index: index)
    let findings = all.filter { !accepted.contains($0.fingerprint) }
    // Per-pupil status from every finding (the baseline hides, it does not fix).
    var byPupil: [String: [Finding]] = [:]
    var byDivision: [String: [Finding]] = [:]
    var endOfCycleByPupil: [String: [Finding]] = [:]
    for finding in all {
      if endOfCycleRules.contains(finding.rule) {
        if let pupil = finding.pupilId { endOfCycleByPupil[pupil, default: []].append(finding) }
        continue
      }
      if let pupil = finding.pupilId { byPupil[pupil, default: []].append(finding) }
      if let division = finding.division, partialRules.contains(finding.rule), finding.pupilId == nil {
        byDivision[division, default: []].append(finding)
      }
    }
    // End-of-cycle states, only for classes that send bilans de fin de cycle: a class without any has
    // not started its end-of-cycle export, and keeps the periodic state alone.
    let cycleBilanPupils = Set(input.data.cycleBilans.map(\.pupilRef))
    var endOfCycleDivisions: [String: Int] = [:]
    for bilan in input.data.cycleBilans {
      guard let division = index.pupils[bilan.pupilRef]?.codeDivision, endOfCycleDivisions[division] == nil else {
        continue
      }
      endOfCycleDivisions[division] =
        EndOfCycle.endedCycle(byDivision: division, in: input.data) ?? Int(bilan.cycle ?? "") ?? 0
    }
    var pupils: [PupilStatus] = []
    for pupil in input.data.pupils {
      let id = pupil.idBE ?? pupil.id
      let division = pupil.codeDivision ?? "?"
      let own = byPupil[id] ?? []
      let left = input.data.pupilsLeft.contains(id)
      let shared = byDivision[division] ?? []
      var status = ExportStatus.complete
      if own.contains(where: { $0.severity == .blocking && !partialRules.contains($0.rule) }) {
        status = .impossible
      } else if !(own + shared).filter({ partialRules.contains($0.rule) }).isEmpty {
        status = .partial
      } else if !own.isEmpty {
        status = .incomplete
      }
      let missing = Array(Set((own + shared).map { CheckRegistry.check($0.rule)?.title ?? $0.rule })).sorted()
      pupils.append(
        PupilStatus(
          pupilId: id, name: [pupil.nom, pupil.prenom].compactMap { $0 }.joined(separator: " "), division: division,
          status: status, missing: missing,
          endOfCycle: endOfCycleDivisions[division] == nil || (left && !cycleBilanPupils.contains(pupil.id))
            ? nil
            : Self.endOfCycleStatus(
              hasBilan: cycleBilanPupils.contains(pupil.id), findings: endOfCycleByPupil[id] ?? []),
          endOfCycleMissing: endOfCycleDivisions[division] == nil || (left && !cycleBilanPupils.contains(pupil.id))
            ? []
            : cycleBilanPupils.contains(pupil.id)
              ? Array(Set((endOfCycleByPupil[id] ?? []).map { CheckRegistry.check($0.rule)?.title ?? $0.rule }))
                .sorted()
              : ["Bilan de fin de cycle absent"]))
    }
    let evaluation = index.evaluation
    let classes = Dictionary(grouping: pupils, by: \.division).map { division, members in
      ClassStatus(
        division: division, status: members.map(\.status).max() ?? .complete,
        counts: Dictionary(grouping: members, by: \.status.rawValue).mapValues(\.count),
        evaluation: ClassEvaluation.french(evaluation.kind(of: division)),
        setting: input.data.classSettings[division].map {
          "\($0.positioning.french), \($0.classAverage ? "avec" : "sans") moyenne de classe"
        },
        endOfCycle: endOfCycleDivisions[division] == nil ? nil : members.compactMap(\.endOfCycle).max(),
        endOfCycleCounts: Dictionary(grouping: members.compactMap(\.endOfCycle), by: \.rawValue).mapValues(\.count),
        cycle: endOfCycleDivisions[division])
    }.sorted { $0.division < $1.division }
    return CheckReport(
      uai: input.uai, year: SchoolYear(input.year), findings: findings, hidden: all.count - findings.count,
      pupils: pupils.sorted { ($0.division, $0.name) < ($1.division, $1.name) }, classes: classes)
  }
}

extension Raccord {
  /// A pupil's end-of-cycle state: impossible without a bilan or with a blocking finding, partial when only
  /// the enseignement de complément is at stake, incomplete with warnings, complete otherwise.
  static func endOfCycleStatus(hasBilan: Bool, findings: [Finding]) -> ExportStatus {
    guard hasBilan else { return .impossible }
    if findings.contains(where: { $0.severity == .blocking }) { return .impossible }
    if findings.contains(where: { endOfCyclePartialRules.contains($0.rule) }) { return .partial }
    return findings.isEmpty ? .complete : .incomplete
  }
}

/// An LSU file given to `raccord check` that cannot be read: exit 2.
public struct CheckFileError: Error, LocalizedError {
  public var file: String
  public var underlying: ImporterError

  /// The finding that says so, for the report.
  public var line: Int? {
    if case .xml(let error) = underlying { return error.line }
    return nil
  }

  public var errorDescription: String? {
    "[\(SchemaInvalid.id)] " + (underlying.errorDescription ?? "\(underlying)")
  }
}

/// Collects what an LSU file holds, without storing it.
final class GradebookCollector: ImportSink {
  var header: FileHeader?
  var disciplines: [GradebookDiscipline] = []
  var teachers: [GradebookTeacher] = []
  var pupils: [GradebookPupil] = []
  var periods: [GradebookPeriod] = []
  var bilans: [GradebookBilan] = []
  var cycleBilans: [GradebookCycleBilan] = []

  func begin(_ header: FileHeader) throws { self.header = header }

  func add(_ record: ImportRecord) throws {
    switch record {
    case .gradebookDiscipline(let d): disciplines.append(d)
    case .gradebookTeacher(let t): teachers.append(t)
    case .gradebookPupil(let p): pupils.append(p)
    case .gradebookPeriod(let p): periods.append(p)
    case .gradebookBilan(let b): bilans.append(b)
    case .gradebookCycleBilan(let c): cycleBilans.append(c)
    default: break
    }
  }
}

extension SchoolYearData {
  /// Whether a gradebook file (LSU or services CSV) is loaded for the year.
  var hasGradebook: Bool { loadedKinds.contains(.lsuBilans) || loadedKinds.contains(.gradebookServices) }
}
