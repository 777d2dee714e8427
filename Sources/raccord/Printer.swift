import ArgumentParser
import Foundation
import RaccordCore
import RaccordKit

/// Prints diagnostics and errors on standard error, with colour on a terminal only.
struct Printer: Sendable {
  let isTerminal = isatty(STDERR_FILENO) == 1

  func print(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
      var place = ""
      if let location = diagnostic.location { place = "\(location): " }
      let severity = colour(diagnostic.severity.label, for: diagnostic.severity)
      write("\(place)\(severity) : \(diagnostic.message) [\(diagnostic.id)]\n")
    }
  }

  func error(_ error: any Error) {
    let message = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
    write(colour("erreur", for: .error) + " : \(message)\n")
  }

  /// Runs `body`; a thrown error is printed in French and ends the program with status 2. This is
  /// the one place where a command turns an error into an exit status.
  /// - Parameters:
  ///   - diagnostics: printed after `body` (once the progress line is cleared), whether it succeeds or not.
  ///   - onFailure: what to say after the error (e.g. that the store is unchanged).
  /// - Returns: what `body` returns.
  @discardableResult
  func exitingOnError<Result>(
    diagnostics: DiagnosticCollector? = nil, onFailure: () -> Void = {}, _ body: () throws -> Result
  ) throws -> Result {
    do {
      let result = try body()
      finish(diagnostics)
      return result
    } catch let error as ExitCode {
      finish(diagnostics)
      throw error
    } catch {
      finish(diagnostics)
      self.error(error)
      onFailure()
      throw ExitCode(2)
    }
  }

  private func finish(_ diagnostics: DiagnosticCollector?) {
    guard let diagnostics else { return }
    endProgress()
    print(diagnostics.diagnostics)
  }

  /// A progress handler on a terminal; `nil` otherwise, so that scripts and logs stay quiet.
  var progressHandler: (@Sendable (String, Double) -> Void)? {
    guard isTerminal else { return nil }
    return { name, fraction in self.progress(name, fraction) }
  }

  func progress(_ name: String, _ fraction: Double) {
    let percent = Int((fraction * 100).rounded())
    write("\r\u{1B}[2KLecture de \(name) : \(percent) %")
  }

  /// A batch import's progress: a bar on a terminal, else one line per school (for a log).
  func batchProgress(_ school: BatchSchoolResult, index: Int, count: Int) {
    guard isTerminal else {
      Swift.print(BatchImportReport.line(school, index: index, count: count))
      return
    }
    if school.failed {
      let message = colour("erreur", for: .error) + " : " + school.source + " : " + (school.error ?? "")
      write("\r\u{1B}[2K" + message + "\n")
    }
    let width = 30
    let done = count == 0 ? width : width * index / count
    let bar = String(repeating: "#", count: done) + String(repeating: ".", count: width - done)
    write("\r\u{1B}[2K[" + bar + "] \(index)/\(count) " + (school.uai ?? school.source))
  }

  func endProgress() {
    if isTerminal { write("\r\u{1B}[2K") }
  }

  private func colour(_ text: String, for severity: Severity) -> String {
    guard isTerminal else { return text }
    let code =
      switch severity {
      case .error: "31"
      case .warning: "33"
      case .info: "36"
      }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
