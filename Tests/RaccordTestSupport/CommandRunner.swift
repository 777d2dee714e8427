import Foundation

/// Runs the built `raccord` program, as a user would.
public struct CommandResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

public enum CommandRunner {
  /// The `raccord` program next to the test bundle.
  public static var executable: URL {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("raccord")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder.deleteLastPathComponent()
    }
    return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/raccord")
  }

  /// Runs `raccord arguments…` in `directory` with a given store. Standard output and standard
  /// error are read at the same time, so that a program filling one pipe never waits on the other.
  /// - Parameters:
  ///   - program: the program to run (default: the built `raccord`).
  ///   - environment: variables set (or, with `nil`, removed) on top of this process's.
  public static func run(
    _ arguments: [String], database: URL, in directory: URL = Fixtures.repositoryRoot, input: String? = nil,
    program: URL = executable, environment overrides: [String: String?] = [:]
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["RACCORD_DB"] = database.path
    environment.removeValue(forKey: "RACCORD_DATA_DIR")
    for (name, value) in overrides { environment[name] = value }
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    let errData = PipeReader(err.fileHandleForReading)
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData.wait(), as: UTF8.self))
  }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var data = Data()

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
