import RaccordCore
import Testing

@testable import Matching

/// The thresholds of teacher matching: which candidate is retained, and when it is proposed without review.
@Suite struct TeacherThresholdTests {
  static func candidate(_ id: String, _ confidence: Double) -> TeacherCandidate {
    TeacherCandidate(
      person: STSPerson(id: id, list: "individu", type: "epp", civilite: "1", nomUsage: "NOM\(id)", prenom: "Prénom"),
      confidence: confidence, reasons: [])
  }

  @Test func belowTheRetainThresholdNobodyIsRetained() {
    #expect(TeacherMatcher.retained([Self.candidate("1", 0.49)]) == nil)
    #expect(TeacherMatcher.retained([Self.candidate("1", 0.5)])?.person.id == "1")
    #expect(TeacherMatcher.retained([]) == nil)
    #expect(TeacherMatcher.status(of: [Self.candidate("1", 0.3)]) == .toCheck)
  }

  @Test(arguments: [
    ([0.9], SuggestionStatus.proposed),
    ([0.84], .toCheck),
    ([0.95, 0.79], .proposed),
    ([0.95, 0.81], .toCheck),
    ([0.85, 0.2], .proposed),
  ])
  func aCandidateIsProposedWhenConfidentAndClearlyAhead(_ confidences: [Double], _ expected: SuggestionStatus) {
    let candidates = confidences.enumerated().map { Self.candidate(String($0.offset), $0.element) }
    #expect(TeacherMatcher.status(of: candidates) == expected)
  }
}
