import RaccordCore
import XMLStreaming

/// Imports the gradebook's LSU file (root `lsun-bilans`, any schema from 2.0 to 10.0), as a stream:
/// its lists (pupils, periods, disciplines, teachers) and, for each bilan, what it has and lacks.
/// The school is `entete/etablissement`; the school year is the first period's `millesime`
/// (or a bilan de cycle's), so records are held back until it is known.
struct LSUBilansImporter: XMLImporter {
  static let root = "lsun-bilans"
  static let kind = FileKind.lsuBilans

  static let paths: Set<String> = [
    "entete",
    "donnees/eleves/eleve",
    "donnees/periodes/periode",
    "donnees/disciplines/discipline",
    "donnees/enseignants/enseignant",
    "donnees/bilans-periodiques/bilan-periodique",
    "donnees/bilans-cycle/bilan-cycle",
  ]

  static func read(_ context: ImportContext) throws {
    let file = context.file
    var uai: UAI?
    var sawEntete = false
    var held: [ImportRecord] = []
    var started = false
    var pupilIDs = DuplicateGuard(what: "l'élève (id)", file: file)
    var teacherIDs = DuplicateGuard(what: "l'enseignant (id)", file: file)
    var disciplineIDs = DuplicateGuard(what: "la discipline (id)", file: file)

    func start(year text: String?, line: Int) throws {
      guard !started, let uai, let text, let year = SchoolYear(parsing: text) else { return }
      started = true
      try context.begin(FileHeader(kind: kind, uai: uai, year: year, version: context.version), line: line)
      for record in held { try context.add(record) }
      held = []
    }
    func emit(_ record: ImportRecord) throws {
      if started { try context.add(record) } else { held.append(record) }
    }
    func refs(_ text: String?) -> [String] {
      text?.split(separator: " ").map(String.init) ?? []
    }

    try context.walk(paths) { path, node in
      switch path {
      case "entete":
        sawEntete = true
        uai = try ParametersReader.uai(node.value("etablissement"), file: file, line: node.line)
      case "donnees/eleves/eleve":
        var pupil = GradebookPupil(id: try node.requiredAttribute("id", file: file), line: node.line)
        try pupilIDs.check(pupil.id, line: node.line)
        pupil.idBE = node.attribute("id-be")
        pupil.nom = node.attribute("nom")
        pupil.prenom = node.attribute("prenom")
        pupil.codeDivision = node.attribute("code-division")
        try emit(.gradebookPupil(pupil))
      case "donnees/periodes/periode":
        var period = GradebookPeriod(id: try node.requiredAttribute("id", file: file), line: node.line)
        period.millesime = node.attribute("millesime")
        period.indice = Values.int(node.attribute("indice"))
        period.nbPeriodes = Values.int(node.attribute("nb-periodes"))
        try start(year: period.millesime, line: node.line)
        try emit(.gradebookPeriod(period))
      case "donnees/disciplines/discipline":
        var discipline = GradebookDiscipline(id: try node.requiredAttribute("id", file: file), line: node.line)
        try disciplineIDs.check(discipline.id, line: node.line)
        discipline.code = node.attribute("code")
        discipline.codeNational = node.attribute("code-national")
        discipline.modalite = node.attribute("modalite-election")
        discipline.libelle = node.attribute("libelle")
        try emit(.gradebookDiscipline(discipline))
      case "donnees/enseignants/enseignant":
        var teacher = GradebookTeacher(id: try node.requiredAttribute("id", file: file), line: node.line)
        try teacherIDs.check(teacher.id, line: node.line)
        teacher.type = node.attribute("type")
        teacher.idSTS = node.attribute("id-sts")
        teacher.civilite = node.attribute("civilite")
        teacher.nom = node.attribute("nom")
        teacher.prenom = node.attribute("prenom")
        try emit(.gradebookTeacher(teacher))
      case "donnees/bilans-periodiques/bilan-periodique":
        var bilan = GradebookBilan(
          pupilRef: try node.requiredAttribute("eleve-ref", file: file),
          periodRef: try node.requiredAttribute("periode-ref", file: file), line: node.line)
        bilan.dateConseil = node.attribute("date-conseil-classe")
        bilan.dateScolarite = node.attribute("date-scolarite")
        bilan.profPrincRefs = refs(node.attribute("prof-princ-refs"))
        bilan.hasCouncilAppraisal = node.value("acquis-conseils") != nil
        bilan.hasSchoolLife = node.child("vie-scolaire") != nil
        for element in node.descendants("liste-acquis", "acquis") {
          var acquis = GradebookAcquis(
            disciplineRef: try element.requiredAttribute("discipline-ref", file: file), line: element.line)
          acquis.teacherRefs = refs(element.attribute("enseignant-refs"))
          acquis.elementProgrammeRefs = refs(element.attribute("element-programme-refs"))
          acquis.hasAppraisal = element.value("appreciation") != nil
          acquis.moyenne = element.attribute("moyenne-eleve")
          acquis.moyenneStructure = element.attribute("moyenne-structure")
          acquis.positionnement = element.attribute("positionnement")
          acquis.statutEvaluation = element.attribute("statut-evaluation-eleve")
          acquis.nonNote = Values.bool(element.attribute("eleve-non-note")) ?? false
          bilan.acquis.append(acquis)
        }
        try emit(.gradebookBilan(bilan))
      default:
        let millesime = node.attribute("millesime")
        try start(year: millesime, line: node.line)
        var bilan = GradebookCycleBilan(
          pupilRef: try node.requiredAttribute("eleve-ref", file: file), cycle: node.attribute("cycle"),
          millesime: millesime, domains: 0, hasSynthesis: node.value("synthese") != nil, line: node.line)
        for domain in node.descendants("socle", "domaine") {
          bilan.domains += 1
          if let code = domain.attribute("code") { bilan.socle[code] = domain.attribute("positionnement") ?? "" }
        }
        if let complement = node.child("enseignement-complement") {
          bilan.complementCode = complement.attribute("code")
          bilan.complementPositionnement = complement.attribute("positionnement")
        }
        try emit(.gradebookCycleBilan(bilan))
      }
    }
    if !started {
      guard sawEntete else {
        throw ImporterError.missingParameters(
          file: file, line: context.reader.currentLine, missing: "l'en-tête <entete> (établissement)")
      }
      throw ImporterError.missingParameters(
        file: file, line: context.reader.currentLine,
        missing: "l'année scolaire (aucune période <periode millesime=…> ni bilan de cycle)")
    }
  }
}
