import Foundation
import RaccordCore
import XMLStreaming

/// Imports a gradebook's services as CSV: one row per (division or group, subject, teacher).
/// `;` or `,`, UTF-8 (with or without BOM) or Windows-1252, a header row. The file says nothing
/// of its school and year: the caller gives them.
public enum ServicesCSVImporter {
  /// A column the importer knows, with the header names it accepts (compared without case,
  /// accents, spaces or punctuation).
  enum Column: String, CaseIterable {
    case structure, subjectLabel, subjectCode, nom, prenom, stsId, coTeaching

    var names: [String] {
      switch self {
      case .structure: ["classegroupe", "classeougroupe", "classe", "groupe", "division", "structure"]
      case .subjectLabel: ["matiere", "libellematiere", "discipline", "libelle"]
      case .subjectCode: ["codematiere", "code", "codesiecle"]
      case .nom: ["nom", "nomenseignant", "professeur", "enseignant"]
      case .prenom: ["prenom", "prenomenseignant"]
      case .stsId: ["identifiantsts", "idsts", "sts", "numerosts"]
      case .coTeaching: ["coenseignement", "coens"]
      }
    }

    var frenchName: String {
      switch self {
      case .structure: "Classe/Groupe"
      case .subjectLabel: "Matière"
      case .subjectCode: "Code matière"
      case .nom: "Nom"
      case .prenom: "Prénom"
      case .stsId: "Identifiant STS"
      case .coTeaching: "Co-enseignement"
      }
    }

    static let required: [Column] = [.structure, .subjectLabel, .nom]
  }

  /// Reads `file` into `sink`, after calling `sink.begin` with `header`.
  /// - Throws: ``ImporterError/badTable(file:line:detail:)`` for an unreadable encoding, an unknown
  ///   or missing column, or a row without division or subject.
  public static func run(
    _ file: ImportableFile, header: FileHeader, into sink: any ImportSink
  ) throws -> ImportOutcome {
    let data: Data
    do {
      data = try Data(contentsOf: file.url)
    } catch {
      throw ImporterError.xml(.unreadable(file: file.displayName, reason: "le fichier est illisible"))
    }
    if data.isEmpty { throw ImporterError.xml(.empty(file: file.displayName)) }
    guard let text = decode(data) else {
      throw ImporterError.badTable(
        file: file.displayName, line: 1,
        detail:
          "encodage illisible : enregistrez le fichier en UTF-8 ou en Windows-1252 (« CSV (séparateur : point-virgule) » d'Excel)"
      )
    }
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
    let separator: Character =
      firstLine.filter { $0 == ";" }.count >= firstLine.filter { $0 == "," }.count ? ";" : ","
    if !firstLine.contains(separator), let other = firstLine.first(where: { $0 == "\t" || $0 == "|" }) {
      throw ImporterError.badTable(
        file: file.displayName, line: 1,
        detail: "les colonnes sont séparées par « \(other == "\t" ? "tabulation" : "|") », pas par « ; » ni « , » : "
          + "enregistrez le fichier en « CSV (séparateur : point-virgule) » depuis le tableur")
    }
    let table = CSVTable(text: text, separator: separator)
    var index: [Column: Int] = [:]
    for (position, name) in table.header.enumerated() {
      let key = fold(name)
      if key.isEmpty { continue }
      guard let column = Column.allCases.first(where: { $0.names.contains(key) }) else {
        throw ImporterError.badTable(
          file: file.displayName, line: 1,
          detail: "colonne « \(name) » inconnue ; colonnes attendues : "
            + Column.allCases.map(\.frenchName).joined(separator: ", "))
      }
      index[column] = position
    }
    for column in Column.required where index[column] == nil {
      throw ImporterError.badTable(
        file: file.displayName, line: 1, detail: "la colonne obligatoire « \(column.frenchName) » manque")
    }
    let columns = CSVTable.Columns(index)
    func value(_ fields: [String], _ column: Column) -> String? { columns.value(fields, column) }

    try sink.begin(header)
    var count = 0
    for row in table.rows {
      guard let structure = value(row.fields, .structure), let label = value(row.fields, .subjectLabel) else {
        throw ImporterError.badTable(
          file: file.displayName, line: row.line, detail: "la classe ou le groupe, ou la matière, manque")
      }
      var service = GradebookService(structure: structure, subjectLabel: label, line: row.line)
      service.subjectCode = value(row.fields, .subjectCode).map {
        $0.count < 6 && $0.allSatisfy(\.isNumber) ? String(repeating: "0", count: 6 - $0.count) + $0 : $0
      }
      service.teacherNom = value(row.fields, .nom)
      service.teacherPrenom = value(row.fields, .prenom)
      service.teacherSTSId = value(row.fields, .stsId)
      service.coTeaching = value(row.fields, .coTeaching).flatMap { Values.bool($0) }
      try sink.add(.gradebookService(service))
      count += 1
    }
    return ImportOutcome(header: header, counts: ["service_notes": count])
  }

  /// UTF-8 (a BOM is dropped by the CSV reader), else Windows-1252. UTF-16 and binary files
  /// (NUL bytes) are refused.
  static func decode(_ data: Data) -> String? {
    if data.contains(0) { return nil }
    if let text = String(data: data, encoding: .utf8) { return text }
    return String(data: data, encoding: .windowsCP1252)
  }

  /// Lower case, no accents, letters and digits only: how header names are compared.
  static func fold(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
  }
}
