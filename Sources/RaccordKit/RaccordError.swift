import Exports
import Foundation
import RaccordCore
import Store

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
  /// A class name that no file of the school year knows.
  case unknownDivision(String, known: [String])
  /// A path names nothing to read.
  case noFile(path: String)
  /// The UAI given is not a valid one.
  case invalidUAI(String, reason: String)
  /// A CSV gradebook file of unknown school or year.
  case csvSchoolUnknown(file: String)
  case csvYearUnknown(file: String)
  /// The copy of an imported LSU file could not be kept beside the store.
  case cannotKeepCopy(file: String, folder: String, reason: String)
  /// A baseline (`--baseline`) that cannot be read, or is not a check report.
  case baselineUnreadable(path: String)
  case baselineInvalid(path: String)
  /// `export lsu` of a school whose gradebook came as a services CSV.
  case gradebookIsCSV(uai: String, year: Int)
  /// `export lsu` would write over the imported file.
  case exportOverwritesInput(path: String)
  /// The imported LSU file is gone or its bytes changed.
  case gradebookFileGone(fileName: String)
  /// The rewrite itself failed (truncated input, schema version).
  case lsuExport(LSUExportError)
  /// The rewrite would add schema or reference problems: nothing was written.
  case correctedFileInvalid(problems: [String])
  /// The checks need a file that is not loaded.
  case missingForChecks(uai: String, year: Int, what: FileKind)
  /// No gradebook file for that school and year.
  case gradebookMissing(uai: String, year: Int)
  /// No review item or group has that key.
  case unknownReviewKey(String)
  /// A decision names a matière code absent from the year's nomenclature.
  case unknownCode(String, year: Int)
  /// A decision names an STS id absent from the year's STS export.
  case unknownSTSIdentifier(String, year: Int)
  /// A file could not be written (missing folder, permission, full disk); nothing was written.
  case cannotWrite(path: String, reason: String?)
  /// "Accept" on an item that has no proposal.
  case nothingToAccept(key: String)
  /// Two exports of the same kind, school and year in one command (a zip with two Nomenclature.xml).
  case sameExportTwice(file: String, other: String, kind: FileKind, uai: String, year: Int)
  /// A gradebook file of a school or year that has no SIECLE nomenclature nor STS Web export.
  case gradebookWithoutNomenclature(file: String, uai: String, year: Int, knownSchool: Bool)
  /// A decision taken on a version of the item that someone else's decision replaced meanwhile.
  case staleDecision(label: String, current: ReviewDecision?)
  /// A file of another school than the one the import is limited to (a school account's upload).
  case otherSchool(file: String, uai: String, allowed: String)
  /// `raccord user`: a login already taken, unknown, or not acceptable; a password too short.
  case accountExists(login: String)
  case accountUnknown(login: String)
  case invalidLogin(String)
  case passwordTooShort(minimum: Int)

  /// "code 020300 choisi par Mme X le 03/12/2026 14:05 UTC (note : …)", for the person who was too late.
  static func describe(_ decision: ReviewDecision) -> String {
    var text: String
    switch decision.verdict {
    case .reject: text = "suggestion rejetée"
    case .accept: text = decision.chosenCode.map { "\($0) accepté" } ?? "suggestion acceptée"
    case .choose: text = decision.chosenCode.map { "\($0) choisi" } ?? "code choisi"
    }
    if let author = decision.author { text += " par " + author }
    if !decision.decidedAt.isEmpty { text += " le " + FrenchDate.text(decision.decidedAt) }
    if let note = decision.note { text += " (note : " + note + ")" }
    return text
  }

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
    case .unknownDivision(let division, let known):
      "La classe « \(division) » n'existe dans aucun fichier de cette année : classes connues : "
        + known.joined(separator: ", ") + "."
    case .noFile(let path):
      "« \(path) » : aucun fichier à lire."
    case .invalidUAI(let text, let reason):
      "--uai « \(text) » : \(reason)."
    case .csvSchoolUnknown(let file):
      "Le fichier « \(file) » ne dit pas de quel établissement il est : précisez --uai (et --year)."
    case .csvYearUnknown(let file):
      "Le fichier « \(file) » ne dit pas de quelle année scolaire il est : précisez --year."
    case .cannotKeepCopy(let file, let folder, let reason):
      "Impossible de garder une copie de « \(file) » dans « \(folder) » : \(reason). Rien n'a été importé."
    case .baselineUnreadable(let path):
      "Le fichier de référence « \(path) » est introuvable ou illisible."
    case .baselineInvalid(let path):
      "Le fichier de référence « \(path) » n'est pas un rapport de « raccord check --format json »."
    case .gradebookIsCSV:
      "Le logiciel de notes n'a été importé que par le CSV de ses services, qui n'est pas un fichier LSU : "
        + "rien à corriger. Utilisez « raccord export mappings » pour la table de correspondance, ou importez "
        + "le fichier LSU exporté par le logiciel de notes."
    case .exportOverwritesInput(let path):
      "Le fichier corrigé ne peut pas remplacer le fichier importé « \(path) » : choisissez un autre nom avec --out."
    case .gradebookFileGone(let fileName):
      "Le fichier LSU importé « \(fileName) » est introuvable ou a changé depuis son import : importez-le à "
        + "nouveau (raccord import, ou la page Import), puis relancez l'export."
    case .lsuExport(let error):
      error.errorDescription ?? "\(error)"
    case .correctedFileInvalid(let problems):
      "Le fichier corrigé ne serait pas accepté par LSU, il n'a pas été écrit :\n  "
        + problems.joined(separator: "\n  ")
    case .missingForChecks(let uai, let year, let what):
      "Les vérifications de l'établissement \(uai), année \(SchoolYear(year)), ont besoin de "
        + (what == .stsEmp
          ? "l'export STS Web sts_emp_\(uai)_\(year).xml (STS Web > Exports > Emploi du temps)"
          : "la nomenclature SIECLE Nomenclature.xml (SIECLE > Exportations > En XML)")
        + " : importez-le avec « raccord import »."
    case .unknownReviewKey(let key):
      "Aucun élément à relire n'a la clé « \(key) » : voyez les clés avec « raccord suggest --format csv » "
        + "ou sur la page Correspondances."
    case .unknownCode(let code, let year):
      "Le code « \(code) » n'est pas dans la nomenclature \(SchoolYear(year)) de l'établissement : décision refusée. "
        + "Choisissez un code de Nomenclature.xml (SIECLE), ou faites ajouter la matière au programme."
    case .unknownSTSIdentifier(let id, let year):
      "L'identifiant STS « \(id) » n'est pas dans l'export STS Web \(SchoolYear(year)) : décision refusée."
    case .cannotWrite(let path, let reason):
      "Impossible d'écrire « \(path) » : "
        + (reason ?? "vérifiez que le dossier existe et que vous pouvez y écrire") + ". Rien n'a été écrit."
    case .nothingToAccept(let key):
      "Aucune proposition à accepter pour « \(key) » : choisissez un code (ou un identifiant STS), ou rejetez."
    case .sameExportTwice(let file, let other, let kind, let uai, let year):
      "« \(file) » et « \(other) » sont deux fichiers \(kind.frenchName) de l'établissement \(uai) pour "
        + "\(SchoolYear(year)) : importez-en un seul, le plus récent. Rien n'a été importé."
    case .gradebookWithoutNomenclature(let file, let uai, let year, let knownSchool):
      "Le fichier du logiciel de notes « \(file) » concerne l'établissement \(uai), année \(SchoolYear(year)), "
        + (knownSchool
          ? "pour laquelle aucune nomenclature SIECLE ni export STS Web n'est chargé"
          : "dont aucune nomenclature SIECLE ni export STS Web n'est chargé")
        + " : il ne pourrait être rapproché de rien. Vérifiez qu'il est du bon établissement et de la bonne année, "
        + "puis importez d'abord (ou dans la même commande) Nomenclature.xml (SIECLE > Exportations > En XML) "
        + "et sts_emp_<UAI>_<année>.xml (STS Web > Exports > Emploi du temps). Rien n'a été importé."
    case .staleDecision(let label, let current):
      "« \(label) » a été modifié entre-temps"
        + (current.map { " : \(Self.describe($0))" } ?? " (décision retirée)")
        + ". Votre décision n'a pas été enregistrée : relisez l'élément tel qu'il est maintenant, puis décidez à nouveau."
    case .otherSchool(let file, let uai, let allowed):
      "Le fichier « \(file) » concerne l'établissement \(uai) : votre compte ne peut importer que les fichiers de "
        + "l'établissement \(allowed). Rien n'a été importé."
    case .accountExists(let login):
      "Le compte « \(login) » existe déjà : choisissez un autre identifiant, ou supprimez-le d'abord "
        + "(raccord user remove \(login))."
    case .accountUnknown(let login):
      "Aucun compte « \(login) » : la liste des comptes est donnée par « raccord user list »."
    case .invalidLogin(let login):
      "Identifiant « \(login) » refusé : de 1 à 64 caractères, lettres, chiffres, point, tiret, tiret bas ou @, "
        + "sans espace."
    case .passwordTooShort(let minimum):
      "Mot de passe trop court : au moins \(minimum) caractères."
    case .gradebookMissing(let uai, let year):
      "Aucun fichier du logiciel de notes pour l'établissement \(uai), année \(SchoolYear(year)) : importez le fichier "
        + "LSU exporté par le logiciel de notes (racine <lsun-bilans>) ou le CSV de ses services avec « raccord import »."
    }
  }
}
