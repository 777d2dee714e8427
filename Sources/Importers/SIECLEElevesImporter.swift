import RaccordCore
import XMLStreaming

/// Imports SIECLE's `ElevesSansAdresses.xml` (root `BEE_ELEVES`). `ElevesAvecAdresses.xml` is accepted,
/// but addresses, birth data, INE and contact details are never read into the store.
struct SIECLEElevesImporter: XMLImporter {
  static let root = "BEE_ELEVES"
  static let kind = FileKind.siecleEleves

  static let paths: Set<String> = [
    "PARAMETRES",
    "DONNEES/ELEVES/ELEVE",
    "DONNEES/OPTIONS/OPTION",
    "DONNEES/STRUCTURES/STRUCTURES_ELEVE",
  ]

  static func read(_ context: ImportContext) throws {
    let file = context.file
    var pupils = DuplicateGuard(what: "l'élève", file: file)
    try context.walk(paths) { path, node in
      switch path {
      case "PARAMETRES":
        try context.begin(siecleParameters: node)
      case "DONNEES/ELEVES/ELEVE":
        let id = try node.requiredAttribute("ELEVE_ID", file: file)
        try pupils.check(id, line: node.line)
        var pupil = EleveRecord(id: id, line: node.line)
        pupil.elenoet = node.attribute("ELENOET") ?? node.value("ELENOET")
        pupil.nom = node.value("NOM_DE_FAMILLE") ?? node.value("NOM")
        pupil.nomUsage = node.value("NOM_USAGE")
        pupil.prenom = node.value("PRENOM")
        pupil.sexe = node.value("CODE_SEXE")
        pupil.mef = node.value("CODE_MEF")
        pupil.statut = node.value("CODE_STATUT")
        pupil.dateEntree = Values.isoDate(fromSIECLE: node.value("DATE_ENTREE"))
        pupil.dateSortie = Values.isoDate(fromSIECLE: node.value("DATE_SORTIE"))
        pupil.motifSortie = node.value("CODE_MOTIF_SORTIE")
        try context.add(.eleve(pupil))
      case "DONNEES/OPTIONS/OPTION":
        let id = try node.requiredAttribute("ELEVE_ID", file: file)
        for option in node.children("OPTIONS_ELEVE") {
          guard let matiere = option.value("CODE_MATIERE") else { continue }
          try context.add(
            .eleveOption(
              EleveOptionRecord(
                eleveId: id, rang: Values.int(option.value("NUM_OPTION")),
                modalite: option.value("CODE_MODALITE_ELECT"), matiere: matiere, line: option.line)))
        }
      default:
        let id = try node.requiredAttribute("ELEVE_ID", file: file)
        for structure in node.children("STRUCTURE") {
          guard let code = structure.value("CODE_STRUCTURE") else { continue }
          let kind: StructureRecord.Kind = structure.value("TYPE_STRUCTURE") == "G" ? .group : .division
          try context.add(
            .eleveStructure(EleveStructureRecord(eleveId: id, structureCode: code, kind: kind, line: structure.line)))
        }
      }
    }
  }
}
