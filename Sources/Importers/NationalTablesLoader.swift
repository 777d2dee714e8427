import Crypto
import Foundation
import RaccordCore

/// Reads the national BCN tables shipped in `Nomenclatures/national/`.
public enum NationalTablesLoader {
  public static let matieresFile = "national/matieres.csv"
  public static let mefsFile = "national/mefs.csv"

  /// - Parameter nomenclatures: the `Nomenclatures` folder.
  /// - Throws: ``ImporterError/badTable(file:line:detail:)`` when a table is missing or malformed.
  public static func load(from nomenclatures: URL) throws -> NationalTables {
    let (matieresData, mefsData) = try bytes(in: nomenclatures)
    let fingerprint = fingerprint(matieresData, mefsData)
    let matieresTable = try table(matieresData, name: matieresFile)
    let mefsTable = try table(mefsData, name: mefsFile)

    let m = try columns(matieresTable, file: matieresFile, required: ["code", "code_gestion", "libelle_long"])
    var matieres: [NationalMatiere] = []
    for row in matieresTable.rows {
      let code = m.value(row.fields, "code") ?? ""
      guard code.count == 6 else {
        throw ImporterError.badTable(
          file: matieresFile, line: row.line, detail: "code matière « \(code) » sur 6 caractères attendu")
      }
      var matiere = NationalMatiere(code: code)
      matiere.codeGestion = m.value(row.fields, "code_gestion")
      matiere.libelleCourt = m.value(row.fields, "libelle_court")
      matiere.libelleLong = m.value(row.fields, "libelle_long")
      matiere.libelleEdition = m.value(row.fields, "libelle_edition")
      matiere.dateOuverture = m.value(row.fields, "date_ouverture")
      matiere.dateFermeture = m.value(row.fields, "date_fermeture")
      matieres.append(matiere)
    }

    let f = try columns(mefsTable, file: mefsFile, required: ["code_mef", "code_bcn", "libelle_long"])
    var mefs: [NationalMEF] = []
    for row in mefsTable.rows {
      let code = f.value(row.fields, "code_mef") ?? ""
      guard code.count == 11, let bcn = f.value(row.fields, "code_bcn") else {
        throw ImporterError.badTable(
          file: mefsFile, line: row.line, detail: "code MEF « \(code) » sur 11 caractères attendu")
      }
      var mef = NationalMEF(code: code, codeBCN: bcn)
      mef.dispositifFormation = f.value(row.fields, "dispositif_formation")
      mef.formationDiplome = f.value(row.fields, "formation_diplome")
      mef.libelleCourt = f.value(row.fields, "libelle_court")
      mef.libelleLong = f.value(row.fields, "libelle_long")
      mef.libelleEdition = f.value(row.fields, "libelle_edition")
      mef.mefStat11 = f.value(row.fields, "mef_stat_11")
      mef.dateOuverture = f.value(row.fields, "date_ouverture")
      mef.dateFermeture = f.value(row.fields, "date_fermeture")
      mef.nbOptionsObligatoires = f.value(row.fields, "nb_options_obligatoires").flatMap { Int($0) }
      mefs.append(mef)
    }
    return NationalTables(matieres: matieres, mefs: mefs, fingerprint: fingerprint)
  }

  /// A hash of the tables' bytes: cheap, so that unchanged tables are not parsed again.
  public static func fingerprint(of nomenclatures: URL) throws -> String {
    let (matieres, mefs) = try bytes(in: nomenclatures)
    return fingerprint(matieres, mefs)
  }

  private static func fingerprint(_ matieres: Data, _ mefs: Data) -> String {
    var hasher = SHA256()
    hasher.update(data: matieres)
    hasher.update(data: mefs)
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }

  private static func bytes(in nomenclatures: URL) throws -> (Data, Data) {
    var result: [Data] = []
    for name in [matieresFile, mefsFile] {
      let url = nomenclatures.appendingPathComponent(name)
      guard let data = try? Data(contentsOf: url) else {
        throw ImporterError.badTable(file: name, line: 0, detail: "table introuvable dans \(nomenclatures.path)")
      }
      result.append(data)
    }
    return (result[0], result[1])
  }

  private static func table(_ data: Data, name: String) throws -> CSVTable {
    guard let text = String(data: data, encoding: .utf8) else {
      throw ImporterError.badTable(file: name, line: 0, detail: "la table n'est pas en UTF-8")
    }
    return CSVTable(text: text, separator: ",")
  }

  /// The columns of a BCN table, by name, after checking that `required` are present.
  private static func columns(
    _ table: CSVTable, file: String, required: [String]
  ) throws -> CSVTable.Columns<String> {
    var positions: [String: Int] = [:]
    for (position, name) in table.header.enumerated() { positions[name] = position }
    for name in required where positions[name] == nil {
      throw ImporterError.badTable(file: file, line: 1, detail: "la colonne « \(name) » manque")
    }
    return CSVTable.Columns(positions)
  }
}
