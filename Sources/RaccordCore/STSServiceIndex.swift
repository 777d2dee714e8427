/// The STS services of a school year by structure and matière, built once: what the teacher check and
/// the teacher suggestions look up for each division (or group) and subject a teacher grades.
public struct STSServiceIndex: Sendable {
  private let services: [STSServiceRow]
  /// Structure → matière → positions in `services`.
  private let positions: [String: [String: [Int]]]

  public init(_ services: [STSServiceRow]) {
    self.services = services
    var positions: [String: [String: [Int]]] = [:]
    for (position, service) in services.enumerated() {
      positions[service.structure, default: [:]][service.matiere, default: []].append(position)
    }
    self.positions = positions
  }

  /// The services of `matiere` in any of `structures`, in the export's order (so that titulars are
  /// named in that order).
  public func services(of matiere: String, in structures: some Sequence<String>) -> [STSServiceRow] {
    structures.flatMap { positions[$0]?[matiere] ?? [] }.sorted().map { services[$0] }
  }
}
