import Foundation
import RaccordCore

/// What the gradebook says of a teacher.
public struct TeacherQuery: Sendable, Hashable {
  public var idSTS: String?
  public var type: String?
  public var civilite: String?
  public var nom: String?
  public var prenom: String?

  public init(
    idSTS: String? = nil, type: String? = nil, civilite: String? = nil, nom: String? = nil, prenom: String? = nil
  ) {
    self.idSTS = idSTS
    self.type = type
    self.civilite = civilite
    self.nom = nom
    self.prenom = prenom
  }

  /// The stable key of a gradebook teacher: folded last and first names.
  public var key: String {
    [nom, prenom].compactMap { $0 }.map(LabelNormalizer.fold).joined(separator: " ")
  }
}

public struct TeacherCandidate: Sendable, Hashable {
  public var person: STSPerson
  public var confidence: Double
  public var reasons: [String]
}

/// Matches gradebook teachers to STS Web people by id, then by names (usage and birth names,
/// compound names, accents and case ignored).
public struct TeacherMatcher: Sendable {
  /// A person with their names folded once.
  struct Folded: Sendable {
    var person: STSPerson
    var usage: Set<String>
    var birth: Set<String>
    var first: String?
  }

  let byID: [String: [STSPerson]]
  let byName: [String: [Int]]
  let folded: [Folded]

  public init(people: [STSPerson]) {
    byID = Dictionary(grouping: people, by: \.id)
    folded = people.map {
      Folded(
        person: $0, usage: $0.nomUsage.map(Self.nameTokens) ?? [], birth: $0.nomPatronymique.map(Self.nameTokens) ?? [],
        first: $0.prenom.map(LabelNormalizer.fold))
    }
    var byName: [String: [Int]] = [:]
    for (index, person) in folded.enumerated() {
      for token in person.usage.union(person.birth) { byName[token, default: []].append(index) }
    }
    self.byName = byName
  }

  static func nameTokens(_ name: String) -> Set<String> {
    Set(LabelNormalizer.fold(name).split(separator: " ").map(String.init).filter { $0.count > 1 })
  }

  /// `M` or `MME`, whatever the spelling (LSU `M`/`MME`, STS `1`/`2`/`3`, `M.`, `Mme`, `MLLE`).
  public static func civility(_ text: String?) -> String? {
    switch text?.uppercased() {
    case "1", "M", "M.", "MR": "M"
    case "2", "3", "MME", "MLLE", "MADAME", "MADEMOISELLE": "MME"
    default: nil
    }
  }

  /// Below this confidence a candidate is not retained: the teacher stays unmatched.
  public static let retainThreshold = 0.5
  /// Thresholds of the "proposée" status: at least this confidence, and this lead over the runner-up.
  public static let proposalThreshold = 0.85
  public static let clearLead = 0.15

  /// The candidate retained among `candidates` (best first), if any is confident enough.
  public static func retained(_ candidates: [TeacherCandidate]) -> TeacherCandidate? {
    candidates.first.flatMap { $0.confidence >= retainThreshold ? $0 : nil }
  }

  /// "proposée" when the best of `candidates` (best first) is confident and clearly ahead, else "à vérifier".
  public static func status(of candidates: [TeacherCandidate]) -> SuggestionStatus {
    guard let best = retained(candidates), best.confidence >= proposalThreshold,
      candidates.count < 2 || best.confidence - candidates[1].confidence >= clearLead
    else { return .toCheck }
    return .proposed
  }

  /// Candidates, best first.
  public func suggest(_ query: TeacherQuery) -> [TeacherCandidate] {
    var scored: [String: TeacherCandidate] = [:]
    func add(_ person: STSPerson, _ weight: Double, _ reason: String) {
      // One candidate per STS id: a person listed both in INDIVIDUS and SUPPLEANTS counts once.
      let key = person.id
      var candidate = scored[key] ?? TeacherCandidate(person: person, confidence: 0, reasons: [])
      if candidate.person.list != "individu" && person.list == "individu" { candidate.person = person }
      candidate.confidence = min(0.99, candidate.confidence + weight)
      candidate.reasons.append(reason)
      scored[key] = candidate
    }
    if let id = query.idSTS {
      for person in byID[id] ?? [] {
        add(person, 0.7, "identifiant STS \(id) donné par le logiciel de notes")
      }
    }
    let queryTokens = query.nom.map(Self.nameTokens) ?? []
    let queryFirst = query.prenom.map(LabelNormalizer.fold)
    var seen: Set<Int> = []
    for token in queryTokens {
      for index in byName[token] ?? [] where seen.insert(index).inserted {
        let entry = folded[index]
        let person = entry.person
        let usage = entry.usage
        let birth = entry.birth
        let firstMatches = queryFirst != nil && queryFirst == entry.first
        var weight = 0.0
        var reason: String
        if usage == queryTokens {
          weight = 0.55
          reason = "même nom d'usage (\(person.nomUsage ?? ""))"
        } else if birth == queryTokens {
          weight = 0.5
          reason = "même nom de naissance (\(person.nomPatronymique ?? ""))"
        } else if queryTokens.isSubset(of: usage.union(birth)) || usage.isSubset(of: queryTokens) {
          weight = 0.4
          reason = "nom composé en partie commun (\(person.nomUsage ?? person.nomPatronymique ?? ""))"
        } else {
          continue
        }
        if firstMatches {
          weight += 0.35
          reason += " et même prénom"
        } else if queryFirst != nil, person.prenom != nil {
          weight -= 0.25
          reason += ", mais prénom différent (\(person.prenom ?? ""))"
        }
        // Civility breaks ties between namesakes; it never makes a match on its own.
        if let asked = Self.civility(query.civilite), let known = Self.civility(person.civilite) {
          if asked == known {
            weight += 0.03
            reason += ", même civilité (\(asked == "M" ? "M." : "Mme"))"
          } else {
            weight -= 0.1
            reason += ", mais civilité différente (\(known == "M" ? "M." : "Mme") dans STS Web)"
          }
        }
        add(person, weight, reason)
      }
    }
    return scored.values.sorted { ($0.confidence, $1.person.id) > ($1.confidence, $0.person.id) }
  }
}
