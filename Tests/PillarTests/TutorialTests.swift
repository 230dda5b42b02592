import Foundation
import Testing

/// The README's tutorial is true: its steps run, in order, on a copy of the workbook, and every
/// output and file it shows is what Pillar prints and writes. Steps are marked in README.md by
/// HTML comments before fenced blocks:
///
/// - `<!-- tutorial: run [exit N] -->` a command (`swift run pillar …`), run in the workbook;
/// - `<!-- tutorial: output -->` what the command before it prints, exactly;
/// - `<!-- tutorial: file PATH -->` a file as Pillar wrote it (a block ending in `…` shows its start);
/// - `<!-- tutorial: replace PATH "TEXT" -->` the block replaces TEXT in the file;
/// - `<!-- tutorial: tick PATH -->` each checklist item of the block replaces the file's line
///   for the same practice, with the lines indented under it.
///
/// After a change to what Pillar prints, `PILLAR_RECORD=1` rewrites the output and file blocks.
/// The copy holds the shipped question set, `pillar.yml` and templates with no reviews, so the
/// example workloads may change freely; a change to the question set changes what the tutorial
/// shows, and is re-recorded.
@Suite struct TutorialTests {
  struct Step {
    var kind: String
    var argument: String
    /// The block's text without its indentation, and where the block's body is in the README.
    var body: String
    var range: Range<String.Index>
    var indent: String
  }

  static let readme = Repo.root.appendingPathComponent("README.md")

  static func steps(in text: String) -> [Step] {
    let pattern = #"<!-- tutorial: (\w+)(?: ([^\n]*?))? -->\n\n?( *)```[a-z]*\n(.*?)^ *```"#
    let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators, .anchorsMatchLines])
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
      func group(_ index: Int) -> String { Range(match.range(at: index), in: text).map { String(text[$0]) } ?? "" }
      let indent = group(3)
      let body = group(4).dropLast().split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasPrefix(indent) ? String($0.dropFirst(indent.count)) : String($0)
      }.joined(separator: "\n")
      return Step(
        kind: group(1), argument: group(2), body: body, range: Range(match.range(at: 4), in: text)!, indent: indent)
    }
  }

  /// A copy of the workbook with no reviews, outside git, dated 2026-11-20.
  static func workbook() throws -> URL {
    let root = temporaryFolder()
    let manager = FileManager.default
    try manager.createDirectory(at: root.appendingPathComponent("reviews"), withIntermediateDirectories: true)
    for item in ["questions", "templates", "pillar.yml", "evidence"] {
      try manager.copyItem(at: Repo.root.appendingPathComponent(item), to: root.appendingPathComponent(item))
    }
    return root
  }

  @Test func theTutorialIsTrue() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    let steps = Self.steps(in: text)
    #expect(steps.count >= 10, "the tutorial's markers were not found")
    let root = try Self.workbook()
    defer { try? FileManager.default.removeItem(at: root) }
    var last: Run?
    var recorded: [(Range<String.Index>, String)] = []
    func record(_ step: Step, _ actual: String) {
      #expect(step.body == actual, "README block '\(step.kind) \(step.argument)'")
      let indented = actual.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.isEmpty ? "" : step.indent + $0
      }.joined(separator: "\n")
      recorded.append((step.range, indented.isEmpty ? "" : indented + "\n"))
    }
    for step in steps {
      let path = step.argument.split(separator: " ").first.map(String.init) ?? ""
      switch step.kind {
      case "run":
        var words = try Self.words(step.body)
        #expect(Array(words.prefix(3)) == ["swift", "run", "pillar"], "\(step.body)")
        words.removeFirst(3)
        let run = try Run.pillar(words, environment: ["SOURCE_DATE_EPOCH": "1795132800"], in: root)
        let expected = step.argument.hasPrefix("exit ") ? Int32(step.argument.dropFirst(5)) ?? 0 : 0
        #expect(run.status == expected, "\(step.body): \(run.stdout)\(run.stderr)")
        last = run
      case "output":
        let run = try #require(last)
        record(step, (run.stdout + run.stderr).trimmingCharacters(in: .newlines))
      case "file":
        let actual = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
          .trimmingCharacters(in: .newlines)
        let lines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        if step.body.hasSuffix("…") {
          let shown = step.body.split(separator: "\n", omittingEmptySubsequences: false).count - 1
          let count = shown > 0 ? shown : 16
          record(step, (lines.prefix(count) + ["…"]).joined(separator: "\n"))
        } else {
          record(step, actual)
        }
      case "replace":
        let old = try #require(Self.matchesQuoted(step.argument))
        let file = root.appendingPathComponent(path)
        let content = try String(contentsOf: file, encoding: .utf8)
        #expect(content.contains(old), "\(path) has no '\(old)'")
        try Data(content.replacingOccurrences(of: old, with: step.body).utf8).write(to: file)
      case "tick":
        try Self.tick(step.body, in: root.appendingPathComponent(path))
      default:
        Issue.record("unknown tutorial step '\(step.kind)'")
      }
    }
    if GoldenTests.record {
      var updated = text
      for (range, replacement) in recorded.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
        updated.replaceSubrange(range, with: replacement)
      }
      try Data(updated.utf8).write(to: Self.readme)
    }
  }

  /// A command line split as a shell would for the simple quoting the tutorial uses.
  static func words(_ line: String) throws -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for character in line.trimmingCharacters(in: .whitespacesAndNewlines) {
      if character == "\"" {
        quoted.toggle()
        started = true
      } else if character == " " && !quoted {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }

  static func matchesQuoted(_ argument: String) -> String? {
    guard let open = argument.firstIndex(of: "\""), let close = argument.lastIndex(of: "\""), open < close else {
      return nil
    }
    return String(argument[argument.index(after: open)..<close])
  }

  /// The practice id of a checklist line (`- [ ] ID Title`), nil for other lines.
  static func practiceID(_ line: String) -> String? {
    guard line.hasPrefix("- ["), let close = line.firstIndex(of: "]") else { return nil }
    return line[line.index(after: close)...].split(separator: " ").first.map(String.init)
  }

  /// Each `- [ ] ID …` item of `block`, with the indented lines under it, replaces the item for
  /// the same practice in the file.
  static func tick(_ block: String, in file: URL) throws {
    var items: [(id: String, lines: [String])] = []
    for line in block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if let id = practiceID(line) {
        items.append((id, [line]))
      } else if !items.isEmpty, !line.isEmpty {
        items[items.count - 1].lines.append(line)
      }
    }
    var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    for item in items {
      let index = try #require(
        lines.firstIndex { practiceID($0) == item.id },
        "\(file.lastPathComponent) has no item for \(item.id)")
      lines.replaceSubrange(index...index, with: item.lines)
    }
    try Data(lines.joined(separator: "\n").utf8).write(to: file)
  }
}
