import Foundation
import Matching
import RaccordCore

/// A gradebook subject in one context (the divisions sharing the same MEFs), with its suggestion.
/// The review groups these contexts: one review item per gradebook label (``itemKey``), split into
/// groups of divisions only where the divisions need different codes (``key``).
public struct SubjectItem: Sendable {
  /// The key its decision is stored under: the item's key, or its group's where the item's
  /// divisions need different codes (`histoire geographie|div:3A+3B`).
  public var key: String
  /// The review item's key: the folded gradebook label, stable across imports and years.
  public var itemKey: String
  /// The divisions and MEFs of its group (`3A=10310019110,3B=10310019110`), and of the whole item.
  public var scope: String
  public var itemScope: String
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
  public var fixIn: [FixIn]
  /// The matières in the programme of its MEFs (of every MEF when its divisions are unknown).
  public var programmeCodes: Set<String> = []
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
  /// The ids of its `enseignant` elements in the gradebook's LSU file.
  public var lsuIDs: [String] = []
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
  public var fixIn: [FixIn]
}

/// Suggestions for every gradebook subject and teacher of a school year.
public struct SuggestionReport: Sendable {
  public var uai: String
  public var year: SchoolYear
  public var subjects: [SubjectItem]
  public var teachers: [TeacherItem]
  /// The matières of the year's nomenclature: what a reviewer may choose from.
  public var catalogue: [CatalogueEntry] = []
  /// The year's STS individuals.
  public var people: [STSPerson] = []
  /// The school's decisions, all years, as read with the suggestions: the items' versions.
  public var decisions: [ReviewDecision] = []
}
