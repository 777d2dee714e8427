// The rows of SIECLE's pupil export.

import GRDB
import RaccordCore

extension StoreSink {
  func insert(_ e: EleveRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO eleve (source_file_id, uai, year, line, eleve_id, elenoet, nom, nom_usage, prenom, sexe,
        mef_code, statut, date_entree, date_sortie, motif_sortie) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, e.line, e.id, e.elenoet, e.nom, e.nomUsage, e.prenom, e.sexe, e.mef, e.statut,
      e.dateEntree, e.dateSortie, e.motifSortie)
  }

  func insert(_ o: EleveOptionRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO eleve_option (source_file_id, uai, year, line, eleve_id, rang, modalite, matiere_code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """, file.source, file.uai, file.year, o.line, o.eleveId, o.rang, o.modalite, o.matiere)
  }

  func insert(_ s: EleveStructureRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO eleve_structure (source_file_id, uai, year, line, eleve_id, structure_code, kind)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """, file.source, file.uai, file.year, s.line, s.eleveId, s.structureCode, s.kind.rawValue)
  }
}
