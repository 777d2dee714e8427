import Foundation

/// Failed logins per identifier (académie mode): after `limit` failures within `window`, the
/// identifier is refused without checking its password until the oldest of those failures is
/// `window` old. Guessing a password then takes years, and a stream of attempts no longer costs a
/// bcrypt hash each. A successful login clears the identifier's count. Kept in the server's memory,
/// like the sessions.
actor LoginThrottle {
  let limit: Int
  let window: TimeInterval
  let clock: @Sendable () -> Date
  /// At most this many identifiers are followed; past it the quietest are forgotten first.
  let capacity: Int
  private var failures: [String: [Date]] = [:]

  init(limit: Int = 5, window: TimeInterval = 15 * 60, capacity: Int = 10_000, clock: @escaping @Sendable () -> Date) {
    self.limit = limit
    self.window = window
    self.capacity = capacity
    self.clock = clock
  }

  /// Seconds to wait before `login` may try again, or `nil` when it may try now.
  func waitBeforeTrying(_ login: String) -> TimeInterval? {
    let now = clock()
    let recent = recentFailures(Self.key(login), now)
    guard recent.count >= limit, let oldest = recent.first else { return nil }
    return max(1, oldest.addingTimeInterval(window).timeIntervalSince(now))
  }

  func recordFailure(_ login: String) {
    let now = clock()
    let key = Self.key(login)
    var recent = recentFailures(key, now)
    recent.append(now)
    failures[key] = Array(recent.suffix(limit))
    if failures.count > capacity { forgetQuietest(now) }
  }

  func recordSuccess(_ login: String) {
    failures[Self.key(login)] = nil
  }

  /// The identifier as the store compares it: case and surrounding spaces do not make a new one.
  static func key(_ login: String) -> String {
    login.trimmingCharacters(in: .whitespaces).lowercased()
  }

  private func recentFailures(_ key: String, _ now: Date) -> [Date] {
    (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
  }

  private func forgetQuietest(_ now: Date) {
    failures = failures.filter { entry in entry.value.contains { now.timeIntervalSince($0) < window } }
    guard failures.count > capacity else { return }
    let quietest = failures.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
    for (key, _) in quietest.prefix(failures.count - capacity) { failures[key] = nil }
  }

  /// The French refusal, with the wait rounded up to the minute.
  static func message(login: String, wait: TimeInterval) -> String {
    let minutes = max(1, Int((wait / 60).rounded(.up)))
    let delay = minutes == 1 ? "une minute" : "\(minutes) minutes"
    return "Trop d'essais de connexion manqués pour l'identifiant « \(login) » : réessayez dans \(delay), "
      + "avec le mot de passe que l'équipe académique vous a donné."
  }
}
