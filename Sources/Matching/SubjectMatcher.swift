import Foundation

/// A matière the school's nomenclature (or the national layer) knows.
public struct CatalogueEntry: Sendable, Hashable {
  public var code: String
  public var codeGestion: String?
  public var libelleCourt: String?
  public var libelleLong: String?
  public var libelleEdition: String?
  /// ISO date the code closed, if it did.
  public var dateFermeture: String?
  /// `true` when the year's SIECLE or STS nomenclature lists it; `false` for the national layer only.
  public var inSchoolNomenclature: Bool

  public init(
    code: String, codeGestion: String? = nil, libelleCourt: String? = nil, libelleLong: String? = nil,
    libelleEdition: String? = nil, dateFermeture: String? = nil, inSchoolNomenclature: Bool = true
  ) {
    self.code = code
    self.codeGestion = codeGestion
    self.libelleCourt = libelleCourt
    self.libelleLong = libelleLong
    self.libelleEdition = libelleEdition
    self.dateFermeture = dateFermeture
    self.inSchoolNomenclature = inSchoolNomenclature
  }

  /// The label shown to users.
  public var label: String { libelleEdition ?? libelleLong ?? libelleCourt ?? code }
}

/// What the gradebook says of a subject.
public struct SubjectQuery: Sendable, Hashable {
  public var label: String
  public var code: String?
  public var codeNational: String?
  public var modalite: String?

  public init(label: String, code: String? = nil, codeNational: String? = nil, modalite: String? = nil) {
    self.label = label
    self.code = code
    self.codeNational = codeNational
    self.modalite = modalite
  }
}

/// Where a subject is taught: the programme of the MEFs of its divisions and groups.
public struct SubjectContext: Sendable {
  /// E.g. `3A, 3B (MEF 10310019110)`.
  public var description: String
  /// Matière code → modalités d'élection, over the context's MEFs.
  public var programme: [String: Set<String>]
  /// Matière code → modalité → number of pupils of the context with that option.
  public var pupilOptions: [String: [String: Int]]
  /// The first day of the school year (ISO), to tell closed codes.
  public var yearStart: String

  public init(
    description: String, programme: [String: Set<String>], pupilOptions: [String: [String: Int]] = [:],
    yearStart: String
  ) {
    self.description = description
    self.programme = programme
    self.pupilOptions = pupilOptions
    self.yearStart = yearStart
  }
}

/// One candidate code, with why.
public struct SubjectCandidate: Sendable, Hashable {
  public var code: String
  public var label: String
  /// From 0 to 1.
  public var confidence: Double
  /// The sum of the evidence, uncapped: what candidates are ranked by.
  public var score: Double
  /// French reasons, strongest first.
  public var reasons: [String]
  public var inProgramme: Bool
  /// Only token similarity speaks for it.
  public var fuzzyOnly: Bool
  public var closedOn: String?
  public var modalite: String?
  /// Only a group that fits several codes of the programme speaks for it.
  public var ambiguous: Bool
}

/// The suggestion's status, in the words staff see.
public enum SuggestionStatus: String, Sendable, Codable, CaseIterable {
  case accepted = "acceptée"
  case proposed = "proposée"
  case toCheck = "à vérifier"
  /// Decided earlier, but the divisions or their MEFs changed since: the earlier choice is pre-selected.
  case scopeChanged = "périmètre changé"
  case rejected = "rejetée"
}

public struct SubjectSuggestion: Sendable {
  public var candidates: [SubjectCandidate]
  public var status: SuggestionStatus
  /// Things to do besides choosing the code (e.g. EMC needs its own service).
  public var notes: [String]

  public var best: SubjectCandidate? { candidates.first }
}

/// Ranks candidate codes for a gradebook subject, with explained evidence.
public struct SubjectMatcher: Sendable {
  public let tables: MappingTables
  let entries: [String: CatalogueEntry]
  let exactLabels: [String: Set<String>]
  let gestion: [String: Set<String>]
  let tokenIndex: [String: Set<String>]
  let entryTokens: [String: Set<String>]

  /// Thresholds of the "proposée" status.
  public static let proposalThreshold = 0.6
  public static let clearLead = 0.15

