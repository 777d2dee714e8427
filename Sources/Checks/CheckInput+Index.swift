import Foundation
import RaccordCore

/// Lookups shared by the checks, built once per run.
public struct CheckIndex: Sendable {
  public let disciplines: [String: GradebookDiscipline]
  public let teachers: [String: GradebookTeacher]
  public let pupils: [String: GradebookPupil]
  public let periods: Set<String>
  public let people: [String: STSPerson]
  public let programme: [String: [String: Set<String>]]
  /// Discipline id → the code it stands for (accepted mapping, else its own code).
  public let effectiveCode: [String: String]
  public let catalogue: [String: MatiereRecord]
  public let national: [String: NationalMatiere]
  /// Discipline id → the code it most likely stands for (accepted or proposed mapping, else its own code).
  public let mappedCode: [String: String]
  /// How each class's acquis are evaluated, service by service.
  public let evaluation: ClassEvaluation
  /// Discipline id → division → code, for the disciplines review resolved class by class (one
  /// gradebook "Histoire-Géographie" that is 043700 in 3e and 042100 in 4e): accepted mappings.
  let effectiveByDivision: [String: [String: String]]
  /// The same with proposed mappings too.
  let mappedByDivision: [String: [String: String]]
  /// STS services by structure and matière.
  public let services: STSServiceIndex

  public init(_ input: CheckInput) {
    let data = input.data
    disciplines = Dictionary(data.disciplines.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    teachers = Dictionary(data.teachers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    pupils = Dictionary(data.pupils.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    periods = Set(data.periods.map(\.id))
    people = Dictionary(data.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    programme = input.programme
    catalogue = input.catalogue
    national = input.national
    var effective: [String: String] = [:]
    var effectiveByDivision: [String: [String: String]] = [:]
    for d in data.disciplines { if let code = d.code { effective[d.id] = code } }
    for s in input.subjects where s.accepted {
      guard let chosen = s.chosenCode else { continue }
      for id in s.disciplineIDs {
        effective[id] = chosen
        for division in s.divisions { effectiveByDivision[id, default: [:]][division] = chosen }
      }
    }
    effectiveCode = effective
    self.effectiveByDivision = effectiveByDivision
    var mapped = effective
    var mappedByDivision = effectiveByDivision
    for s in input.subjects where s.resolved && !s.accepted {
      guard let chosen = s.chosenCode else { continue }
      for id in s.disciplineIDs {
        mapped[id] = chosen
        for division in s.divisions { mappedByDivision[id, default: [:]][division] = chosen }
      }
    }
    mappedCode = mapped
    self.mappedByDivision = mappedByDivision
    evaluation = ClassEvaluation(data, pupils: pupils)
    services = STSServiceIndex(data.services)
  }

  /// The code a discipline stands for in a division: the accepted mapping for that division (review
  /// may give one discipline different codes in different classes), else as ``effectiveCode``.
  public func effectiveCode(of disciplineID: String, in division: String) -> String? {
    effectiveByDivision[disciplineID]?[division] ?? effectiveCode[disciplineID]
  }

  /// The code a discipline most likely stands for in a division (accepted or proposed mapping).
  public func mappedCode(of disciplineID: String, in division: String) -> String? {
    mappedByDivision[disciplineID]?[division] ?? mappedCode[disciplineID]
  }

  /// The MEFs of a division or group.
  public func mefs(of structure: String, in data: SchoolYearData) -> Set<String> {
    data.structureMEFs[structure] ?? []
  }

  /// Whether `code` is in the programme of any of `mefs` (`nil` when none of them has a programme).
  public func inProgramme(_ code: String, mefs: Set<String>) -> Bool? {
    let known = mefs.filter { programme[$0] != nil }
    guard !known.isEmpty else { return nil }
    return known.contains { programme[$0]?[code] != nil }
  }

  /// A label for a matière code.
  public func label(_ code: String) -> String {
    if let m = catalogue[code] { return m.libelleEdition ?? m.libelleLong ?? code }
    if let n = national[code] { return n.libelleLong ?? code }
    return code
  }

  /// The name of a gradebook teacher.
  public func name(of teacher: GradebookTeacher) -> String {
    [teacher.nom, teacher.prenom].compactMap { $0 }.joined(separator: " ")
  }
}

/// Codes that appear in programmes but are never assessed in a bilan.
let notAssessed: Set<String> = ["008400", "006600"]
