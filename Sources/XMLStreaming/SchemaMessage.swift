import Foundation

/// libxml2's XSD validation messages, in French sentences a secretary can act on. Messages of a
/// shape not known here are returned as they are, marked as libxml2's.
public enum SchemaMessage {
  /// `Element '{urn:…}discipline': The attribute 'code' is required but missing.` →
  /// `l'élément « discipline » n'a pas l'attribut obligatoire « code »`.
  public static func french(_ raw: String) -> String {
    let message = raw.replacingOccurrences(of: #"\{[^}']*\}"#, with: "", options: .regularExpression)
    var element = ""
    var attribute: String?
    var rest = message
    if let match = message.firstMatch(of: /^Element '([^']+)'(?:, attribute '([^']+)')?: (.*)$/) {
      element = String(match.1)
      attribute = match.2.map(String.init)
      rest = String(match.3)
    }
    let subject = attribute.map { "l'attribut « \($0) » de l'élément « \(element) »" } ?? "l'élément « \(element) »"
    func names(_ list: Substring) -> String {
      list.split(separator: ",").map { "« \($0.trimmingCharacters(in: .whitespaces)) »" }.joined(separator: ", ")
    }
    if let match = rest.firstMatch(of: /^The attribute '([^']+)' is required but missing\.?$/) {
      return "l'élément « \(element) » n'a pas l'attribut obligatoire « \(match.1) »"
    }
    if let match = rest.firstMatch(of: /^This element is not expected\. Expected is(?: one of)? \( ?(.*?) ?\)\.?$/) {
      return "l'élément « \(element) » n'est pas attendu à cet endroit ; il faudrait ici : \(names(match.1))"
    }
    if rest.hasPrefix("This element is not expected") {
      return "l'élément « \(element) » n'est pas attendu à cet endroit"
    }
    if let match = rest.firstMatch(of: /^Missing child element\(s\)\. Expected is(?: one of)? \( ?(.*?) ?\)\.?$/) {
      return "il manque dans l'élément « \(element) » un élément parmi : \(names(match.1))"
    }
    if let match = rest.firstMatch(of: /^The attribute '([^']+)' is not allowed\.?$/) {
      return "l'attribut « \(match.1) » n'est pas permis sur l'élément « \(element) »"
    }
    if let match = rest.firstMatch(
      of: /^\[facet 'enumeration'\] The value '([^']*)' is not an element of the set \{(.*)\}\.?$/)
    {
      let allowed = match.2.replacingOccurrences(of: "'", with: "")
      return "la valeur « \(match.1) » de \(subject) n'est pas permise (valeurs possibles : \(allowed))"
    }
    if let match = rest.firstMatch(
      of:
        /^\[facet 'maxLength'\] The value has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'\.?$/
    ) {
      return "la valeur de \(subject) a \(match.1) caractères, au-delà des \(match.2) permis"
    }
    if let match = rest.firstMatch(
      of:
        /^\[facet 'minLength'\] The value has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'\.?$/
    ) {
      return "la valeur de \(subject) a \(match.1) caractère(s), en deçà des \(match.2) requis"
    }
    if let match = rest.firstMatch(
      of: /^\[facet 'pattern'\] The value '([^']*)' is not accepted by the pattern '([^']*)'\.?$/)
    {
      return "la valeur « \(match.1) » de \(subject) n'a pas la forme attendue (motif \(match.2))"
    }
    if let match = rest.firstMatch(
      of: /^'([^']*)' is not a valid value of the (?:atomic|list|union) type '([^']+)'\.?$/)
    {
      return "la valeur « \(match.1) » de \(subject) n'est pas valide (type \(match.2))"
    }
    if let match = rest.firstMatch(of: /references an unknown ID '([^']+)'/) {
      return "\(subject) renvoie à l'identifiant « \(match.1) », qui n'existe pas dans le fichier"
    }
    if let match = rest.firstMatch(
      of: /^Duplicate key-sequence \[([^\]]*)\] in (?:unique|key) identity-constraint '([^']+)'\.?$/)
    {
      return "valeur en double (\(match.1.replacingOccurrences(of: "'", with: ""))) dans l'élément « \(element) » : "
        + "la contrainte d'unicité « \(match.2) » n'est pas respectée"
    }
    if rest.hasPrefix("Element content is not allowed, because the content type is empty") {
      return "l'élément « \(element) » doit être vide"
    }
    if rest.contains("'xs:ID'") || rest.contains("is not a valid value of the atomic type 'xs:ID'") {
      return "\(subject) n'est pas un identifiant valide"
    }
    return "\(raw) (message de libxml2)"
  }
}
