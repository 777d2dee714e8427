import RaccordCore

/// What every bilan périodique must hold (PRONOTE's blocking list), one check each.
enum Completeness {
  static func pupil(_ input: CheckInput, _ index: CheckIndex, _ bilan: GradebookBilan) -> (String, String?, String?) {
    let pupil = index.pupils[bilan.pupilRef]
    let name = [pupil?.nom, pupil?.prenom].compactMap { $0 }.joined(separator: " ")
    return ("\(name.isEmpty ? bilan.pupilRef : name) (\(pupil?.codeDivision ?? "?"))", pupil?.idBE, pupil?.codeDivision)
  }

  static func report(
    _ check: any Check.Type, _ input: CheckInput, _ index: CheckIndex, _ bilan: GradebookBilan, line: Int?,
    subject: String? = nil, _ message: (String) -> String, report: (Finding) -> Void
  ) {
    let (who, id, division) = pupil(input, index, bilan)
    var finding = input.finding(check, message(who))
    finding.pupilId = id
    finding.division = division
    finding.subjectCode = subject
    finding.file = input.lsuFile
    finding.line = line
    report(finding)
  }
}

public enum CouncilDateMissing: Check {
  public static let id = "council-date-missing"
  public static let title = "Date du conseil de classe manquante"
  public static let rationale = "LSU exige la date du conseil de classe pour chaque bilan périodique."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans where bilan.dateConseil == nil {
      Completeness.report(
        Self.self, input, index, bilan, line: bilan.line,
        { "Le bilan de \($0) n'a pas de date de conseil de classe : saisissez-la dans le logiciel de notes." },
        report: report)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un bilan sans date de conseil est signalé", input: CheckFixture.input { $0.data.bilans[0].dateConseil = nil },
        expected: 1),
      CheckExample("un bilan daté ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}

public enum CouncilAppraisalMissing: Check {
  public static let id = "council-appraisal-missing"
  public static let title = "Appréciation du conseil manquante"
  public static let rationale =
    "L'appréciation générale du conseil de classe est obligatoire dans chaque bilan périodique."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans where !bilan.hasCouncilAppraisal {
      Completeness.report(
        Self.self, input, index, bilan, line: bilan.line,
        {
          "Le bilan de \($0) n'a pas d'appréciation générale du conseil de classe : saisissez-la dans le logiciel de notes."
        }, report: report)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un bilan sans appréciation générale est signalé",
        input: CheckFixture.input { $0.data.bilans[0].hasCouncilAppraisal = false }, expected: 1),
      CheckExample("un bilan complet ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}

public enum SchoolLifeMissing: Check {
  public static let id = "school-life-missing"
  public static let title = "Vie scolaire manquante"
  public static let rationale =
    "Absences justifiées, injustifiées et retards sont obligatoires dans chaque bilan périodique."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans where !bilan.hasSchoolLife {
      Completeness.report(
        Self.self, input, index, bilan, line: bilan.line,
        {
          "Le bilan de \($0) n'a pas de vie scolaire (absences et retards) : vérifiez la vie scolaire dans le logiciel de notes."
        }, report: report)
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "un bilan sans vie scolaire est signalé", input: CheckFixture.input { $0.data.bilans[0].hasSchoolLife = false },
        expected: 1),
      CheckExample("un bilan complet ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}

public enum AppraisalMissing: Check {
  public static let id = "appraisal-missing"
  public static let title = "Appréciation manquante"
  public static let rationale =
    "Chaque matière évaluée doit avoir une appréciation sur les acquis, les progrès et les difficultés."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans {
      for acquis in bilan.acquis where !acquis.hasAppraisal && acquis.statutEvaluation == nil && !acquis.nonNote {
        let subject = index.effectiveCode[acquis.disciplineRef]
        let label = index.disciplines[acquis.disciplineRef]?.libelle ?? acquis.disciplineRef
        Completeness.report(
          Self.self, input, index, bilan, line: acquis.line, subject: subject,
          {
            "Le bilan de \($0) n'a pas d'appréciation en \(label) : l'enseignant doit la saisir dans le logiciel de notes."
          }, report: report)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une matière sans appréciation est signalée",
        input: CheckFixture.input { $0.data.bilans[0].acquis[0].hasAppraisal = false }, expected: 1),
      CheckExample(
        "une matière « non noté » ne l'est pas",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[0].hasAppraisal = false; $0.data.bilans[0].acquis[0].statutEvaluation = "1"
        }, expected: 0),
    ]
  }
}

public enum GradeOrPositioningMissing: Check {
  public static let id = "grade-or-positioning-missing"
  public static let title = "Note ou positionnement manquant"
  public static let rationale =
    "Chaque matière évaluée doit avoir une moyenne ou un positionnement, ou un statut (non noté, dispensé)."
  public static let severity = FindingSeverity.blocking
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans {
      for acquis in bilan.acquis
      where acquis.moyenne == nil && acquis.positionnement == nil && acquis.statutEvaluation == nil && !acquis.nonNote {
        let label = index.disciplines[acquis.disciplineRef]?.libelle ?? acquis.disciplineRef
        Completeness.report(
          Self.self, input, index, bilan, line: acquis.line, subject: index.effectiveCode[acquis.disciplineRef],
          {
            "Le bilan de \($0) n'a ni moyenne, ni positionnement, ni statut en \(label) : saisissez-les dans le logiciel de notes."
          }, report: report)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une matière sans note ni positionnement est signalée",
        input: CheckFixture.input { $0.data.bilans[0].acquis[1].moyenne = nil }, expected: 1),
      CheckExample(
        "un positionnement suffit",
        input: CheckFixture.input {
          $0.data.bilans[0].acquis[1].moyenne = nil; $0.data.bilans[0].acquis[1].positionnement = "3"
        }, expected: 0),
    ]
  }
}

public enum ProgrammeElementsMissing: Check {
  public static let id = "programme-elements-missing"
  public static let title = "Éléments de programme absents"
  public static let rationale =
    "Les éléments de programme travaillés sont attendus dans le bilan, sans bloquer l'import LSU."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.gradebook

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    for bilan in input.data.bilans {
      for acquis in bilan.acquis
      where acquis.elementProgrammeRefs.isEmpty && acquis.statutEvaluation == nil && !acquis.nonNote {
        let label = index.disciplines[acquis.disciplineRef]?.libelle ?? acquis.disciplineRef
        Completeness.report(
          Self.self, input, index, bilan, line: acquis.line, subject: index.effectiveCode[acquis.disciplineRef],
          { "Le bilan de \($0) n'indique pas d'éléments de programme en \(label) (non bloquant)." }, report: report)
      }
    }
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "une matière sans éléments de programme est signalée",
        input: CheckFixture.input { $0.data.bilans[0].acquis[0].elementProgrammeRefs = [] }, expected: 1),
      CheckExample("avec éléments de programme, rien", input: CheckFixture.input(), expected: 0),
    ]
  }
}
