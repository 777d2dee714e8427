import Foundation
import Importers
import RaccordCore
import RaccordTestSupport
import Testing

@testable import Matching

/// The matcher against the real 2019 SIECLE nomenclature of lycée 0750680G.
@Suite struct RealNomenclatureMatchingTests {
  /// Built once for the suite; a failure (a missing reference file) fails each test that reads it.
  static let setup = Result { () throws -> (SubjectMatcher, SubjectContext) in
    let file = try #require(try ImportInput(paths: [Fixtures.realNomenclature2019.path]).files.first)
    let sink = CollectingSink()
    _ = try XMLImport.run(file, into: sink, diagnostics: DiagnosticCollector())
    var catalogue: [CatalogueEntry] = []
    var programme: [String: Set<String>] = [:]
    for record in sink.records {
      switch record {
      case .matiere(let m):
        catalogue.append(
          CatalogueEntry(
            code: m.code, codeGestion: m.codeGestion, libelleCourt: m.libelleCourt, libelleLong: m.libelleLong,
            libelleEdition: m.libelleEdition))
      case .programme(let p):
        programme[p.matiere, default: []].insert(p.modalite ?? "")
      default: break
      }
    }
    let national = try NationalTablesLoader.load(from: Fixtures.repositoryRoot.appendingPathComponent("Nomenclatures"))
    for m in national.matieres {
      catalogue.append(
        CatalogueEntry(
          code: m.code, codeGestion: m.codeGestion, libelleCourt: m.libelleCourt, libelleLong: m.libelleLong,
          libelleEdition: m.libelleEdition, dateFermeture: m.dateFermeture, inSchoolNomenclature: false))
    }
    let tables = try MappingTables.load(from: Fixtures.repositoryRoot.appendingPathComponent("Mappings"))
    return (
      SubjectMatcher(catalogue: catalogue, tables: tables),
      SubjectContext(description: "lycée 0750680G (tous MEF)", programme: programme, yearStart: "2019-09-01")
    )
  }

  /// Empty when the file cannot be read, which `atLeastFortyLabels` reports.
  static let labels: [(label: String, expected: String?)] = {
    let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/MatchingTests/Fixtures/labels-2019.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    let table = CSVTable(text: text, separator: ",")
    return table.rows.map { ($0.fields[0], $0.fields[1].isEmpty ? nil : $0.fields[1]) }
  }()

  @Test func atLeastFortyLabels() {
    #expect(Self.labels.count >= 40)
  }

  @Test func noWrongCodeIsProposedAndMostAreRight() throws {
    let (matcher, context) = try Self.setup.get()
    var right = 0
    var proposed = 0
    var proposedRight = 0
    var report: [String] = []
    for (label, expected) in Self.labels {
      let suggestion = matcher.suggest(SubjectQuery(label: label), in: context)
      let best = suggestion.best?.code
      if best == expected { right += 1 }
      if suggestion.status == .proposed {
        proposed += 1
        if best == expected {
          proposedRight += 1
        } else {
          Issue.record("« \(label) » : \(best ?? "-") proposé, attendu \(expected ?? "aucun")")
        }
      }
      if best != expected { report.append("\(label) → \(best ?? "-") (attendu \(expected ?? "aucun"))") }
    }
    let withAnswer = Self.labels.filter { $0.expected != nil }.count
    print(
      "Libellés : \(Self.labels.count), meilleur candidat juste : \(right), proposés : \(proposed), "
        + "précision des proposés : \(proposed == 0 ? 1 : Double(proposedRight) / Double(proposed))")
    for line in report { print("  écart : \(line)") }
    #expect(proposedRight == proposed)
    #expect(
      Double(right) >= 0.8 * Double(Self.labels.count), "\(right)/\(Self.labels.count) (avec réponse : \(withAnswer))")
    #expect(Double(proposed) >= 0.5 * Double(withAnswer))
  }

  @Test func latinLeadsToLCALatinWithTheReason() throws {
    let (matcher, context) = try Self.setup.get()
    let suggestion = matcher.suggest(SubjectQuery(label: "Latin", code: "020100"), in: context)
    let best = try #require(suggestion.best)
    #expect(best.code == "020300")
    #expect(best.reasons.contains { $0.contains("020100 fermé le 31/08/2016, remplacé par 020300") })
    #expect(best.reasons.contains { $0.contains("au programme") })
  }

  @Test func aCodeOutsideTheProgrammeIsNeverProposed() throws {
    let (matcher, context) = try Self.setup.get()
    let suggestion = matcher.suggest(SubjectQuery(label: "Technologie", code: "070800"), in: context)
    #expect(suggestion.best?.code == "070800")
    #expect(suggestion.best?.inProgramme == false)
    #expect(suggestion.status == .toCheck)
  }
}

@Suite struct LabelNormalizerTests {
  @Test(arguments: [
    ("Hist-Géo & E.M.C.", "HIST GEO ET E M C"),
    ("  ÉDUCATION   physique ", "EDUCATION PHYSIQUE"),
    ("Cœur", "COEUR"),
    // A combining accent (NFD, as some exports write it) is not a word break.
    ("E\u{301}ducation musicale", "EDUCATION MUSICALE"),
    ("Straße & Æsthetik", "STRASSE ET AESTHETIK"),
    ("Langue d\u{2019}origine : LV1", "LANGUE D ORIGINE LV1"),
    ("", ""),
  ])
  func folds(_ input: String, _ expected: String) {
    #expect(LabelNormalizer.fold(input) == expected)
  }

  @Test func expandsAbbreviations() {
    let normalizer = LabelNormalizer(abbreviations: ["HIST": "HISTOIRE", "GEO": "GEOGRAPHIE", "LV1": "LVA"])
    #expect(normalizer.normalize("HIST.GEO.") == "HISTOIRE GEOGRAPHIE")
    #expect(normalizer.tokens("Anglais LV1") == ["ANGLAIS", "LVA"])
  }

  /// The matcher folds each label once for both: same results as the two calls, on every libellé
  /// of the national table with the curated abbreviations.
  @Test func normalizedAndTokensMatchTheTwoCalls() throws {
    let root = Fixtures.repositoryRoot
    let normalizer = try MappingTables.load(from: root.appendingPathComponent("Mappings")).normalizer
    let national = try NationalTablesLoader.load(from: root.appendingPathComponent("Nomenclatures"))
    let labels = national.matieres.flatMap { [$0.libelleCourt, $0.libelleLong, $0.libelleEdition].compactMap { $0 } }
    #expect(labels.count > 3_000)
    for label in labels + ["HIST.GEO. & E.M.C.", "Anglais LV1", "", "  de la  "] {
      let both = normalizer.normalizedAndTokens(label)
      #expect(both.normalized == normalizer.normalize(label), "\(label)")
      #expect(both.tokens == normalizer.tokens(label), "\(label)")
    }
  }
}
