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
    let matieresURL = nomenclatures.appendingPathComponent(matieresFile)
    let mefsURL = nomenclatures.appendingPathComponent(mefsFile)
    let (matieresTable, matieresData) = try table(matieresURL, name: matieresFile)
    let (mefsTable, mefsData) = try table(mefsURL, name: mefsFile)
    var hasher = SHA256()
    hasher.update(data: matieresData)
    hasher.update(data: mefsData)
    let fingerprint = hasher.finalize().map { String(format: "%02x", $0) }.joined()

    let m = try Columns(matieresTable, file: matieresFile, required: ["code", "code_gestion", "libelle_long"])
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

    let f = try Columns(mefsTable, file: mefsFile, required: ["code_mef", "code_bcn", "libelle_long"])
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

  private static func table(_ url: URL, name: String) throws -> (CSVTable, Data) {
    guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
      throw ImporterError.badTable(
        file: name, line: 0, detail: "table introuvable ou illisible dans \(url.deletingLastPathComponent().path)")
    }
    return (CSVTable(text: text, separator: ","), data)
  }

  /// Finds columns by name in a header.
  struct Columns {
    let index: [String: Int]

    init(_ table: CSVTable, file: String, required: [String]) throws {
      var index: [String: Int] = [:]
      for (position, name) in table.header.enumerated() { index[name] = position }
      for name in required where index[name] == nil {
        throw ImporterError.badTable(file: file, line: 1, detail: "la colonne « \(name) » manque")
      }
      self.index = index
    }

    func value(_ fields: [String], _ name: String) -> String? {
      guard let position = index[name], position < fields.count else { return nil }
      let value = fields[position].trimmingCharacters(in: .whitespaces)
      return value.isEmpty ? nil : value
    }
  }
}
