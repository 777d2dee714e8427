import RaccordCore

/// A gradebook teacher grading a division and subject for which STS has no service of theirs.
public enum TeacherWithoutService: Check {
  public static let id = "teacher-without-service"
  public static let title = "Enseignant sans service STS"
  public static let rationale =
    "LSU donne accès aux bilans par les services STS : un enseignant sans service dans la classe ne peut pas consulter le bilan."
  public static let severity = FindingSeverity.warning
  public static let fixIn = FixIn.sts

  public static func run(_ input: CheckInput, index: CheckIndex, report: (Finding) -> Void) {
    let groupsOfDivision = input.data.groupsByDivision()
    var seen: Set<Key> = []
    for bilan in input.data.bilans {
      guard let division = index.pupils[bilan.pupilRef]?.codeDivision else { continue }
      let mefs = index.mefs(of: division, in: input.data)
      for acquis in bilan.acquis {
        // Subjects outside the programme are reported by the subject checks, not as missing services.
        guard let code = index.effectiveCode(of: acquis.disciplineRef, in: division) else { continue }
        for ref in acquis.teacherRefs {
          // The gradebook's id when STS knows it, else the individual review found by name.
          guard let teacher = index.teachers[ref],
            let id = teacher.idSTS.flatMap({ index.people[$0] != nil ? $0 : nil })
              ?? input.teacherMatches[ref]?.person.id,
            seen.insert(Key(teacher: id, division: division, code: code)).inserted,
            index.inProgramme(code, mefs: mefs) == true
          else { continue }
          let services = index.services.services(of: code, in: [division] + (groupsOfDivision[division] ?? []))
          if services.contains(where: { $0.teacherIDs.contains(id) }) { continue }
          if input.confirmedCoTeaching.contains([division, code, id]) { continue }
          let titulars = services.flatMap(\.teacherIDs).compactMap { index.people[$0] }
          let advice =
            titulars.isEmpty
            ? "aucun service STS n'existe pour \(division) en \(index.label(code)) : créez-le dans STS Web"
            : "déclarez-le en co-enseignement avec "
              + titulars.map { "\($0.nomUsage ?? "") \($0.prenom ?? "") (id STS \($0.id))" }.joined(separator: ", ")
              + " sur le service de \(division) en \(index.label(code)) dans STS Web"
          var finding = input.finding(
            Self.self,
            "\(index.name(of: teacher)) (id STS \(id)\(id == teacher.idSTS ? "" : " d'après la relecture")) évalue \(index.label(code)) en \(division) sans service STS "
              + "dans cette classe : \(advice). Sinon il ne pourra pas consulter les bilans dans LSU.",
            teacher: teacher,
            name: index.name(of: teacher))
          finding.division = division
          finding.subjectCode = code
          report(finding)
        }
      }
    }
  }

  private struct Key: Hashable {
    var teacher: String
    var division: String
    var code: String
  }

  public static var examples: [CheckExample] {
    [
      CheckExample(
        "le suppléant 13086 qui évalue le français de 3A, service de 4189, est signalé",
        input: CheckFixture.input {
          var teacher = GradebookTeacher(id: "ENS_13086")
          teacher.idSTS = "13086"
          teacher.nom = "PETIT"
          $0.data.teachers.append(teacher)
          $0.data.bilans[0].acquis[0].teacherRefs = ["ENS_13086"]
        }, expected: 1),
      CheckExample(
        "le même, une fois le co-enseignement confirmé en relecture, ne l'est plus",
        input: CheckFixture.input {
          var teacher = GradebookTeacher(id: "ENS_13086")
          teacher.idSTS = "13086"
          $0.data.teachers.append(teacher)
          $0.data.bilans[0].acquis[0].teacherRefs = ["ENS_13086"]
          $0.confirmedCoTeaching = [["3A", "020700", "13086"]]
        }, expected: 0),
      CheckExample("le titulaire de ses services ne l'est pas", input: CheckFixture.input(), expected: 0),
    ]
  }
}