  public init(catalogue: [CatalogueEntry], tables: MappingTables) {
    self.tables = tables
    var entries: [String: CatalogueEntry] = [:]
    var exactLabels: [String: Set<String>] = [:]
    var gestion: [String: Set<String>] = [:]
    var tokenIndex: [String: Set<String>] = [:]
    var entryTokens: [String: Set<String>] = [:]
    // The same libellés come back in the national layer and the school's nomenclature: each is
    // normalised once.
    var normalized: [String: (normalized: String, tokens: Set<String>)] = [:]
    let normalizer = tables.normalizer
    for entry in catalogue {
      // The school's own nomenclature wins over the national layer for the same code.
      if let existing = entries[entry.code], existing.inSchoolNomenclature, !entry.inSchoolNomenclature { continue }
      entries[entry.code] = entry
      var tokens: Set<String> = []
      for label in [entry.libelleCourt, entry.libelleLong, entry.libelleEdition] {
        guard let label else { continue }
        let words: (normalized: String, tokens: Set<String>)
        if let known = normalized[label] {
          words = known
        } else {
          words = normalizer.normalizedAndTokens(label)
          normalized[label] = words
        }
        exactLabels[words.normalized, default: []].insert(entry.code)
        tokens.formUnion(words.tokens)
      }
      if let code = entry.codeGestion {
        gestion[LabelNormalizer.fold(code).replacingOccurrences(of: " ", with: ""), default: []].insert(entry.code)
      }
      entryTokens[entry.code] = tokens
      for token in tokens { tokenIndex[token, default: []].insert(entry.code) }
    }
    self.entries = entries
    self.exactLabels = exactLabels
    self.gestion = gestion
    self.tokenIndex = tokenIndex
    self.entryTokens = entryTokens
  }

  /// The catalogue entry of a code.
  public func entry(_ code: String) -> CatalogueEntry? { entries[code] }

  private struct Evidence {
    var weight = 0.0
    var reasons: [(Double, String)] = []
    var fuzzyOnly = true
    /// Evidence that names this very code (code, label, alias, rename), not only its group.
    var direct = false
    /// Group evidence that also fits other codes of the programme.
    var ambiguousGroup = false

    mutating func add(_ weight: Double, _ reason: String, fuzzy: Bool = false, direct: Bool = true) {
      self.weight += weight
      reasons.append((weight, reason))
      if !fuzzy { fuzzyOnly = false }
      if direct && !fuzzy { self.direct = true }
    }
  }

