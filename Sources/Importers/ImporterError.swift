import Foundation
import RaccordCore
import XMLStreaming

/// Why a file cannot be imported. Messages are French and name the file and the place.
public enum ImporterError: Error, Equatable, Sendable, LocalizedError {
  case xml(XMLStreamError)
  /// A root element Raccord does not import.
  case wrongRoot(file: String, root: String, advice: String)
  /// A zip archive with no XML entry.
  case zipWithoutXML(file: String)
  /// A file that is neither XML nor a zip archive Raccord can open.
  case unreadableArchive(file: String, reason: String)
  /// No `PARAMETRES` (school and year) before the data.
  case missingParameters(file: String, line: Int, missing: String)
  case invalidUAI(file: String, line: Int, detail: String)
  case invalidYear(file: String, line: Int, value: String)
  /// The same MEF or matière code twice in one file.
  case duplicateCode(file: String, line: Int, what: String, code: String, firstLine: Int)
  /// A required code is missing on a record.
  case missingCode(file: String, line: Int, element: String, attribute: String)
  /// A CSV reference table with an unexpected header or row.
  case badTable(file: String, line: Int, detail: String)
  /// A file (or zip entry) larger than any real export.
  case tooLarge(file: String, size: Int64, limit: Int64)
  /// An LSU file of a schema version newer than the ones Raccord knows.
  case unsupportedVersion(file: String, version: String, newest: String)

  public var errorDescription: String? {
    switch self {
    case .xml(let error):
      error.errorDescription
    case .wrongRoot(let file, let root, let advice):
      "Le fichier « \(file) » (élément racine <\(root)>) n'est pas un export que Raccord importe : \(advice)"
    case .zipWithoutXML(let file):
      "L'archive « \(file) » ne contient aucun fichier XML : vérifiez que c'est bien l'export téléchargé "
        + "depuis SIECLE (Exportations > En XML) ou STS Web (Exports > Emploi du temps)."
    case .unreadableArchive(let file, let reason):
      "Impossible d'ouvrir l'archive « \(file) » : \(reason)."
    case .missingParameters(let file, let line, let missing):
      "Le fichier « \(file) », ligne \(line) : \(missing) manque. "
        + "Le fichier a sans doute été modifié ou tronqué : exportez-le à nouveau depuis son application."
    case .invalidUAI(let file, let line, let detail):
      "Le fichier « \(file) », ligne \(line) : \(detail)."
    case .invalidYear(let file, let line, let value):
      "Le fichier « \(file) », ligne \(line) : l'année scolaire « \(value) » n'est pas lisible "
        + "(attendu : l'année de rentrée, par exemple 2025 pour 2025-2026)."
    case .duplicateCode(let file, let line, let what, let code, let firstLine):
      "Le fichier « \(file) », ligne \(line) : \(what) « \(code) » figure deux fois (déjà ligne \(firstLine)). "
        + "Un export officiel ne contient jamais de doublon : le fichier a été modifié ; téléchargez-le à nouveau."
    case .missingCode(let file, let line, let element, let attribute):
      "Le fichier « \(file) », ligne \(line) : l'élément <\(element)> n'a pas de code (\(attribute))."
    case .badTable(let file, let line, let detail):
      "La table « \(file) », ligne \(line) : \(detail)."
    case .tooLarge(let file, let size, let limit):
      "Le fichier « \(file) » fait \(size >> 20) Mo, plus que la limite de \(limit >> 20) Mo : les exports SIECLE, "
        + "STS Web et LSU font quelques Mo. Vérifiez que c'est le bon fichier ; il n'a pas été lu."
    case .unsupportedVersion(let file, let version, let newest):
      "Le fichier « \(file) » est au format LSU \(version), plus récent que le dernier que Raccord connaît "
        + "(\(newest)) : il n'a pas été importé. Exportez-le au format \(newest) depuis le logiciel de notes, "
        + "ou mettez Raccord à jour."
    }
  }
}

extension ImporterError {
  /// The advice given for each root element that Raccord recognises but does not import.
  static func advice(forRoot root: String) -> String {
    switch root {
    case "EDT_STS":
      "c'est le fichier que le logiciel d'emploi du temps renvoie vers STS Web, pas l'export de STS Web. "
        + "Dans STS Web, utilisez Exports > Emploi du temps et importez le fichier sts_emp_<UAI>_<année>.xml."
    case "BEE_RESPONSABLES":
      "c'est l'export des responsables légaux, dont Raccord n'a pas besoin. "
        + "Dans SIECLE, exportez plutôt ElevesSansAdresses.xml (Exportations > En XML)."
    case "BEE_COMMUN":
      "c'est l'export des données communes de SIECLE. "
        + "Dans SIECLE, exportez Nomenclature.xml et ElevesSansAdresses.xml (Exportations > En XML)."
    default:
      "Raccord attend l'export STS Web (racine <STS_EDT>, Exports > Emploi du temps), un export XML de SIECLE "
        + "(racine <BEE_NOMENCLATURES>, <BEE_ELEVES> ou <BEE_STRUCTURES>, Exportations > En XML) "
        + "ou le fichier LSU du logiciel de notes (racine <lsun-bilans>)."
    }
  }
}
