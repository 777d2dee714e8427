import RaccordCore

/// How each class's acquis are evaluated, service by service: with grades (`moyenne-eleve`), a
/// 1–4 positioning (`positionnement`, also how "objectifs d'apprentissage" are sent), or neither.
/// `statut-evaluation-eleve` (non noté, dispensé…) is a pupil's status, not a type: such acquis
/// count for nothing.
public struct ClassEvaluation: Sendable {
  public struct Service: Sendable {
    public var disciplineID: String
    public var label: String
    public var grades = 0
    public var positionings = 0
    public var neither = 0
    /// Acquis sending the class average (`moyenne-structure`).
    public var classAverages = 0
  }

  public enum Kind: Sendable, Equatable {
    case grades, positionings, mixed
  }

  /// Division → services, in the order their disciplines appear in the file.
  public private(set) var services: [String: [Service]] = [:]

  /// - Parameter pupils: the gradebook's pupils by id (their division is the file's `code-division`).
  public init(_ data: SchoolYearData, pupils: [String: GradebookPupil]) {
    var positions: [String: [String: Int]] = [:]
    let labels = Dictionary(
      data.disciplines.map { ($0.id, $0.libelle ?? $0.code ?? $0.id) }, uniquingKeysWith: { a, _ in a })
    for bilan in data.bilans {
      guard let division = pupils[bilan.pupilRef]?.codeDivision else { continue }
      for acquis in bilan.acquis {
        let position =
          positions[division]?[acquis.disciplineRef]
          ?? {
            services[division, default: []].append(
              Service(disciplineID: acquis.disciplineRef, label: labels[acquis.disciplineRef] ?? acquis.disciplineRef))
            let position = services[division]!.count - 1
            positions[division, default: [:]][acquis.disciplineRef] = position
            return position
          }()
        if !(acquis.moyenne ?? "").isEmpty {
          services[division]![position].grades += 1
        } else if !(acquis.positionnement ?? "").isEmpty {
          services[division]![position].positionings += 1
        } else if acquis.statutEvaluation == nil && !acquis.nonNote {
          services[division]![position].neither += 1
        }
        if !(acquis.moyenneStructure ?? "").isEmpty { services[division]![position].classAverages += 1 }
      }
    }
  }

  /// The type a class's acquis show, `nil` when none carries a grade or a positioning.
  public func kind(of division: String) -> Kind? {
    let list = services[division] ?? []
    let grades = list.contains { $0.grades > 0 }
    let positionings = list.contains { $0.positionings > 0 }
    switch (grades, positionings) {
    case (true, true): return .mixed
    case (true, false): return .grades
    case (false, true): return .positionings
    default: return nil
    }
  }

  /// `avec notes`, `positionnement de 1 à 4`, `mixte`.
  public static func french(_ kind: Kind?) -> String {
    switch kind {
    case .grades: "avec notes"
    case .positionings: "positionnement de 1 à 4"
    case .mixed: "mixte (notes et positionnements)"
    case nil: "ni notes ni positionnements"
    }
  }

  /// `FRANCAIS (24 élèves), MATHEMATIQUES (24)`.
  static func list(_ services: [Service], count: (Service) -> Int) -> String {
    services.enumerated().map { index, service in
      "\(service.label) (\(count(service))\(index == 0 ? " acquis" : ""))"
    }.joined(separator: ", ")
  }
}
