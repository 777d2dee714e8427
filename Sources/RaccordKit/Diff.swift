import Foundation
import RaccordCore
import Store

/// What changed between two nomenclatures.
public struct NomenclatureDiff: Sendable {
  public struct Relabel: Sendable, Hashable {
    public var code: String
    public var old: String
    public var new: String
  }

  public struct HoursChange: Sendable, Hashable {
    public var key: ProgrammeKey
    public var old: String
    public var new: String
  }

  public var fromLabel: String
  public var toLabel: String
  public var openedMatieres: [CodeEntry] = []
  public var closedMatieres: [CodeEntry] = []
  public var relabelledMatieres: [Relabel] = []
  public var openedMEFs: [CodeEntry] = []
  public var closedMEFs: [CodeEntry] = []
  public var relabelledMEFs: [Relabel] = []
  public var programmeAdded: [ProgrammeKey] = []
  public var programmeRemoved: [ProgrammeKey] = []
  public var hoursChanged: [HoursChange] = []
  /// Labels to name codes in the text.
  var matiereLabels: [String: String] = [:]
  var mefLabels: [String: String] = [:]
  var addedHours: [ProgrammeKey: String] = [:]

  public var isEmpty: Bool {
    openedMatieres.isEmpty && closedMatieres.isEmpty && relabelledMatieres.isEmpty && openedMEFs.isEmpty
      && closedMEFs.isEmpty && relabelledMEFs.isEmpty && programmeAdded.isEmpty && programmeRemoved.isEmpty
      && hoursChanged.isEmpty
  }

  /// Compares two snapshots.
  public init(from old: NomenclatureSnapshot, to new: NomenclatureSnapshot, fromLabel: String, toLabel: String) {
    self.fromLabel = fromLabel
    self.toLabel = toLabel
    for (code, entry) in old.matieres { matiereLabels[code] = entry.label }
    for (code, entry) in new.matieres { matiereLabels[code] = entry.label }
    for (code, entry) in old.mefs { mefLabels[code] = entry.label }
    for (code, entry) in new.mefs { mefLabels[code] = entry.label }
    (openedMatieres, closedMatieres, relabelledMatieres) = Self.compare(old.matieres, new.matieres)
    (openedMEFs, closedMEFs, relabelledMEFs) = Self.compare(old.mefs, new.mefs)
    // A MEF still listed but now carrying a closing date counts as closed.
    for (code, entry) in new.mefs where entry.dateFermeture != nil && old.mefs[code]?.dateFermeture == nil {
      if old.mefs[code] != nil { closedMEFs.append(entry) }
    }
    closedMEFs.sort { $0.code < $1.code }
    programmeAdded = new.programme.keys.filter { old.programme[$0] == nil }.sorted()
    programmeRemoved = old.programme.keys.filter { new.programme[$0] == nil }.sorted()
    hoursChanged = new.programme.compactMap { key, hours in
      guard let before = old.programme[key], before != hours else { return nil }
      return HoursChange(key: key, old: before, new: hours)
    }.sorted { $0.key < $1.key }
    addedHours = new.programme
  }

  static func compare(_ old: [String: CodeEntry], _ new: [String: CodeEntry]) -> (
    [CodeEntry], [CodeEntry], [Relabel]
  ) {
    let opened = new.values.filter { old[$0.code] == nil }.sorted { $0.code < $1.code }
    let closed = old.values.filter { new[$0.code] == nil }.sorted { $0.code < $1.code }
    let relabelled = new.values.compactMap { entry -> Relabel? in
      guard let before = old[entry.code], let was = before.label, let now = entry.label, was != now else { return nil }
      return Relabel(code: entry.code, old: was, new: now)
    }.sorted { $0.code < $1.code }
    return (opened, closed, relabelled)
  }

