/// Turns template text into nodes. It follows swift-mustache 2's parser tag for tag, so that
/// the whitespace of every standalone tag (a section, comment or partial alone on its line)
/// is removed exactly as it was before this engine replaced that package: published sites did
/// not change by a byte. It works on Characters, like that parser, so `\r\n` is one newline.
struct TemplateParser {
  private let characters: [Character]
  private var index = 0
  /// The unescaped tags read so far, with where they start.
  var unescaped: [Template.UnescapedTag] = []

  init(_ text: String) { characters = Array(text) }

  private struct State {
    var section: (name: String, openedAt: Int)?
    var atLineStart = true
  }

  mutating func parseTemplate() throws(TemplateSyntaxError) -> [Node] {
    try parse(State())
  }

  private var current: Character? { index < characters.count ? characters[index] : nil }

  private mutating func parse(_ initial: State) throws(TemplateSyntaxError) -> [Node] {
    var nodes: [Node] = []
    var state = initial
    var indent = ""
    while index < characters.count {
      if state.atLineStart { indent = read { $0 == " " || $0 == "\t" } }
      let (text, openedTag) = readTextUntilTagOrNewline()
      if !openedTag, let newline = current, newline == "\n" || newline == "\r\n" {
        nodes.append(.text(Array((indent + text + String(newline)).utf8)))
        index += 1
        state.atLineStart = true
        continue
      }
      if !text.isEmpty {
        nodes.append(.text(Array((indent + text).utf8)))
        indent = ""
        state.atLineStart = false
      }
      guard let kind = current else {
        if openedTag { throw error(at: index - 2, "'{{' at the end of the template opens a tag that is never closed") }
        break
      }
      let tagStart = index - 2
      var standalone = false
      func flushIndent() {
        if !indent.isEmpty { nodes.append(.text(Array(indent.utf8))) }
        indent = ""
      }
      switch kind {
      case "#", "^":
        index += 1
        let name = try readName(tagStart)
        standalone = isStandalone(state)
        if !standalone { flushIndent() }
        let body = try parse(State(section: (name, tagStart), atLineStart: standalone))
        nodes.append(.section(Name(name), body, inverted: kind == "^"))
      case "/":
        index += 1
        let name = try readName(tagStart)
        guard let section = state.section else {
          throw error(at: tagStart, "'{{/\(name)}}' closes a section that was never opened")
        }
        guard section.name == name else {
          throw error(at: tagStart, "'{{/\(name)}}' closes section '\(section.name)'; write {{/\(section.name)}}")
        }
        if !isStandalone(state) { flushIndent() }
        return nodes
      case "!":
        index += 1
        try skipComment(tagStart)
        standalone = isStandalone(state)
      case "{", "&":
        flushIndent()
        index += 1
        let name = try readName(tagStart)
        if kind == "{" {
          guard current == "}" else { throw error(at: tagStart, "'{{{\(name)}}' needs a third closing brace") }
          index += 1
        }
        nodes.append(.variable(Name(name), escaped: false))
        let (line, column) = position(of: tagStart)
        unescaped.append(Template.UnescapedTag(name: name, line: line, column: column))
      case ">":
        index += 1
        let name = try readName(tagStart, partial: true)
        if !indent.isEmpty { nodes.append(.text(Array(indent.utf8))) }
        standalone = isStandalone(state)
        nodes.append(.partial(name, indentation: standalone ? Array(indent.utf8) : nil))
        indent = ""
      case "=", "%", "<", "$":
        let what: [Character: String] = [
          "=": "change the delimiters", "%": "use pragmas", "<": "use template inheritance", "$": "use blocks",
        ]
        var refused = error(at: tagStart, "templates may not \(what[kind] ?? "use this tag")")
        refused.changesEscaping = kind == "=" || kind == "%"
        throw refused
      default:
        flushIndent()
        let name = try readName(tagStart)
        nodes.append(.variable(Name(name), escaped: true))
      }
      state.atLineStart = standalone
    }
    if let section = state.section {
      throw error(at: section.openedAt, "section '\(section.name)' is never closed; add {{/\(section.name)}}")
    }
    return nodes
  }

  /// Text up to a newline (not consumed) or up to and including `{{`.
  private mutating func readTextUntilTagOrNewline() -> (text: String, openedTag: Bool) {
    var text = ""
    while let character = current {
      if character == "\n" || character == "\r\n" { break }
      if character == "{", index + 1 < characters.count, characters[index + 1] == "{" {
        index += 2
        return (text, true)
      }
      text.append(character)
      index += 1
    }
    return (text, false)
  }

  private mutating func read(while matches: (Character) -> Bool) -> String {
    var text = ""
    while let character = current, matches(character) {
      text.append(character)
      index += 1
    }
    return text
  }

  private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?")

  private mutating func readName(_ tagStart: Int, partial: Bool = false) throws(TemplateSyntaxError) -> String {
    _ = read(while: \.isWhitespace)
    let name = read { Self.nameCharacters.contains($0) || (partial && $0 == "/") }
    _ = read(while: \.isWhitespace)
    if current == "(" || current == "*" {
      throw error(at: tagStart, "templates may not use transforms or dynamic names ('\(name)\(current!)')")
    }
    guard !name.isEmpty else { throw error(at: tagStart, "a tag needs a name, such as {{title}}") }
    guard current == "}", index + 1 < characters.count, characters[index + 1] == "}" else {
      throw error(
        at: tagStart,
        "tag '\(name)' is not closed with }}; names may use letters, digits and . - _ ?")
    }
    index += 2
    return name
  }

  private mutating func skipComment(_ tagStart: Int) throws(TemplateSyntaxError) {
    while index + 1 < characters.count {
      if characters[index] == "}" && characters[index + 1] == "}" {
        index += 2
        return
      }
      index += 1
    }
    throw error(at: tagStart, "comment is never closed with }}")
  }

  /// Whether the tag just read is alone on its line: if so, the rest of the line (spaces, tabs
  /// and the newline) is consumed.
  private mutating func isStandalone(_ state: State) -> Bool {
    guard state.atLineStart else { return false }
    guard index < characters.count else { return true }
    var end = index
    while end < characters.count, characters[end] == " " || characters[end] == "\t" { end += 1 }
    guard end < characters.count, characters[end].isNewline else { return false }
    index = end + 1
    return true
  }

  private func error(at position: Int, _ message: String) -> TemplateSyntaxError {
    let (line, column) = self.position(of: position)
    return TemplateSyntaxError(line: line, column: column, message: message)
  }

  /// Line and column (from 1) of a character index.
  private func position(of index: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for character in characters[..<min(index, characters.count)] {
      if character.isNewline {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}
