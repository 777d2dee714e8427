import RaccordCore

/// What the end-of-cycle checks share: which cycle a MEF belongs to, which classes end a cycle,
/// and which SIECLE options stand for an enseignement de complément.
public enum EndOfCycle {
  /// The cycle a collège MEF belongs to: 6e (MEF `100…`) is cycle 3, 5e, 4e and 3e (`101…`–`103…`) cycle 4.
  public static func cycle(ofMEF mef: String) -> Int? {
    if mef.hasPrefix("100") { return 3 }
    if mef.hasPrefix("101") || mef.hasPrefix("102") || mef.hasPrefix("103") { return 4 }
    return nil
  }

  /// The cycle a MEF ends: 6e ends cycle 3, 3e ends cycle 4.
  public static func endedCycle(byMEF mef: String) -> Int? {
    if mef.hasPrefix("100") { return 3 }
    if mef.hasPrefix("103") { return 4 }
    return nil
  }

  /// `6e`, `5e`, `4e`, `3e` for a collège MEF.
  public static func level(ofMEF mef: String) -> String {
    switch mef.prefix(3) {
    case "100": "6e"
    case "101": "5e"
    case "102": "4e"
    case "103": "3e"
    default: "MEF \(mef)"
    }
  }

  /// The pupil's MEF: SIECLE's, else the only MEF of the pupil's division.
  public static func mef(of pupil: GradebookPupil, in data: SchoolYearData) -> String? {
    if let id = pupil.idBE, let mef = data.pupilMEFs[id], !mef.isEmpty { return mef }
    guard let division = pupil.codeDivision, let mefs = data.structureMEFs[division], mefs.count == 1 else {
      return nil
    }
    return mefs.first
  }

  /// The cycle a division ends (its MEFs are all 6e, or all 3e), if any.
  public static func endedCycle(byDivision division: String, in data: SchoolYearData) -> Int? {
    let cycles = Set((data.structureMEFs[division] ?? []).map { endedCycle(byMEF: $0) })
    guard cycles.count == 1, let cycle = cycles.first else { return nil }
    return cycle
  }

  /// Enseignement de complément code → the SIECLE matières of the option it stands for. Only the
  /// codes a SIECLE option tells for sure: LCR, LCE and LVE are languages SIECLE files as ordinary
  /// language options, so they are not matched.
  public static let complementOptions: [String: Set<String>] = [
    "LCA": ["020300", "020400", "024000"],
    "CHK": ["080900", "084300"],
    "PRO": ["007400", "005000", "005100"],
    "LSF": ["005300", "005310", "005320"],
  ]

  /// The French name of an enseignement de complément code (LSU nomenclature).
  public static let complementLabels: [String: String] = [
    "AUC": "aucun", "LCA": "langues et cultures de l'Antiquité", "LCE": "langues et cultures européennes",
    "LCR": "langues et cultures régionales", "CHK": "chant choral", "PRO": "découverte professionnelle",
    "LSF": "langue des signes française", "LVE": "langue vivante étrangère",
  ]

  static func complement(_ code: String) -> String {
    "« \(complementLabels[code] ?? code) » (\(code))"
  }

  /// `NOM Prénom (3A)`.
  static func name(_ pupil: GradebookPupil?, ref: String) -> String {
    let name = [pupil?.nom, pupil?.prenom].compactMap { $0 }.joined(separator: " ")
    return "\(name.isEmpty ? ref : name) (\(pupil?.codeDivision ?? "?"))"
  }

  /// A finding about one bilan de fin de cycle: the pupil's SIECLE id, division, the file and the line.
  static func finding(
    _ check: any Check.Type, _ input: CheckInput, _ index: CheckIndex, _ bilan: GradebookCycleBilan,
    _ message: (String) -> String
  ) -> Finding {
    let pupil = index.pupils[bilan.pupilRef]
    var finding = input.finding(check, message(name(pupil, ref: bilan.pupilRef)))
    finding.pupilId = pupil?.idBE
    finding.division = pupil?.codeDivision
    finding.file = input.lsuFile
    finding.line = bilan.line
    return finding
  }
}

extension CheckFixture {
  /// A complete bilan de fin de cycle 4 for the fixture's pupil (3A), without enseignement de complément.
  public static func cycleBilan(cycle: String = "4") -> GradebookCycleBilan {
    var bilan = GradebookCycleBilan(
      pupilRef: "EL_1000001", cycle: cycle, millesime: "2025", domains: 8, hasSynthesis: true, line: 30)
    for domain in GradebookCycleBilan.socleDomains { bilan.socle[domain.code] = "3" }
    return bilan
  }

  /// The fixture with a second 3A pupil, and the given bilans de fin de cycle.
  public static func endOfCycleInput(_ change: (inout CheckInput) -> Void = { _ in }) -> CheckInput {
    input {
      var second = GradebookPupil(id: "EL_1000002", line: 11)
      second.idBE = "1000002"
      second.nom = "BERNARD"
      second.prenom = "Inès"
      second.codeDivision = "3A"
      $0.data.pupils[0].nom = "ARNAUD"
      $0.data.pupils[0].prenom = "Léo"
      $0.data.pupils.append(second)
      $0.data.pupilDivisions["1000002"] = "3A"
      $0.data.pupilMEFs["1000002"] = mef
      var other = cycleBilan()
      other.pupilRef = "EL_1000002"
      other.line = 40
      $0.data.cycleBilans = [cycleBilan(), other]
      change(&$0)
    }
  }
}