  /// The differences as French text.
  public func text() -> String {
    var lines = ["Différences entre \(fromLabel) et \(toLabel)"]
    if isEmpty {
      lines.append("Aucune différence de matières, de MEF ni de programmes.")
      return lines.joined(separator: "\n")
    }
    func section(_ title: String, _ items: [String]) {
      guard !items.isEmpty else { return }
      lines.append("")
      lines.append("\(title) (\(items.count)) :")
      lines.append(contentsOf: items.map { "  \($0)" })
    }
    func named(_ entry: CodeEntry) -> String { "\(entry.code) \(entry.label ?? "")".trimmingWhitespace() }
    section("Matières ajoutées", openedMatieres.map { "+ \(named($0))" })
    section("Matières retirées ou fermées", closedMatieres.map { "- \(named($0))" })
    section("Matières renommées", relabelledMatieres.map { "~ \($0.code) : « \($0.old) » devient « \($0.new) »" })
    section("MEF ajoutés", openedMEFs.map { "+ \(named($0))" })
    section(
      "MEF retirés ou fermés",
      closedMEFs.map {
        "- \(named($0))" + ($0.dateFermeture.map { " (fermé le \(FrenchDate.text($0)))" } ?? "")
      })
    section("MEF renommés", relabelledMEFs.map { "~ \($0.code) : « \($0.old) » devient « \($0.new) »" })
    section("Lignes de programme ajoutées", programmeAdded.map { "+ " + describe($0, hours: addedHours[$0]) })
    section("Lignes de programme retirées", programmeRemoved.map { "- " + describe($0, hours: nil) })
    section(
      "Horaires modifiés",
      hoursChanged.map { "~ " + describe($0.key, hours: nil) + " : \($0.old) h → \($0.new) h" })
    return lines.joined(separator: "\n")
  }

  private func describe(_ key: ProgrammeKey, hours: String?) -> String {
    let mef = mefLabels[key.mef].map { "\($0) (\(key.mef))" } ?? key.mef
    let matiere = "\(key.matiere) \(matiereLabels[key.matiere] ?? "")".trimmingWhitespace()
    var text = "\(mef) : \(matiere)"
    if !key.modalite.isEmpty { text += ", modalité \(key.modalite)" }
    if let hours, !hours.isEmpty { text += ", \(hours) h" }
    return text
  }
}

extension Raccord {
  /// Compares two school years of one school.
  /// - Parameters:
  ///   - uai: the school; may be omitted when the store holds one school only.
  ///   - from: the earlier start year.
  ///   - to: the later start year.
  /// - Throws: ``RaccordError`` when a year is not loaded.
  public func diff(uai: String?, from: Int, to: Int) throws -> NomenclatureDiff {
    let school = try resolveSchool(uai)
    guard let old = try database.nomenclatureSnapshot(uai: school, year: from) else {
      throw RaccordError.nothingLoaded(uai: school, year: from)
    }
    guard let new = try database.nomenclatureSnapshot(uai: school, year: to) else {
      throw RaccordError.nothingLoaded(uai: school, year: to)
    }
    return NomenclatureDiff(
      from: old, to: new, fromLabel: "\(SchoolYear(from)) (\(old.source))", toLabel: "\(SchoolYear(to)) (\(new.source))"
    )
  }

  /// Compares the national layer on two dates (ISO `YYYY-MM-DD`).
  public func nationalDiff(from: String, to: String) throws -> NomenclatureDiff {
    if try database.nationalLayer() == nil { try loadNationalLayer() }
    guard try database.nationalLayer() != nil else { throw RaccordError.nothingLoaded(uai: nil, year: nil) }
    return NomenclatureDiff(
      from: try database.nationalSnapshot(at: from), to: try database.nationalSnapshot(at: to),
      fromLabel: "les tables nationales au \(FrenchDate.text(from))",
      toLabel: "les tables nationales au \(FrenchDate.text(to))")
  }

  /// The school to work on: the one named, or the only one loaded.
  func resolveSchool(_ uai: String?) throws -> String {
    let schools = Set(try database.status().map(\.uai)).sorted()
    if let uai {
      let code = uai.uppercased()
      guard schools.contains(code) else { throw RaccordError.nothingLoaded(uai: code, year: nil) }
      return code
    }
    guard let only = schools.first else { throw RaccordError.nothingLoaded(uai: nil, year: nil) }
    guard schools.count == 1 else { throw RaccordError.schoolNeeded(choices: schools) }
    return only
  }
}
