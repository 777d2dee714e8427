import Foundation
import Hummingbird
import Logging
import NIOCore
import RaccordKit
import Store

/// How `raccord serve` runs the review page.
public struct WebConfiguration: Sendable {
  public var host: String
  /// 0 for a free port.
  public var port: Int
  /// The per-run secret every request must carry (in the page's address, then a cookie; or a header).
  public var token: String
  /// The largest upload accepted, in bytes.
  public var maxUploadBytes: Int
  /// Académie mode: a session ends after this long without a request…
  public var sessionIdleLimit: TimeInterval
  /// …and this long after the login, whatever happens.
  public var sessionLifetime: TimeInterval
  /// The sessions' clock (tests move it).
  public var clock: @Sendable () -> Date

  public init(
    host: String = "127.0.0.1", port: Int = 0, token: String = WebConfiguration.randomToken(),
    maxUploadBytes: Int = 512 * 1024 * 1024, sessionIdleLimit: TimeInterval = 30 * 60,
    sessionLifetime: TimeInterval = 10 * 3600, clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.host = host
    self.port = port
    self.token = token
    self.maxUploadBytes = maxUploadBytes
    self.sessionIdleLimit = sessionIdleLimit
    self.sessionLifetime = sessionLifetime
    self.clock = clock
  }

  /// 32 random bytes, hexadecimal.
  public static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
  }

  /// Whether the address only accepts connections from this machine.
  public var isLoopback: Bool {
    host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
  }
}

/// The review page: `raccord serve`.
public enum WebServer {
  /// Builds the application; `onRunning` receives the page's address once the port is bound.
  public static func application(
    raccord: Raccord, configuration: WebConfiguration,
    onRunning: @escaping @Sendable (String) -> Void = { _ in }
  ) async throws -> some ApplicationProtocol {
    let address = BoundAddress(host: configuration.host, port: configuration.port)
    let site = try await Site(raccord: raccord, configuration: configuration, address: address)
    let academyMode = try raccord.database.hasAccounts()
    var logger = Logger(label: "raccord.serve")
    logger.logLevel = .warning
    return Application(
      router: site.router(),
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Raccord"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? configuration.port
        address.set(port: port)
        // Académie mode: the académie page's rows are computed at once, not on its first request.
        if academyMode {
          Task { _ = try? await site.cache.overview(of: site.cache.schools()) }
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        // Académie mode: the run's token opens nothing, accounts do; the address is the login page's.
        onRunning(
          academyMode
            ? "http://\(host):\(port)/connexion" : "http://\(host):\(port)/?token=\(configuration.token)")
      },
      logger: logger)
  }

  /// Runs until interrupted.
  public static func run(
    raccord: Raccord, configuration: WebConfiguration, onRunning: @escaping @Sendable (String) -> Void
  ) async throws {
    let app = try await application(raccord: raccord, configuration: configuration, onRunning: onRunning)
    try await app.runService()
  }
}

/// The address the server is bound to, known once it runs (the port may be chosen by the system).
final class BoundAddress: @unchecked Sendable {
  let host: String
  private let lock = NSLock()
  private var boundPort: Int

  init(host: String, port: Int) {
    self.host = host
    self.boundPort = port
  }

  func set(port: Int) { lock.withLock { boundPort = port } }

  /// The `Host` header values that name this server: a page loaded under another name (DNS
  /// rebinding) is refused.
  func accepts(_ authority: String) -> Bool {
    let port = lock.withLock { boundPort }
    var hosts = [host]
    if host == "127.0.0.1" || host == "::1" { hosts += ["localhost", "127.0.0.1", "[::1]"] }
    if host.contains(":") { hosts.append("[\(host)]") }
    let lowered = authority.lowercased()
    return hosts.contains { lowered == "\($0):\(port)" || (port == 80 && lowered == $0) }
  }
}
