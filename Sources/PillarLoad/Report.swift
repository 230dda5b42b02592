import PillarDiagnostics

/// Collects the diagnostics of one file while it is parsed. Lives inside one parse call, so it
/// is never shared between threads.
final class Report {
  let path: String
  private(set) var diagnostics: [Diagnostic] = []

  init(path: String) { self.path = path }

  func location(_ line: Int, _ column: Int = 1) -> SourceLocation {
    SourceLocation(path: path, line: line, column: column)
  }

  func error(_ id: String, _ summary: String, at location: SourceLocation) {
    diagnostics.append(.error(id, summary, at: location))
  }

  func warning(_ id: String, _ summary: String, at location: SourceLocation) {
    diagnostics.append(.warning(id, summary, at: location))
  }

  func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}
