/// The kinds of file Raccord imports.
public enum FileKind: String, Sendable, Codable, CaseIterable {
  /// SIECLE `Nomenclature.xml` (root `BEE_NOMENCLATURES`).
  case siecleNomenclature = "siecle-nomenclature"
  /// SIECLE `ElevesSansAdresses.xml` / `ElevesAvecAdresses.xml` (root `BEE_ELEVES`).
  case siecleEleves = "siecle-eleves"
  /// SIECLE `Structures.xml` (root `BEE_STRUCTURES`).
  case siecleStructures = "siecle-structures"
  /// STS Web `sts_emp_<UAI>_<année>.xml` (root `STS_EDT`).
  case stsEmp = "sts-emp"
  /// The gradebook's LSU file (root `lsun-bilans`).
  case lsuBilans = "lsu-bilans"
  /// A gradebook's services, as CSV.
  case gradebookServices = "services-csv"

  /// How the file is named to users.
  public var frenchName: String {
    switch self {
    case .siecleNomenclature: "nomenclature SIECLE"
    case .siecleEleves: "élèves SIECLE"
    case .siecleStructures: "structures SIECLE"
    case .stsEmp: "export STS Web (emploi du temps)"
    case .lsuBilans: "fichier LSU du logiciel de notes"
    case .gradebookServices: "services du logiciel de notes (CSV)"
    }
  }
}

/// What a file says about itself in its `PARAMETRES`.
public struct FileHeader: Sendable, Hashable, Codable {
  public var kind: FileKind
  public var uai: UAI
  public var year: SchoolYear
  /// The export time written in the file, ISO 8601 (`2019-07-08T17:46:24`), when there is one.
  public var exportedAt: String?
  /// The root's `VERSION` attribute, when there is one.
  public var version: String?
  /// The school's name, when the file gives it (STS Web).
  public var schoolName: String?

  public init(
    kind: FileKind, uai: UAI, year: SchoolYear, exportedAt: String? = nil, version: String? = nil,
    schoolName: String? = nil
  ) {
    self.kind = kind
    self.uai = uai
    self.year = year
    self.exportedAt = exportedAt
    self.version = version
    self.schoolName = schoolName
  }
}
