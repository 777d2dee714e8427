import Foundation

/// Why an XML file could not be read. Every message is French and names the file and the place.
public enum XMLStreamError: Error, Equatable, Sendable, LocalizedError {
  /// The file could not be opened.
  case unreadable(file: String, reason: String)
  /// The file is empty, or holds only white space.
  case empty(file: String)
  /// The file ends before its elements are closed.
  case truncated(file: String, line: Int, detail: String)
  /// The bytes do not match the declared (or default UTF-8) encoding, or the encoding is unknown.
  case encoding(file: String, line: Int, detail: String)
  /// A `<!DOCTYPE>` was found: real exports never have one, and it can hide entity attacks.
  case doctypeForbidden(file: String, line: Int)
  /// An entity reference that Raccord refuses to expand.
  case entityForbidden(file: String, line: Int, name: String)
  /// Any other well-formedness error.
  case malformed(file: String, line: Int, detail: String)
  /// Well-formed, but beyond what any real export holds (a huge value, elements nested too deep).
  case beyondLimits(file: String, line: Int, detail: String)

  public var file: String {
    switch self {
    case .unreadable(let file, _), .empty(let file), .truncated(let file, _, _), .encoding(let file, _, _),
      .doctypeForbidden(let file, _), .entityForbidden(let file, _, _), .malformed(let file, _, _),
      .beyondLimits(let file, _, _):
      file
    }
  }

  public var line: Int? {
    switch self {
    case .unreadable, .empty: nil
    case .truncated(_, let line, _), .encoding(_, let line, _), .doctypeForbidden(_, let line),
      .entityForbidden(_, let line, _), .malformed(_, let line, _), .beyondLimits(_, let line, _):
      line
    }
  }

  public var errorDescription: String? {
    switch self {
    case .unreadable(let file, let reason):
      "Impossible de lire le fichier « \(file) » : \(reason)."
    case .empty(let file):
      "Le fichier « \(file) » est vide : téléchargez à nouveau l'export."
    case .truncated(let file, let line, let detail):
      "Le fichier « \(file) » est incomplet (tronqué) ligne \(line) : \(detail). "
        + "Le téléchargement a probablement été interrompu : téléchargez à nouveau l'export."
    case .encoding(let file, let line, let detail):
      "Le fichier « \(file) », ligne \(line), a un problème d'encodage : \(detail). "
        + "Les exports SIECLE et STS Web sont en ISO-8859-15 et le déclarent dans leur première ligne ; "
        + "utilisez le fichier d'origine, sans l'ouvrir ni l'enregistrer dans un autre logiciel."
    case .doctypeForbidden(let file, let line):
      "Le fichier « \(file) », ligne \(line), contient une déclaration <!DOCTYPE>, que les exports officiels "
        + "n'ont jamais : fichier refusé par sécurité (aucune entité n'a été chargée ni développée)."
    case .entityForbidden(let file, let line, let name):
      "Le fichier « \(file) », ligne \(line), utilise l'entité « &\(name); » : fichier refusé par sécurité "
        + "(aucune entité n'a été chargée ni développée)."
    case .malformed(let file, let line, let detail):
      "Le fichier « \(file) » n'est pas un XML bien formé, ligne \(line) : \(detail)."
    case .beyondLimits(let file, let line, let detail):
      "Le fichier « \(file) », ligne \(line), dépasse ce que contient un export officiel : \(detail). "
        + "Fichier refusé : utilisez l'export d'origine, sans le modifier."
    }
  }
}
