import Foundation
import Importers
import RaccordCore
import XMLStreaming

/// What every fuzz target shares: the libFuzzer driver, a scratch file per process, a sink
/// that keeps nothing, and a replay mode for builds without the fuzzer.
///
/// A target is an executable whose `main.swift` holds no statement, only declarations, so that
/// the same file builds two ways:
/// - `swift build` (no fuzzer): the global `replayed` runs at start-up and feeds each file named
///   on the command line to the target once (`.build/debug/FuzzSTS crash-1234`);
/// - `Scripts/fuzz.sh` (`-sanitize=fuzzer,address -parse-as-library -DFUZZING`): the file is a
///   library, and the entry point SwiftPM links in (`<Target>_main`) hands the target's body over
///   to libFuzzer through ``main(_:_:_:)``; `LLVMFuzzerTestOneInput`, defined once below, runs it.
public enum FuzzDriver {
  /// One input as libFuzzer gives it.
  public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

  /// The running target's body, set once by ``main(_:_:_:)`` before libFuzzer starts.
  nonisolated(unsafe) static var body: (Data) -> Void = { _ in }

  /// Copies libFuzzer's bytes and runs the target's body on them; always 0 (libFuzzer's "keep going").
  static func run(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    body(data)
    return 0
  }

  /// Feeds each file named in the arguments to `body` once: reproduces a crash without the fuzzer.
  public static func replay(_ body: (Data) -> Void) {
    let paths = CommandLine.arguments.dropFirst()
    if paths.isEmpty {
      print(
        "usage: \(CommandLine.arguments.first ?? "fuzz-target") FILE... (replays inputs; build with Scripts/fuzz.sh to fuzz)"
      )
    }
    for path in paths {
      guard let data = FileManager.default.contents(atPath: path) else {
        print("unreadable: \(path)")
        continue
      }
      body(data)
      print("ok: \(path) (\(data.count) bytes)")
    }
  }

  #if FUZZING
    /// Hands the process over to libFuzzer with `body` as the target.
    public static func main(
      _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ body: @escaping (Data) -> Void
    ) -> CInt {
      Self.body = body
      var count = argc
      var arguments = argv
      return LLVMFuzzerRunDriver(&count, &arguments, LLVMFuzzerTestOneInput)
    }
  #endif
}

/// libFuzzer's entry for one input, the same for every target: runs the body the target registered.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzDriver.run(bytes, count)
}

#if FUZZING
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzDriver.Callback
  ) -> CInt
#endif

/// A scratch folder for this process, in memory (`/dev/shm`) when the system has one: every input
/// is written there before it is read, as the readers take files.
public enum Scratch {
  public static let folder: URL = {
    let shm = URL(fileURLWithPath: "/dev/shm")
    let base = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
    let url = base.appendingPathComponent("raccord-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: Scratch.folder) }
    return url
  }()

  /// Writes `data` to `name` in the scratch folder (overwriting the previous input) and returns its URL.
  public static func write(_ data: Data, as name: String) -> URL {
    let url = folder.appendingPathComponent(name)
    let parent = url.deletingLastPathComponent()
    if parent != folder { try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) }
    do {
      try data.write(to: url)
    } catch {
      fatalError("fuzz harness: cannot write \(url.path): \(error)")
    }
    return url
  }

  /// Whether `data` starts like a zip archive (the importers' inputs then go to the zip target).
  public static func looksLikeZip(_ data: Data) -> Bool {
    data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06])
  }
}

/// Receives an import and keeps nothing: the fuzzers test the parsing, not the store.
public final class DiscardingSink: ImportSink {
  public private(set) var records = 0
  public init() {}
  public func begin(_ header: FileHeader) throws {}
  public func add(_ record: ImportRecord) throws { records += 1 }
}

/// The errors a reader may throw on bad input: Raccord's own, with a French message. Anything
/// else (a Foundation error, a fatal error) is a bug the fuzzer reports.
public func expectReaderError(_ error: any Error) {
  switch error {
  case let error as ImporterError:
    precondition(!(error.errorDescription ?? "").isEmpty, "empty message for \(error)")
  case let error as XMLStreamError:
    precondition(!(error.errorDescription ?? "").isEmpty, "empty message for \(error)")
  default:
    fatalError("unexpected error type \(type(of: error)): \(error)")
  }
}

/// Imports the XML document in `data` when its root is one of `kinds`, into a sink that keeps nothing.
public func importXML(_ data: Data, kinds: Set<FileKind>) {
  if Scratch.looksLikeZip(data) { return }
  let url = Scratch.write(data, as: "input.xml")
  do {
    let input = try ImportInput(paths: [url.path])
    for file in input.files {
      guard kinds.contains(try XMLImport.kind(of: file)) else { continue }
      _ = try XMLImport.run(file, into: DiscardingSink(), diagnostics: DiagnosticCollector())
    }
  } catch {
    expectReaderError(error)
  }
}
