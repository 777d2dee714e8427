import Testing
import XMLStreaming

/// libxml2's validation messages in French.
@Suite struct SchemaMessageTests {
  @Test(arguments: [
    (
      "Element '{urn:fr:edu:scolarite:lsun:bilans:import}discipline': The attribute 'code' is required but missing.",
      "l'élément « discipline » n'a pas l'attribut obligatoire « code »"
    ),
    (
      "Element '{urn:fr:edu:scolarite:lsun:bilans:import}vie-scolaire': This element is not expected. Expected is one of ( {urn:fr:edu:scolarite:lsun:bilans:import}epis-eleve, {urn:fr:edu:scolarite:lsun:bilans:import}acquis-conseils ).",
      "l'élément « vie-scolaire » n'est pas attendu à cet endroit ; il faudrait ici : « epis-eleve », « acquis-conseils »"
    ),
    (
      "Element '{urn:fr:edu:scolarite:lsun:bilans:import}bilan-periodique': Missing child element(s). Expected is one of ( {urn:fr:edu:scolarite:lsun:bilans:import}devoirs-faits, {urn:fr:edu:scolarite:lsun:bilans:import}vie-scolaire ).",
      "il manque dans l'élément « bilan-periodique » un élément parmi : « devoirs-faits », « vie-scolaire »"
    ),
    (
      "Element '{urn:fr:edu:scolarite:lsun:bilans:import}discipline', attribute 'modalite-election': [facet 'enumeration'] The value 'Z' is not an element of the set {'S', 'O', 'F'}.",
      "la valeur « Z » de l'attribut « modalite-election » de l'élément « discipline » n'est pas permise (valeurs possibles : S, O, F)"
    ),
    (
      "Element '{urn:fr:edu:scolarite:lsun:bilans:import}enseignant', attribute 'id-sts': 'abc' is not a valid value of the atomic type 'xs:positiveInteger'.",
      "la valeur « abc » de l'attribut « id-sts » de l'élément « enseignant » n'est pas valide (type xs:positiveInteger)"
    ),
    ("Something libxml2 says that we do not know.", "Something libxml2 says that we do not know. (message de libxml2)"),
  ])
  func translates(raw: String, french: String) {
    #expect(SchemaMessage.french(raw) == french)
  }
}
