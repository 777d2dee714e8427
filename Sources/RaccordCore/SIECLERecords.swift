// What SIECLE's pupil export holds: pupils, their options and their structures.

/// A pupil of the SIECLE export. Addresses, birth data and INE are never kept.
public struct EleveRecord: Sendable, Hashable, Codable {
  public var id: String
  public var elenoet: String?
  public var nom: String?
  public var nomUsage: String?
  public var prenom: String?
  public var sexe: String?
  public var mef: String?
  public var statut: String?
  public var dateEntree: String?
  public var dateSortie: String?
  public var motifSortie: String?
  public var line: Int?

  public init(id: String, line: Int? = nil) {
    self.id = id
    self.line = line
  }
}

public struct EleveOptionRecord: Sendable, Hashable, Codable {
  public var eleveId: String
  public var rang: Int?
  public var modalite: String?
  public var matiere: String
  public var line: Int?

  public init(eleveId: String, rang: Int?, modalite: String?, matiere: String, line: Int? = nil) {
    self.eleveId = eleveId
    self.rang = rang
    self.modalite = modalite
    self.matiere = matiere
    self.line = line
  }
}

public struct EleveStructureRecord: Sendable, Hashable, Codable {
  public var eleveId: String
  public var structureCode: String
  public var kind: StructureRecord.Kind
  public var line: Int?

  public init(eleveId: String, structureCode: String, kind: StructureRecord.Kind, line: Int? = nil) {
    self.eleveId = eleveId
    self.structureCode = structureCode
    self.kind = kind
    self.line = line
  }
}
