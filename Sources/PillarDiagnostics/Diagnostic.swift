/// How serious a diagnostic is. Errors make input invalid; warnings do not.
package enum Severity: String, Sendable, Hashable, Comparable, Codable {
  case error
  case warning
  case note

  private var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .note: 2
    }
  }

  package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in an input file. `path` is relative to the workbook root; line and column are 1-based.
package struct SourceLocation: Sendable, Hashable, Comparable, Codable {
  package var path: String
  package var line: Int
  package var column: Int

  package init(path: String, line: Int = 1, column: Int = 1) {
    self.path = path
    self.line = max(1, line)
    self.column = max(1, column)
  }

  package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
  }
}

/// One problem found in the input, printed the way compilers print them so editors and CI
/// annotations understand it: `path:line:column: error: summary [id]`.
package struct Diagnostic: Error, Sendable, Hashable, Codable {
  package var severity: Severity
  package var location: SourceLocation
  /// A stable rule id, e.g. `unknown-practice`; documented in docs/diagnostics.md.
  package var id: String
  package var summary: String

  package init(_ severity: Severity, _ id: String, _ summary: String, at location: SourceLocation) {
    self.severity = severity
    self.id = id
    self.summary = summary
    self.location = location
  }

  package static func error(_ id: String, _ summary: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(.error, id, summary, at: location)
  }

  package static func warning(_ id: String, _ summary: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(.warning, id, summary, at: location)
  }

  package var formatted: String {
    "\(VisibleText.visible(location.path)):\(location.line):\(location.column): \(severity.rawValue): \(VisibleText.visible(summary)) [\(id)]"
  }
}

extension Array where Element == Diagnostic {
  /// Diagnostics in a stable order: by file, position, then id, so output never depends on
  /// the order in which files were read or threads finished.
  package func sortedForOutput() -> [Diagnostic] {
    sorted { ($0.location, $0.id, $0.summary) < ($1.location, $1.id, $1.summary) }
  }

  package var errorCount: Int { count { $0.severity == .error } }
  package var warningCount: Int { count { $0.severity == .warning } }
  package var hasErrors: Bool { contains { $0.severity == .error } }
}
