// The rows of an STS Web export: people with their disciplines, structures, services with their teachers.

import GRDB
import RaccordCore

extension StoreSink {
  func insert(_ i: IndividuRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO individu (source_file_id, uai, year, line, sts_id, list, type, sexe, civilite, nom_usage,
        nom_patronymique, prenom, grade, fonction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, i.line, i.id, i.list.rawValue, i.type, i.sexe, i.civilite, i.nomUsage,
      i.nomPatronymique, i.prenom, i.grade, i.fonction)
    let owner = lastInsertedRowID
    for d in i.disciplines {
      try run(
        "INSERT INTO individu_discipline (individu_id, code, libelle_court, nb_heures) VALUES (?, ?, ?, ?)",
        owner, d.code, d.libelleCourt, d.nbHeures)
    }
    for code in i.profPrincipal {
      try run("INSERT INTO prof_principal (individu_id, structure_code) VALUES (?, ?)", owner, code)
    }
  }

  func insert(_ s: StructureRecord, of file: FileColumns) throws {
    try run(
      "INSERT INTO structure (source_file_id, uai, year, line, code, kind, libelle) VALUES (?, ?, ?, ?, ?, ?, ?)",
      file.source, file.uai, file.year, s.line, s.code, s.kind.rawValue, s.libelle)
    let owner = lastInsertedRowID
    for code in s.mefs {
      try run(
        "INSERT INTO structure_mef (structure_id, mef_code) VALUES (?, ?)",
        owner, code)
    }
    for code in s.divisions {
      try run("INSERT INTO structure_division (structure_id, division_code) VALUES (?, ?)", owner, code)
    }
  }

  func insert(_ s: ServiceRecord, of file: FileColumns) throws {
    try run(
      """
      INSERT INTO service (source_file_id, uai, year, line, structure_code, structure_kind, matiere_code,
        modalite_cours, heures, co_enseignement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      file.source, file.uai, file.year, s.line, s.structureCode, s.structureKind.rawValue, s.matiere, s.modaliteCours,
      s.heures, s.coEnseignement)
    let owner = lastInsertedRowID
    for (position, teacher) in s.teachers.enumerated() {
      try run(
        "INSERT INTO service_teacher (service_id, position, sts_id, type, heures) VALUES (?, ?, ?, ?, ?)",
        owner, position, teacher.id, teacher.type, teacher.heures)
    }
  }
}
