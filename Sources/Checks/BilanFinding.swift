import RaccordCore

/// Reports a finding about a pupil's bilan périodique: who (name and division), their SIECLE id, the
/// file and the line. Shared by the checks of what every bilan must hold (PRONOTE's blocking list).
enum BilanFinding {
  static func pupil(_ input: CheckInput, _ index: CheckIndex, _ bilan: GradebookBilan) -> (String, String?, String?) {
    let pupil = index.pupils[bilan.pupilRef]
    let name = [pupil?.nom, pupil?.prenom].compactMap { $0 }.joined(separator: " ")
    return ("\(name.isEmpty ? bilan.pupilRef : name) (\(pupil?.codeDivision ?? "?"))", pupil?.idBE, pupil?.codeDivision)
  }

  static func report(
    _ check: any Check.Type, _ input: CheckInput, _ index: CheckIndex, _ bilan: GradebookBilan, line: Int?,
    subject: String? = nil, _ message: (String) -> String, report: (Finding) -> Void
  ) {
    let (who, id, division) = pupil(input, index, bilan)
    var finding = input.finding(check, message(who))
    finding.pupilId = id
    finding.division = division
    finding.subjectCode = subject
    finding.file = input.lsuFile
    finding.line = line
    report(finding)
  }
}
