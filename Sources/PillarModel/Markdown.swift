import PillarDiagnostics

/// A piece of Markdown prose from an input file and where it starts, so that rendering can
/// report a problem at the right line.
package struct MarkdownText: Sendable, Hashable {
  package var source: String
  package var location: SourceLocation
  /// Its safe HTML when the loader rendered it from the libcmark tree it parsed the file with
  /// (so the text is parsed once); nil asks the site to render `source` on its own.
  package var html: String?

  package init(_ source: String, at location: SourceLocation, html: String? = nil) {
    self.source = source
    self.location = location
    self.html = html
  }

  package var isBlank: Bool {
    // Bytes first: a question's notes often start with the blank lines its checklist left.
    for byte in source.utf8 {
      switch byte {
      case 0x09...0x0D, 0x20: continue
      case 0x80...: return source.allSatisfy(\.isWhitespace)
      default: return false
      }
    }
    return true
  }
}
