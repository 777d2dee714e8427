import RaccordCore
import XMLStreaming

/// Imports SIECLE's `Nomenclature.xml` (root `BEE_NOMENCLATURES`): MEF, matières, programmes,
/// options obligatoires, modalités d'élection and de cours.
struct SIECLENomenclatureImporter: XMLImporter {
  static let root = "BEE_NOMENCLATURES"
  static let kind = FileKind.siecleNomenclature

  static let paths: Set<String> = [
    "PARAMETRES",
    "DONNEES/MEFS/MEF",
    "DONNEES/MATIERES/MATIERE",
    "DONNEES/PROGRAMMES/PROGRAMME",
    "DONNEES/OPTIONS_OBLIGATOIRES/OPTION_OBLIGATOIRE",
    "DONNEES/MODALITES_ELECTION/MODALITE_ELECTION",
    "DONNEES/MODALITES_COURS/MODALITE_COURS",
  ]

  static func read(_ context: ImportContext) throws {
    let file = context.file
    var mefs = DuplicateGuard(what: "le MEF", file: file)
    var matieres = DuplicateGuard(what: "la matière", file: file)
    var modalites = DuplicateGuard(what: "la modalité", file: file)
    try context.walk(paths) { path, node in
      switch path {
      case "PARAMETRES":
        try context.begin(siecleParameters: node)
      case "DONNEES/MEFS/MEF":
        let code = try node.requiredAttribute("CODE_MEF", file: file)
        try mefs.check(code, line: node.line)
        var mef = MEFRecord(code: code, line: node.line)
        mef.formation = node.value("FORMATION")
        mef.libelleLong = node.value("LIBELLE_LONG")
        mef.libelleEdition = node.value("LIBELLE_EDITION")
        mef.mefStat = node.value("CODE_MEFSTAT")
        mef.rattachement = node.value("MEF_RATTACHEMENT")
        mef.nbOptionsObligatoires = Values.int(node.value("NB_OPT_OBLIG"))
        mef.selected = Values.bool(node.value("MEF_SELECTIONNE"))
        mef.dateOuverture = Values.isoDate(fromSIECLE: node.value("DATE_OUVERTURE"))
        mef.dateFermeture = Values.isoDate(fromSIECLE: node.value("DATE_FERMETURE"))
        try context.add(.mef(mef))
      case "DONNEES/MATIERES/MATIERE":
        let code = try node.requiredAttribute("CODE_MATIERE", file: file)
        var matiere = try MatiereRecord(node, code: code, duplicates: &matieres)
        matiere.codeNational = node.value("CODE_MATIERE_NATIONALE")
        try context.add(.matiere(matiere))
      case "DONNEES/PROGRAMMES/PROGRAMME":
        try context.add(
          .programme(
            ProgrammeRecord(
              mef: try node.requiredValue("CODE_MEF", file: file),
              matiere: try node.requiredValue("CODE_MATIERE", file: file),
              modalite: node.value("CODE_MODALITE_ELECT"), horaire: node.value("HORAIRE"), line: node.line)))
      case "DONNEES/OPTIONS_OBLIGATOIRES/OPTION_OBLIGATOIRE":
        try context.add(
          .optionObligatoire(
            OptionObligatoireRecord(
              mef: try node.requiredValue("CODE_MEF", file: file),
              matiere: try node.requiredValue("CODE_MATIERE", file: file),
              rang: Values.int(node.value("RANG_OPTION")), line: node.line)))
      case "DONNEES/MODALITES_ELECTION/MODALITE_ELECTION":
        var modalite = ModaliteRecord(
          kind: .election, code: try node.requiredAttribute("CODE_MODALITE_ELECT", file: file), line: node.line)
        modalite.libelleCourt = node.value("LIBELLE_COURT")
        modalite.libelleLong = node.value("LIBELLE_LONG")
        try modalites.check("election \(modalite.code)", line: node.line)
        try context.add(.modalite(modalite))
      default:
        var modalite = ModaliteRecord(
          kind: .cours, code: try node.requiredAttribute("CODE_MODALITE_COURS", file: file), line: node.line)
        modalite.libelleCourt = node.value("LIBELLE_COURT")
        modalite.libelleLong = node.value("LIBELLE_LONG")
        modalite.coEnseignement = Values.bool(node.value("CO_ENSEIGNEMENT"))
        try modalites.check("cours \(modalite.code)", line: node.line)
        try context.add(.modalite(modalite))
      }
    }
  }
}

/// Imports SIECLE's `Structures.xml` (root `BEE_STRUCTURES`): divisions and groups with their MEFs.
struct SIECLEStructuresImporter: XMLImporter {
  static let root = "BEE_STRUCTURES"
  static let kind = FileKind.siecleStructures

  static func read(_ context: ImportContext) throws {
    let file = context.file
    var codes = DuplicateGuard(what: "la structure", file: file)
    let paths: Set<String> = ["PARAMETRES", "DONNEES/DIVISIONS/DIVISION", "DONNEES/GROUPES/GROUPE"]
    try context.walk(paths) { path, node in
      if path == "PARAMETRES" { return try context.begin(siecleParameters: node) }
      let kind: StructureRecord.Kind = path.hasSuffix("DIVISION") ? .division : .group
      let code = try node.requiredAttribute("CODE_STRUCTURE", file: file)
      try codes.check("\(kind.rawValue) \(code)", line: node.line)
      var structure = StructureRecord(code: code, kind: kind, line: node.line)
      structure.libelle = node.value("LIBELLE_LONG")
      structure.mefs = node.descendants("MEFS_APPARTENANCE", "MEF_APPARTENANCE").compactMap {
        $0.value("CODE_MEF") ?? $0.attribute("CODE_MEF") ?? $0.attribute("CODE")
      }
      structure.divisions = node.descendants("DIVISIONS_APPARTENANCE", "DIVISION_APPARTENANCE").compactMap {
        $0.value("CODE_STRUCTURE") ?? $0.attribute("CODE_STRUCTURE") ?? $0.attribute("CODE")
      }
      try context.add(.structure(structure))
    }
  }
}

extension ImportContext {
  /// Reads SIECLE's `PARAMETRES`: `UAJ` and `ANNEE_SCOLAIRE` as text, `HORODATAGE` or `DATE_EXPORT`.
  func begin(siecleParameters node: RecordElement) throws {
    let uai = try ParametersReader.uai(node.value("UAJ"), file: file, line: node.line)
    let year = try ParametersReader.year(node.value("ANNEE_SCOLAIRE"), file: file, line: node.line)
    let exported =
      Values.isoTimestamp(fromSIECLE: node.value("HORODATAGE"))
      ?? Values.isoDate(fromSIECLE: node.value("DATE_EXPORT"))
    try begin(FileHeader(kind: kind, uai: uai, year: year, exportedAt: exported, version: version), line: node.line)
  }
}
