import PillarLoad
import PillarMarkdown

/// What the fuzz targets check, as plain functions: the libFuzzer driver in Fuzz/ calls them
/// with generated inputs, and the test suite replays every kept crasher through them. Each
/// target parses its input and then checks an invariant, trapping when it does not hold, so the
/// fuzzer reports it like a crash.
public enum FuzzTargets {
  public static let names = ["front-matter", "answer", "question", "url", "path", "yaml"]

  public static func run(_ target: String, _ bytes: [UInt8]) {
    switch target {
    case "front-matter": frontMatter(bytes)
    case "answer": answer(bytes)
    case "question": question(bytes)
    case "url": url(bytes)
    case "path": path(bytes)
    case "yaml": yaml(bytes)
    default: preconditionFailure("unknown fuzz target \(target)")
    }
  }

  static func text(_ bytes: [UInt8]) -> SourceText? {
    guard case .success(let source) = SourceText.decode(bytes, path: "fuzz.md") else { return nil }
    return source
  }

  /// Positions stay inside the file.
  static func frontMatter(_ bytes: [UInt8]) {
    guard let source = text(bytes) else { return }
    switch FrontMatter.split(source) {
    case .success(let split):
      precondition(split.yamlLine == 2)
      precondition(split.bodyLine >= 3 && split.bodyLine <= source.lines.count + 1)
    case .failure(let diagnostic):
      precondition(diagnostic.location.line >= 1 && diagnostic.location.line <= max(1, source.lines.count))
    }
  }

  static let titles = [
    "Q01-BP01": "Use strong sign-in", "Q01-BP02": "Rotate credentials: keys", "Q01-BP03": "Use groups",
  ]

  /// Never a crash or a hang; every diagnostic points at a line of the file; a file that gives
  /// no review says why (nothing is dropped without a word).
  static func answer(_ bytes: [UInt8]) {
    guard let source = text(bytes) else { return }
    let (review, diagnostics) = WorkbookLoader.parseAnswerFile(
      source.text, path: "fuzz.md", workloadID: "w", release: "1", titles: titles)
    precondition(review != nil || !diagnostics.isEmpty, "an answer file was dropped without a diagnostic")
    for diagnostic in diagnostics {
      precondition(diagnostic.location.line >= 1 && diagnostic.location.line <= source.lines.count + 1)
    }
  }

  static func question(_ bytes: [UInt8]) {
    guard let source = text(bytes) else { return }
    let (question, diagnostics) = WorkbookLoader.parseQuestionFile(source.text, path: "fuzz.md")
    for diagnostic in diagnostics {
      precondition(diagnostic.location.line >= 1 && diagnostic.location.line <= source.lines.count + 1)
    }
    if let question { precondition(Identifier.problem(question.id) == nil) }
  }

  /// Whatever a link or image says, the HTML never holds a destination the allow-list refuses,
  /// nor a script element.
  static func url(_ bytes: [UInt8]) {
    guard let source = text(bytes) else { return }
    let markdown = "[a](\(source.text)) ![b](\(source.text)) <\(source.text)>\n\n[c]: \(source.text)\n[d][c]\n"
    for document in [markdown, source.text] {
      let html = CommonMark.html(document)
      precondition(!html.lowercased().contains("<script"))
      for attribute in ["href=\"", "src=\""] {
        var rest = html[...]
        while let start = rest.range(of: attribute) {
          let value = rest[start.upperBound...].prefix { $0 != "\"" }
          precondition(URLPolicy.isAllowed(unescape(String(value))), "refused URL reached the HTML: \(value)")
          rest = rest[start.upperBound...]
        }
      }
    }
  }

  /// The YAML guard is the parser: whatever the input, composing stops within the budget, a
  /// tree it returns holds no more nodes or levels than allowed, and every position and
  /// diagnostic is on a line of the text.
  static func yaml(_ bytes: [UInt8]) {
    guard let source = text(bytes) else { return }
    let check = YAMLTree.check(source.text)
    precondition(check.nodes <= YAMLTree.maximumNodes && check.depth <= YAMLTree.maximumDepth + 1)
    let lines = source.lines.count
    precondition(check.lines.allSatisfy { $0 >= 1 && $0 <= lines + 1 }, "a position outside the text")
  }

  /// A name that passes validation is a safe single path component on every file system.
  static func path(_ bytes: [UInt8]) {
    guard let name = String(validating: bytes, as: UTF8.self), Identifier.problem(name) == nil else { return }
    precondition(!name.isEmpty && name.utf8.count <= 64)
    precondition(!name.contains("/") && !name.contains("\\") && !name.contains(".."))
    precondition(!name.hasPrefix(".") && !name.hasSuffix("."))
    precondition(name.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
  }

  /// libcmark escapes `&`, `<`, `>` and `"` in attributes; undo that to see the URL a browser sees.
  static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
  }
}
