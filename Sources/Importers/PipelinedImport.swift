import Foundation
import RaccordCore

extension XMLImport {
  /// Streams `file` into `sink` on two threads: one parses the file into records, the calling
  /// thread hands them to `sink` (the store's writer), so that reading and writing share the
  /// machine's cores. At most a few batches of records wait between the two: memory does not grow
  /// with the file.
  ///
  /// Same contract as ``run(_:into:diagnostics:progress:)``: `sink` receives the header, then every
  /// record in file order, always on the calling thread. When `sink` throws, the parsing stops and
  /// the error is thrown once the parsing thread has ended.
  public static func runPipelined(
    _ file: ImportableFile, into sink: any ImportSink, diagnostics: DiagnosticCollector,
    progress: (@Sendable (Double) -> Void)? = nil
  ) throws -> ImportOutcome {
    let channel = RecordChannel()
    let parsed = DispatchSemaphore(value: 0)
    let parser = Thread {
      defer { parsed.signal() }
      let batches = BatchingSink(channel: channel)
      let result = Result { () throws -> ImportOutcome in
        let outcome = try run(file, into: batches, diagnostics: diagnostics, progress: progress)
        try batches.flush()
        return outcome
      }
      // When the writer gave up, nobody waits for the end any more.
      try? channel.send(.end(result))
    }
    // The main thread's stack size, not a secondary thread's default: elements nest as the file says.
    parser.stackSize = 8 << 20
    parser.start()
    // What the parser ended with; the writer's own errors are thrown at once.
    let ended: Result<ImportOutcome, any Error>
    do {
      ended = try deliver(channel, to: sink)
    } catch {
      channel.cancel()
      parsed.wait()
      throw error
    }
    parsed.wait()
    return try ended.get()
  }

  /// Hands every message to `sink` until the parser's end, and returns that end.
  private static func deliver(_ channel: RecordChannel, to sink: any ImportSink) throws -> Result<
    ImportOutcome, any Error
  > {
    while true {
      switch channel.receive() {
      case .begin(let header):
        try sink.begin(header)
      case .records(let records):
        for record in records { try sink.add(record) }
      case .end(let result):
        return result
      }
    }
  }
}

/// The bounded hand-over between the parsing thread and the writing one.
final class RecordChannel: @unchecked Sendable {
  enum Message {
    case begin(FileHeader)
    case records([ImportRecord])
    case end(Result<ImportOutcome, any Error>)
  }

  /// The writer gave up: the parser stops at its next batch.
  struct Cancelled: Error {}

  /// Batches waiting at most: enough to smooth the two sides' pace, few enough to bound memory.
  static let capacity = 8

  private let condition = NSCondition()
  private var waiting: [Message] = []
  private var cancelled = false

  /// Waits while the channel is full. - Throws: ``Cancelled`` once the writer gave up.
  func send(_ message: Message) throws {
    condition.lock()
    defer { condition.unlock() }
    while waiting.count >= Self.capacity && !cancelled { condition.wait() }
    if cancelled { throw Cancelled() }
    waiting.append(message)
    condition.broadcast()
  }

  /// Waits for the next message.
  func receive() -> Message {
    condition.lock()
    defer { condition.unlock() }
    while waiting.isEmpty { condition.wait() }
    let message = waiting.removeFirst()
    condition.broadcast()
    return message
  }

  func cancel() {
    condition.lock()
    cancelled = true
    waiting = []
    condition.broadcast()
    condition.unlock()
  }
}

/// Collects the parser's records into batches for the channel.
final class BatchingSink: ImportSink {
  static let batchSize = 1024
  private let channel: RecordChannel
  @exclusivity(unchecked) private var batch: [ImportRecord] = []

  init(channel: RecordChannel) {
    self.channel = channel
    batch.reserveCapacity(Self.batchSize)
  }

  func begin(_ header: FileHeader) throws {
    try flush()
    try channel.send(.begin(header))
  }

  func add(_ record: ImportRecord) throws {
    batch.append(record)
    if batch.count >= Self.batchSize { try flush() }
  }

  func flush() throws {
    guard !batch.isEmpty else { return }
    try channel.send(.records(batch))
    batch = []
    batch.reserveCapacity(Self.batchSize)
  }
}
