import Foundation
import RaccordCore

/// Errors of the use cases themselves (the stages have their own).
public enum RaccordError: Error, Equatable, Sendable, LocalizedError {
  /// Files of two schools given to one command.
  case mixedSchools(file: String, uai: String, firstFile: String, firstUAI: String)
  /// `Nomenclatures/` could not be found.
  case dataDirectoryNotFound(tried: [String])
  /// Nothing loaded for that school and year.
  case nothingLoaded(uai: String?, year: Int?)
  /// Several schools are loaded and the command did not say which one.
  case schoolNeeded(choices: [String])
  case invalidArgument(String)
  /// The checks need a file that is not loaded.
  case missingForChecks(uai: String, year: Int, what: FileKind)
  /// No gradebook file for that school and year.
  case gradebookMissing(uai: String, year: Int)

  public var errorDescription: String? {
    switch self {
    case .mixedSchools(let file, let uai, let firstFile, let firstUAI):
      "Le fichier « \(file) » concerne l'établissement \(uai), alors que « \(firstFile) » concerne \(firstUAI) : "
        + "importez les fichiers d'un seul établissement à la fois. Rien n'a été importé."
    case .dataDirectoryNotFound(let tried):
      "Dossier de données introuvable (il doit contenir Nomenclatures/national/) ; essayés : "
        + tried.joined(separator: ", ") + ". Indiquez-le avec --data-dir ou la variable RACCORD_DATA_DIR."
    case .nothingLoaded(let uai, let year):
      "Aucune donnée chargée" + (uai.map { " pour l'établissement \($0)" } ?? "")
        + (year.map { " pour l'année \($0)-\($0 + 1)" } ?? "")
        + " : importez d'abord la nomenclature SIECLE (Exportations > En XML) ou l'export STS Web "
        + "(Exports > Emploi du temps) avec « raccord import »."
    case .schoolNeeded(let choices):
      "Plusieurs établissements sont chargés (\(choices.joined(separator: ", "))) : précisez lequel avec --uai."
    case .invalidArgument(let text):
      text
    case .missingForChecks(let uai, let year, let what):
      "Les vérifications de l'établissement \(uai), année \(SchoolYear(year)), ont besoin de "
        + (what == .stsEmp
          ? "l'export STS Web sts_emp_\(uai)_\(year).xml (STS Web > Exports > Emploi du temps)"
          : "la nomenclature SIECLE Nomenclature.xml (SIECLE > Exportations > En XML)")
        + " : importez-le avec « raccord import »."
    case .gradebookMissing(let uai, let year):
      "Aucun fichier du logiciel de notes pour l'établissement \(uai), année \(SchoolYear(year)) : importez le fichier "
        + "LSU exporté par le logiciel de notes (racine <lsun-bilans>) ou le CSV de ses services avec « raccord import »."
    }
  }
}
