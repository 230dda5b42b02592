import PillarDiagnostics

/// A file split into its YAML front matter and its Markdown body, with the line each starts on
/// so that positions in either part can be reported as lines of the whole file.
package struct FrontMatter: Sendable, Equatable {
  package var yaml: String
  /// File line of the first YAML line (the line after the opening `---`).
  package var yamlLine: Int
  package var body: String
  /// File line of the first body line (the line after the closing `---`).
  package var bodyLine: Int

  package static func split(_ source: SourceText) -> Result<FrontMatter, Diagnostic> {
    let lines = source.lines
    guard let first = lines.first, isFence(first) else {
      return .failure(
        .error(
          "missing-front-matter",
          "file must start with YAML front matter: a line '---', the fields, and a closing '---'",
          at: SourceLocation(path: source.path)))
    }
    guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) || lines[$0] == "..." }) else {
      return .failure(
        .error(
          "unclosed-front-matter", "front matter opened here is never closed; add a line '---' after the fields",
          at: SourceLocation(path: source.path)))
    }
    return .success(
      FrontMatter(
        yaml: lines[1..<close].joined(separator: "\n"), yamlLine: 2,
        body: lines[(close + 1)...].joined(separator: "\n"), bodyLine: close + 2))
  }

  private static func isFence(_ line: Substring) -> Bool {
    line.hasPrefix("---") && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
  }
}
