import RaccordCore
import XMLStreaming

/// Imports STS Web's `sts_emp_<UAI>_<année>.xml` (root `STS_EDT`): school and year, matières and MEF,
/// people (`INDIVIDUS` and `SUPPLEANTS`), divisions and groups with their MEFs, and services.
struct STSImporter: XMLImporter {
  static let root = "STS_EDT"
  static let kind = FileKind.stsEmp

  static let paths: Set<String> = [
    "PARAMETRES",
    "NOMENCLATURES/MATIERES/MATIERE",
    "NOMENCLATURES/MEFS/MEF",
    "NOMENCLATURES/PROGRAMMES/PROGRAMME",
    "NOMENCLATURES/MODS_COURS/MOD_COURS",
    "DONNEES/INDIVIDUS/INDIVIDU",
    "DONNEES/SUPPLEANTS/SUPPLEANT",
    "DONNEES/STRUCTURE/DIVISIONS/DIVISION",
    "DONNEES/STRUCTURE/GROUPES/GROUPE",
  ]

  static func read(_ context: ImportContext) throws {
    let file = context.file
    var mefs = DuplicateGuard(what: "le MEF", file: file)
    var matieres = DuplicateGuard(what: "la matière", file: file)
    var people = DuplicateGuard(what: "l'individu", file: file)
    var structures = DuplicateGuard(what: "la structure", file: file)
    var knownPeople: Set<String> = []
    var modalites = DuplicateGuard(what: "la modalité de cours", file: file)
    try context.walk(paths) { path, node in
      switch path {
      case "PARAMETRES":
        let uaj = node.child("UAJ")
        let uai = try ParametersReader.uai(uaj?.attribute("CODE"), file: file, line: uaj?.line ?? node.line)
        let yearNode = node.child("ANNEE_SCOLAIRE")
        let year = try ParametersReader.year(
          yearNode?.attribute("ANNEE"), file: file, line: yearNode?.line ?? node.line)
        let name = [uaj?.value("SIGLE"), uaj?.value("DENOM_PRINC"), uaj?.value("DENOM_COMPL")]
          .compactMap { $0 }.joined(separator: " ")
        try context.begin(
          FileHeader(kind: kind, uai: uai, year: year, version: context.version, schoolName: name.isEmpty ? nil : name),
          line: node.line)
      case "NOMENCLATURES/MATIERES/MATIERE":
        let code = try node.requiredAttribute("CODE", file: file)
        try context.add(.matiere(try MatiereRecord(node, code: code, duplicates: &matieres)))
      case "NOMENCLATURES/MEFS/MEF":
        let code = try node.requiredAttribute("CODE", file: file)
        try mefs.check(code, line: node.line)
        var mef = MEFRecord(code: code, line: node.line)
        mef.formation = node.value("FORMATION")
        mef.libelleLong = node.value("LIBELLE_LONG")
        mef.libelleEdition = node.value("LIBELLE_EDITION")
        mef.mefStat = node.value("MEFSTAT11")
        try context.add(.mef(mef))
      case "NOMENCLATURES/PROGRAMMES/PROGRAMME":
        guard let mef = node.value("CODE_MEF"), let matiere = node.value("CODE_MATIERE") else { return }
        try context.add(
          .programme(
            ProgrammeRecord(mef: mef, matiere: matiere, modalite: nil, horaire: node.value("HORAIRE"), line: node.line))
        )
      case "NOMENCLATURES/MODS_COURS/MOD_COURS":
        var modalite = ModaliteRecord(
          kind: .cours, code: try node.requiredAttribute("CODE", file: file), line: node.line)
        modalite.libelleCourt = node.value("LIBELLE_COURT")
        modalite.libelleLong = node.value("LIBELLE_LONG")
        modalite.coEnseignement = Values.bool(node.value("CO_ENS"))
        try modalites.check(modalite.code, line: node.line)
        try context.add(.modalite(modalite))
      case "DONNEES/INDIVIDUS/INDIVIDU", "DONNEES/SUPPLEANTS/SUPPLEANT":
        let list: IndividuRecord.List = node.name == "INDIVIDU" ? .individu : .suppleant
        let id = try node.requiredAttribute("ID", file: file)
        try people.check("\(list.rawValue) \(id)", line: node.line)
        knownPeople.insert(id)
        var person = IndividuRecord(id: id, list: list, line: node.line)
        person.type = node.attribute("TYPE")
        person.sexe = node.value("SEXE")
        person.civilite = node.value("CIVILITE")
        person.nomUsage = node.value("NOM_USAGE")
        person.nomPatronymique = node.value("NOM_PATRONYMIQUE")
        person.prenom = node.value("PRENOM")
        person.grade = node.value("GRADE")
        person.fonction = node.value("FONCTION")
        person.disciplines = node.descendants("DISCIPLINES", "DISCIPLINE").compactMap { discipline in
          discipline.attribute("CODE").map {
            IndividuRecord.Discipline(
              code: $0, libelleCourt: discipline.value("LIBELLE_COURT"), nbHeures: discipline.value("NB_HEURES"))
          }
        }
        person.profPrincipal = node.descendants("PROFS_PRINC", "PROF_PRINC").compactMap { $0.value("CODE_STRUCTURE") }
        try context.add(.individu(person))
      default:
        let kind: StructureRecord.Kind = node.name == "DIVISION" ? .division : .group
        let code = try node.requiredAttribute("CODE", file: file)
        try structures.check("\(kind.rawValue) \(code)", line: node.line)
        var structure = StructureRecord(code: code, kind: kind, line: node.line)
        structure.libelle = node.value("LIBELLE_LONG")
        structure.mefs = node.descendants("MEFS_APPARTENANCE", "MEF_APPARTENANCE").compactMap { $0.attribute("CODE") }
        structure.divisions = node.descendants("DIVISIONS_APPARTENANCE", "DIVISION_APPARTENANCE").compactMap {
          $0.attribute("CODE")
        }
        try context.add(.structure(structure))
        for serviceNode in node.descendants("SERVICES", "SERVICE") {
          var service = ServiceRecord(
            structureCode: code, structureKind: kind,
            matiere: try serviceNode.requiredAttribute("CODE_MATIERE", file: file), line: serviceNode.line)
          service.modaliteCours = serviceNode.attribute("CODE_MOD_COURS")
          service.heures = serviceNode.value("HEURES_STRUCTURE")
          service.coEnseignement = serviceNode.value("CO_ENS")
          for teacher in serviceNode.descendants("ENSEIGNANTS", "ENSEIGNANT") {
            let id = try teacher.requiredAttribute("ID", file: file)
            if !knownPeople.contains(id) {
              context.warn(
                "sts-teacher-unknown",
                "le service de \(service.matiere) en \(code) est attribué à l'enseignant d'identifiant \(id), "
                  + "qui ne figure ni dans <INDIVIDUS> ni dans <SUPPLEANTS>. Le service est importé ; "
                  + "corrigez l'attribution dans STS Web.", line: teacher.line, element: "ENSEIGNANT")
            }
            service.teachers.append(
              ServiceRecord.Teacher(id: id, type: teacher.attribute("TYPE"), heures: teacher.value("HEURES_AGENT")))
          }
          try context.add(.service(service))
        }
      }
    }
  }
}
