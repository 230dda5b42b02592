import PillarDiagnostics

/// A piece of Markdown prose from an input file and where it starts, so that rendering can
/// report a problem at the right line.
public struct MarkdownText: Sendable, Hashable {
  public var source: String
  public var location: SourceLocation

  public init(_ source: String, at location: SourceLocation) {
    self.source = source
    self.location = location
  }

  public var isBlank: Bool { source.allSatisfy(\.isWhitespace) }
}
