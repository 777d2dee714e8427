import Checks
import Foundation
import RaccordCore
import Store

/// A class as `raccord classes` lists it: how its acquis are evaluated, and its recorded LSU setting.
public struct ClassOverview: Sendable {
  public var division: String
  /// `avec notes`, `positionnement de 1 à 4`, `mixte …`, `ni notes ni positionnements`.
  public var evaluation: String
  public var setting: ClassSetting?
}

extension Raccord {
  /// Every division of the school year (from STS Web, SIECLE or the gradebook), with how its acquis
  /// are evaluated and the LSU setting recorded for it.
  public func classes(uai: String? = nil, year: Int? = nil) throws -> [ClassOverview] {
    let school = try resolveSchool(uai)
    let start = try resolveYear(uai: school, year: year)
    let data = try database.schoolYearData(uai: school, year: start)
    let evaluation = ClassEvaluation(
      data, pupils: Dictionary(data.pupils.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
    return divisions(of: data).map { division in
      ClassOverview(
        division: division, evaluation: ClassEvaluation.french(evaluation.kind(of: division)),
        setting: data.classSettings[division])
    }
  }

  /// Records a class's LSU setting ("Paramétrage par classe"); an unknown division is refused.
  @discardableResult
  public func setClass(
    _ division: String, positioning: ClassSetting.Positioning, classAverage: Bool, uai: String? = nil,
    year: Int? = nil
  ) throws -> ClassSetting {
    let school = try resolveSchool(uai)
    let start = try resolveYear(uai: school, year: year)
    let data = try database.schoolYearData(uai: school, year: start)
    let known = divisions(of: data)
    guard known.contains(division) else {
      throw RaccordError.unknownDivision(division, known: known)
    }
    let setting = ClassSetting(division: division, positioning: positioning, classAverage: classAverage)
    try database.save(setting, uai: school, year: start)
    return setting
  }

  /// The divisions (not groups) the files name.
  func divisions(of data: SchoolYearData) -> [String] {
    var divisions = Set(data.pupils.compactMap(\.codeDivision)).union(data.pupilDivisions.values)
    divisions.formUnion(data.structureMEFs.keys.filter { data.groupDivisions[$0] == nil })
    return divisions.sorted()
  }
}
