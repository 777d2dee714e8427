// The rows of a nomenclature: MEF, matières, programme, options obligatoires, modalités.

import GRDB
import RaccordCore

extension StoreSink {
  func insert(_ m: MEFRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO mef (source_file_id, uai, year, line, code, formation, libelle_long, libelle_edition, mef_stat,
        rattachement, nb_options_obligatoires, selected, date_ouverture, date_fermeture)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, m.line, m.code, m.formation, m.libelleLong, m.libelleEdition, m.mefStat,
      m.rattachement, m.nbOptionsObligatoires, m.selected, m.dateOuverture, m.dateFermeture)
  }

  func insert(_ m: MatiereRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO matiere (source_file_id, uai, year, line, code, code_gestion, libelle_court, libelle_long,
        libelle_edition, code_national) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, m.line, m.code, m.codeGestion, m.libelleCourt, m.libelleLong, m.libelleEdition,
      m.codeNational)
  }

  func insert(_ p: ProgrammeRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO programme (source_file_id, uai, year, line, mef_code, matiere_code, modalite, horaire)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """, file.source, file.uai, file.year, p.line, p.mef, p.matiere, p.modalite, p.horaire)
  }

  func insert(_ o: OptionObligatoireRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO option_obligatoire (source_file_id, uai, year, line, mef_code, matiere_code, rang)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """, file.source, file.uai, file.year, o.line, o.mef, o.matiere, o.rang)
  }

  func insert(_ m: ModaliteRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO modalite (source_file_id, uai, year, line, kind, code, libelle_court, libelle_long,
        co_enseignement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, m.line, m.kind.rawValue, m.code, m.libelleCourt, m.libelleLong, m.coEnseignement
    )
  }
}
