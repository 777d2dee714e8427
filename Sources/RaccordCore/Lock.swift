import Foundation

/// A tiny lock wrapper so that RaccordCore stays free of other dependencies.
final class NSLockShim: @unchecked Sendable {
  private let lock = NSLock()

  func withLock<T>(_ body: () throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }
}
