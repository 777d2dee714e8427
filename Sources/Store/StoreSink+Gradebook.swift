// The rows of a gradebook (LSU file or CSV services).

import GRDB
import RaccordCore

extension StoreSink {
  func insert(_ d: GradebookDiscipline, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO gb_discipline (source_file_id, uai, year, line, discipline_id, code, code_national, modalite,
        libelle) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """, file.source, file.uai, file.year, d.line, d.id, d.code, d.codeNational, d.modalite, d.libelle)
  }

  func insert(_ t: GradebookTeacher, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO gb_teacher (source_file_id, uai, year, line, teacher_id, type, id_sts, civilite, nom, prenom)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """, file.source, file.uai, file.year, t.line, t.id, t.type, t.idSTS, t.civilite, t.nom, t.prenom)
  }

  func insert(_ p: GradebookPupil, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO gb_pupil (source_file_id, uai, year, line, pupil_id, id_be, nom, prenom, code_division)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """, file.source, file.uai, file.year, p.line, p.id, p.idBE, p.nom, p.prenom, p.codeDivision)
  }

  func insert(_ p: GradebookPeriod, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO gb_period (source_file_id, uai, year, line, period_id, millesime, indice, nb_periodes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """, file.source, file.uai, file.year, p.line, p.id, p.millesime, p.indice, p.nbPeriodes)
  }

  func insert(_ b: GradebookBilan, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO gb_bilan (source_file_id, uai, year, line, pupil_ref, period_ref, date_conseil, date_scolarite,
        prof_princ_refs, has_council_appraisal, has_school_life) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, b.line, b.pupilRef, b.periodRef, b.dateConseil, b.dateScolarite,
      b.profPrincRefs.joined(separator: " "), b.hasCouncilAppraisal, b.hasSchoolLife)
    let owner = lastInsertedRowID
    for a in b.acquis {
      try run(
        """
        INSERT INTO gb_acquis (bilan_id, line, discipline_ref, teacher_refs, element_programme_refs, has_appraisal,
          moyenne, positionnement, statut_evaluation, non_note, moyenne_structure)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        owner, a.line, a.disciplineRef, a.teacherRefs.joined(separator: " "),
        a.elementProgrammeRefs.joined(separator: " "), a.hasAppraisal, a.moyenne, a.positionnement, a.statutEvaluation,
        a.nonNote, a.moyenneStructure)
    }
  }

  func insert(_ c: GradebookCycleBilan, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO gb_cycle_bilan (source_file_id, uai, year, line, pupil_ref, cycle, millesime, domains,
        has_synthesis, socle, complement_code, complement_positionnement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, c.line, c.pupilRef, c.cycle, c.millesime, c.domains, c.hasSynthesis,
      c.socleText, c.complementCode, c.complementPositionnement)
  }

  func insert(_ g: GradebookService, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO gb_service (source_file_id, uai, year, line, structure, subject_label, subject_code, teacher_nom,
        teacher_prenom, teacher_sts_id, co_teaching) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, g.line, g.structure, g.subjectLabel, g.subjectCode, g.teacherNom,
      g.teacherPrenom, g.teacherSTSId, g.coTeaching)
  }
}