  /// Ranks the codes that could stand for `query` where it is taught.
  public func suggest(_ query: SubjectQuery, in context: SubjectContext) -> SubjectSuggestion {
    var evidence: [String: Evidence] = [:]
    let (normalized, tokens) = tables.normalizer.normalizedAndTokens(query.label)

    if let code = query.code, entries[code] != nil {
      evidence[code, default: Evidence()].add(0.3, "code \(code) donné par le logiciel de notes")
    }
    if let code = query.codeNational, entries[code] != nil {
      evidence[code, default: Evidence()].add(0.3, "code national \(code) donné par le logiciel de notes")
    }
    for code in exactLabels[normalized] ?? [] {
      evidence[code, default: Evidence()].add(0.3, "libellé « \(query.label) » identique à celui de la nomenclature")
    }
    let compact = LabelNormalizer.fold(query.label).replacingOccurrences(of: " ", with: "")
    for code in gestion[compact] ?? [] {
      evidence[code, default: Evidence()].add(0.2, "libellé « \(query.label) » égal au code gestion")
    }
    var groupSeeds: [(group: String, why: String)] = []
    switch tables.aliases[normalized] {
    case .code(let code):
      evidence[code, default: Evidence()].add(
        0.25, "alias connu : « \(query.label) » (table Mappings/label-aliases.csv)")
    case .group(let group):
      groupSeeds.append((group, "alias connu du groupe « \(group) » (table Mappings/label-aliases.csv)"))
    case nil:
      break
    }
    // Closed or renamed codes lead to their successors.
    var predecessors = [query.code, query.codeNational].compactMap { $0 }
    if case .code(let code) = tables.aliases[normalized] { predecessors.append(code) }
    predecessors.append(contentsOf: exactLabels[normalized] ?? [])
    for old in Set(predecessors).sorted() {
      let rules = tables.successors(of: old)
      let splitTargets = Set(rules.filter { $0.kind == "split" }.map(\.newCode)).filter { context.programme[$0] != nil }
      for rule in rules {
        let closed = entries[old]?.dateFermeture.map { " le \(french($0))" } ?? ""
        if rule.kind == "split" {
          // A split names several codes: on its own it cannot decide between them.
          evidence[rule.newCode, default: Evidence()].add(
            0.3, "\(old) est scindé en plusieurs matières, dont \(rule.newCode) (table Mappings/renames.csv)",
            direct: false)
          if splitTargets.count > 1 { evidence[rule.newCode]?.ambiguousGroup = true }
        } else {
          evidence[rule.newCode, default: Evidence()].add(
            0.3, "\(old) fermé\(closed), remplacé par \(rule.newCode) (table Mappings/renames.csv)")
        }
      }
      for group in tables.groups(of: old) {
        groupSeeds.append((group, "\(old) appartient au groupe « \(group) » (table Mappings/equivalences.csv)"))
      }
    }
    for seed in groupSeeds {
      let resolved = (tables.groups[seed.group] ?? []).filter { context.programme[$0] != nil }
      for code in resolved {
        evidence[code, default: Evidence()].add(0.2, seed.why + ", résolu par le programme", direct: false)
        if Set(resolved).count > 1 { evidence[code]?.ambiguousGroup = true }
      }
    }
    // Token similarity, as the last resort: count shared tokens through the index, then keep
    // the codes whose Dice similarity reaches one half.
    var shared: [String: Int] = [:]
    for token in tokens {
      for code in tokenIndex[token] ?? [] { shared[code, default: 0] += 1 }
    }
    let similar = shared.compactMap { code, count -> (code: String, similarity: Double)? in
      let similarity = 2 * Double(count) / Double(tokens.count + (entryTokens[code]?.count ?? 0))
      return similarity >= 0.5 ? (code, similarity) : nil
    }
    // Only the closest few, and those of the programme: a common word must not flood the candidates.
    let closest = similar.sorted(by: { ($0.similarity, $1.code) > ($1.similarity, $0.code) })
    for (rank, (code, similarity)) in closest.enumerated() where rank < 8 || context.programme[code] != nil {
      let words = tokens.intersection(entryTokens[code] ?? []).sorted().joined(separator: " ")
      evidence[code, default: Evidence()].add(
        0.25 * similarity, "mots communs avec le libellé officiel : \(words) (\(Int(similarity * 100)) %)",
        fuzzy: true)
    }

    var candidates: [SubjectCandidate] = []
    for (code, var found) in evidence {
      guard let entry = entries[code] else { continue }
      let inProgramme = context.programme[code] != nil
      if inProgramme {
        found.add(0.35, "au programme de \(context.description)", direct: false)
      } else {
        if !context.programme.isEmpty { found.weight -= 0.35 }
        found.reasons.append((-1, "absent du programme de \(context.description)"))
      }
      var closedOn: String?
      if let closed = entry.dateFermeture, closed < context.yearStart {
        closedOn = closed
        found.weight -= 0.3
        found.reasons.append((-1, "code fermé le \(french(closed))"))
      }
      if !entry.inSchoolNomenclature {
        found.reasons.append((-1, "code absent de la nomenclature de l'établissement (connu des tables nationales)"))
      }
      let (modalite, note) = chooseModalite(code, query: query, context: context)
      // Strongest first; equal weights keep the order they were found in.
      var reasons = found.reasons.enumerated().sorted { ($0.element.0, $1.offset) > ($1.element.0, $0.offset) }
        .map(\.element.1)
      if let note { reasons.append(note) }
      candidates.append(
        SubjectCandidate(
          code: code, label: entry.label, confidence: max(0, min(0.99, found.weight)), score: found.weight,
          reasons: reasons,
          inProgramme: inProgramme, fuzzyOnly: found.fuzzyOnly, closedOn: closedOn, modalite: modalite,
          ambiguous: !found.direct && found.ambiguousGroup))
    }
    candidates.sort { ($0.score, $1.code) > ($1.score, $0.code) }
    candidates = Array(candidates.prefix(5))

    var status = SuggestionStatus.toCheck
    if let best = candidates.first, best.inProgramme, !best.fuzzyOnly, !best.ambiguous, best.closedOn == nil,
      best.confidence >= Self.proposalThreshold,
      candidates.count < 2 || best.score - candidates[1].score >= Self.clearLead
    {
      status = .proposed
    }
    var notes: [String] = []
    if let best = candidates.first, best.code == "043700", context.programme["043800"] != nil,
      tables.groups["histoire-geographie"]?.contains("043800") ?? true
    {
      notes.append(
        "l'EMC (043800) est une matière distincte au programme de \(context.description) : "
          + "elle doit avoir son propre service dans STS Web et sa propre discipline dans le logiciel de notes")
    }
    return SubjectSuggestion(candidates: candidates, status: status, notes: notes)
  }

  /// The modalité d'élection from the programme, disambiguated by pupils' options.
  public func chooseModalite(_ code: String, query: SubjectQuery, context: SubjectContext) -> (String?, String?) {
    guard let modalites = context.programme[code], !modalites.isEmpty else { return (query.modalite, nil) }
    if modalites.count == 1 {
      let only = modalites.first!
      let note = query.modalite.flatMap {
        $0 != only ? "modalité \(only) d'après le programme (le logiciel de notes indique \($0))" : nil
      }
      return (only, note)
    }
    let sorted = modalites.sorted()
    if let options = context.pupilOptions[code],
      let top = options.filter({ modalites.contains($0.key) }).max(by: { $0.value < $1.value })
    {
      return (
        top.key,
        "le programme prévoit les modalités \(sorted.joined(separator: " et ")) : \(top.key) d'après les options de \(top.value) élève(s)"
      )
    }
    if let given = query.modalite, modalites.contains(given) {
      return (
        given,
        "le programme prévoit les modalités \(sorted.joined(separator: " et ")) : \(given) comme le logiciel de notes"
      )
    }
    return (sorted.first, "le programme prévoit les modalités \(sorted.joined(separator: " et ")) : à choisir")
  }

  func french(_ iso: String) -> String {
    let parts = iso.split(separator: "-")
    return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : iso
  }
}
