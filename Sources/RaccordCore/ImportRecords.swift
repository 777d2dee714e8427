/// One imported row, as importers emit them.
public enum ImportRecord: Sendable, Hashable {
  case mef(MEFRecord)
  case matiere(MatiereRecord)
  case programme(ProgrammeRecord)
  case optionObligatoire(OptionObligatoireRecord)
  case modalite(ModaliteRecord)
  case individu(IndividuRecord)
  case structure(StructureRecord)
  case service(ServiceRecord)
  case eleve(EleveRecord)
  case eleveOption(EleveOptionRecord)
  case eleveStructure(EleveStructureRecord)
  case gradebookDiscipline(GradebookDiscipline)
  case gradebookTeacher(GradebookTeacher)
  case gradebookPupil(GradebookPupil)
  case gradebookPeriod(GradebookPeriod)
  case gradebookBilan(GradebookBilan)
  case gradebookCycleBilan(GradebookCycleBilan)
  case gradebookService(GradebookService)

  /// The key under which the record is counted in a file's summary.
  public var countKey: String {
    switch self {
    case .mef: "mef"
    case .matiere: "matiere"
    case .programme: "programme"
    case .optionObligatoire: "option_obligatoire"
    case .modalite(let m): m.kind == .election ? "modalite_election" : "modalite_cours"
    case .individu(let i): i.list == .individu ? "individu" : "suppleant"
    case .structure(let s): s.kind == .division ? "division" : "groupe"
    case .service: "service"
    case .eleve: "eleve"
    case .eleveOption: "option_eleve"
    case .eleveStructure: "structure_eleve"
    case .gradebookDiscipline: "discipline"
    case .gradebookTeacher: "enseignant"
    case .gradebookPupil: "eleve_lsu"
    case .gradebookPeriod: "periode"
    case .gradebookBilan: "bilan_periodique"
    case .gradebookCycleBilan: "bilan_cycle"
    case .gradebookService: "service_notes"
    }
  }

  /// French labels for count keys, in display order.
  public static let countLabels: [(key: String, label: String)] = [
    ("mef", "MEF"),
    ("matiere", "matières"),
    ("programme", "lignes de programme"),
    ("option_obligatoire", "options obligatoires"),
    ("modalite_election", "modalités d'élection"),
    ("modalite_cours", "modalités de cours"),
    ("individu", "individus"),
    ("suppleant", "suppléants"),
    ("division", "divisions"),
    ("groupe", "groupes"),
    ("service", "services"),
    ("eleve", "élèves"),
    ("option_eleve", "options d'élèves"),
    ("structure_eleve", "rattachements d'élèves"),
    ("discipline", "disciplines"),
    ("enseignant", "enseignants"),
    ("eleve_lsu", "élèves"),
    ("periode", "périodes"),
    ("bilan_periodique", "bilans périodiques"),
    ("bilan_cycle", "bilans de cycle"),
    ("service_notes", "services"),
  ]
}

/// Receives what an importer reads, in file order.
public protocol ImportSink: AnyObject {
  /// Called once, when the file's `PARAMETRES` have been read, before any record.
  func begin(_ header: FileHeader) throws
  func add(_ record: ImportRecord) throws
}
