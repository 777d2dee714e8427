import Matching
import RaccordCore
import Testing

/// Teacher matching: civility breaks ties between namesakes and is shown in the reasons.
@Suite struct TeacherMatcherTests {
  let people = [
    STSPerson(id: "4101", list: "individu", type: "epp", civilite: "1", nomUsage: "MARTIN", prenom: "Dominique"),
    STSPerson(id: "4102", list: "individu", type: "epp", civilite: "2", nomUsage: "MARTIN", prenom: "Dominique"),
  ]

  @Test func civilityBreaksATieBetweenNamesakes() {
    let matcher = TeacherMatcher(people: people)
    let madame = matcher.suggest(TeacherQuery(civilite: "MME", nom: "Martin", prenom: "Dominique"))
    #expect(madame.map(\.person.id) == ["4102", "4101"])
    #expect(madame[0].reasons.joined().contains("même civilité (Mme)"))
    #expect(madame[1].reasons.joined().contains("civilité différente (M. dans STS Web)"))
    let monsieur = matcher.suggest(TeacherQuery(civilite: "M", nom: "MARTIN", prenom: "Dominique"))
    #expect(monsieur.first?.person.id == "4101")
  }

  @Test func civilityAloneNeverMatches() {
    let matcher = TeacherMatcher(people: people)
    #expect(matcher.suggest(TeacherQuery(civilite: "MME", nom: "DURAND", prenom: "Dominique")).isEmpty)
  }

  @Test func withoutCivilityNamesakesStayTied() {
    let matcher = TeacherMatcher(people: people)
    let both = matcher.suggest(TeacherQuery(nom: "MARTIN", prenom: "Dominique"))
    #expect(both.count == 2)
    #expect(both[0].confidence == both[1].confidence)
  }

  @Test func spellingsOfCivility() {
    #expect(TeacherMatcher.civility("M.") == "M")
    #expect(TeacherMatcher.civility("3") == "MME")
    #expect(TeacherMatcher.civility("Mme") == "MME")
    #expect(TeacherMatcher.civility(nil) == nil)
  }
}
