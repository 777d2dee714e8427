import Foundation
import Testing

/// Compares `actual` with a golden file under `Tests/<target>/Snapshots/`. Set `RACCORD_RECORD=1` to
/// write the golden file instead; a recording run fails, so that it is never left on by mistake.
public func assertSnapshot(
  _ actual: Data, named name: String, in target: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/\(target)/Snapshots/\(name)")
  if ProcessInfo.processInfo.environment["RACCORD_RECORD"] == "1" {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try actual.write(to: url)
    Issue.record("Golden file recorded: \(url.path). Run again without RACCORD_RECORD.", sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? Data(contentsOf: url) else {
    Issue.record("Golden file missing: \(url.path) (run with RACCORD_RECORD=1)", sourceLocation: sourceLocation)
    return
  }
  if expected != actual {
    let actualURL = FileManager.default.temporaryDirectory.appendingPathComponent("actual-\(name)")
    try? actual.write(to: actualURL)
    Issue.record(
      "\(name) differs from its golden file; actual output written to \(actualURL.path)", sourceLocation: sourceLocation
    )
  }
}
