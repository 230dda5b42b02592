/// Finds YAML anchors (`&a`) and aliases (`*a`) in the raw text, before any parsing. Yams expands
/// aliases when it hashes mapping keys and whenever a tree is walked, so a few hundred bytes of
/// nested aliases can cost seconds and gigabytes; refusing them from the text costs one pass.
///
/// A plain scalar cannot start with `&` or `*`, so either one at the start of a node (line start,
/// after `- `, `: `, `? `, `[`, `{` or `,`) outside quotes and block scalars is an anchor or alias.
enum YAMLPrescan {
  struct Finding: Equatable {
    var line: Int
    var column: Int
    var isAlias: Bool
  }

  static func firstAnchorOrAlias(in yaml: String) -> Finding? {
    // Most front matter has neither character at all: one byte scan answers for it.
    guard yaml.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }) else { return nil }
    var blockIndent: Int?  // inside a `|` or `>` block scalar: lines indented deeper than this
    for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let characters = Array(line)
      let indent = characters.prefix { $0 == " " }.count
      if let block = blockIndent {
        if indent > block || characters.allSatisfy({ $0 == " " }) { continue }
        blockIndent = nil
      }
      var quote: Character?
      var atNodeStart = true
      var previous: Character = " "
      var skip = false
      for (column, character) in characters.enumerated() {
        if skip {
          skip = false
          continue
        }
        if let open = quote {
          // In double quotes a backslash escapes the next character (`\"` does not close them);
          // in single quotes a quote is written twice (`'it''s'`) and stays open.
          if open == "\"" && character == "\\" {
            skip = true
          } else if character == open {
            if open == "'" && column + 1 < characters.count && characters[column + 1] == "'" {
              skip = true
            } else {
              quote = nil
            }
          }
          previous = character
          continue
        }
        switch character {
        case "#" where previous == " ":
          break
        case "\"", "'":
          if atNodeStart { quote = character }
          atNodeStart = false
        case "&", "*":
          if atNodeStart { return Finding(line: index + 1, column: column + 1, isAlias: character == "*") }
          atNodeStart = false
        case " ":
          if previous == ":" || previous == "-" || previous == "?" || previous == "," { atNodeStart = true }
        case "[", "{", ",":
          atNodeStart = true
        default:
          atNodeStart = false
        }
        if character == "#" && previous == " " { break }
        previous = character
      }
      if quote == nil, isBlockScalarHeader(characters) { blockIndent = indent }
    }
    return nil
  }

  /// `key: |`, `- >-`, `key: |2 # comment` and the like.
  private static func isBlockScalarHeader(_ line: [Character]) -> Bool {
    var text = String(line)
    if let comment = text.firstRange(of: " #") { text = String(text[..<comment.lowerBound]) }
    let trimmed = text.trimmingSpaces()
    guard let indicator = trimmed.lastIndex(where: { $0 == "|" || $0 == ">" }) else { return false }
    let before = trimmed[..<indicator]
    let after = trimmed[trimmed.index(after: indicator)...]
    return (before.hasSuffix(": ") || before.hasSuffix("- ") || before.isEmpty || before == "-")
      && after.allSatisfy { $0 == "-" || $0 == "+" || $0.isNumber }
  }
}
