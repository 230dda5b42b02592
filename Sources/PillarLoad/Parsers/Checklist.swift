import PillarDiagnostics
import PillarMarkdown
import PillarModel

/// The grammar of one checklist line, read from the raw source line so that Markdown's own
/// reading of `[x]` (a possible link reference) never changes what an answer says.
enum Checklist {
  struct Box: Equatable {
    var marker: String
    /// The text after `]` on the item's first line.
    var rest: Substring
    /// Column (1-based) of the `[`.
    var column: Int
  }

  /// The box at the start of a list item, if the item starts with one.
  static func box(in item: MarkdownBlock, source: SourceText) -> Box? {
    guard let first = item.children.first, first.kind == .paragraph, first.line <= source.lines.count else {
      return nil
    }
    let line = source.lines[first.line - 1]
    let start =
      line.utf8.index(line.startIndex, offsetBy: max(0, first.column - 1), limitedBy: line.endIndex) ?? line.endIndex
    let text = line[start...]
    guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return nil }
    let marker = text[text.index(after: text.startIndex)..<close]
    guard marker.count <= 5 else { return nil }
    return Box(marker: String(marker), rest: text[text.index(after: close)...], column: first.column)
  }

  static func answer(_ box: Box, item: MarkdownBlock, document: Document, titles: [String: String]) -> PracticeAnswer? {
    let report = document.report
    let line = item.children.first?.line ?? item.line
    let here = report.location(line, box.column)
    let words = box.rest.drop { $0 == " " || $0 == "\t" }
    let id = String(practiceID(at: words))
    guard !id.isEmpty else {
      report.error("checklist-item", "checklist item has no practice id after '[\(box.marker)]'", at: here)
      return nil
    }
    let idColumn = box.column + box.marker.utf8.count + 2 + (box.rest.utf8.count - words.utf8.count)
    let location = report.location(line, idColumn)
    let mark: Mark
    switch box.marker.lowercased() {
    case "x": mark = .implemented
    case " ", "": mark = .missing
    case "n/a":
      let reason = self.reason(after: words.dropFirst(id.count), title: titles[id])
      guard let reason else {
        report.error(
          "missing-reason",
          "'\(id)' is marked not applicable without a reason; add ': why it does not apply' after the title",
          at: location)
        // Counted as missing so the practice is not also reported as left out.
        return PracticeAnswer(practiceID: id, mark: .missing, note: nil, location: location)
      }
      mark = .notApplicable(reason: reason)
    default:
      report.error(
        "unknown-box",
        "'[\(box.marker)]' is not a checklist box; use [x] implemented, [ ] missing or [n/a] not applicable",
        at: here)
      return PracticeAnswer(practiceID: id, mark: .missing, note: nil, location: location)
    }
    return PracticeAnswer(
      practiceID: id, mark: mark, note: note(of: item, after: line, document: document), location: location,
      evidence: evidence(in: document.links, lines: line...max(line, item.endLine)))
  }

  /// The destinations of the links the parser found in an item's lines: what the answer cites.
  /// Images and links the site refuses (a `javascript:` URL) cite nothing.
  static func evidence(in links: [MarkdownLink], lines: ClosedRange<Int>) -> [String] {
    // Links come in document order: find the first on the item's first line by halving.
    var low = 0
    var high = links.count
    while low < high {
      let middle = (low + high) / 2
      if links[middle].line < lines.lowerBound { low = middle + 1 } else { high = middle }
    }
    var result: [String] = []
    for link in links[low...] {
      guard link.line <= lines.upperBound else { break }
      if !link.isImage && URLPolicy.isAllowed(link.destination) { result.append(link.destination) }
    }
    return result
  }

  /// The practice id that `words` start with: up to whitespace or a colon. Ids are ASCII, so the
  /// bytes are read directly; text with other characters before the end of the id goes through
  /// Unicode's rules for whitespace, which cost on every practice of every answer file.
  static func practiceID(at words: Substring) -> Substring {
    let length = words.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
      for offset in 0..<bytes.count {
        switch bytes[offset] {
        case 0x09...0x0D, 0x20, 0x3A: return offset
        case 0x80...: return nil
        default: continue
        }
      }
      return bytes.count
    }
    guard let length = length ?? nil else { return words.prefix { !$0.isWhitespace && $0 != ":" } }
    return Substring(words.utf8.prefix(length))
  }

  /// The reason of an `[n/a]` item: after the practice's own title and a colon, or else after the
  /// first `: ` of the line.
  static func reason(after text: Substring, title: String?) -> String? {
    var text = text.drop { $0 == " " || $0 == "\t" }
    if let title, text.lowercased().hasPrefix(title.lowercased()) {
      text = text.dropFirst(title.count).drop { $0 == " " }
      guard text.hasPrefix(":") else { return nil }
      text = text.dropFirst()
    } else if text.hasPrefix(":") {
      text = text.dropFirst()
    } else if let colon = text.firstRange(of: ": ") {
      text = text[colon.upperBound...]
    } else {
      return nil
    }
    let reason = text.trimmingSpaces()
    return reason.isEmpty ? nil : reason
  }

  /// The lines under an item's first line, dedented to the item's content column.
  static func note(of item: MarkdownBlock, after firstLine: Int, document: Document) -> MarkdownText? {
    guard item.endLine > firstLine else { return nil }
    let indent = max(0, (item.children.first?.column ?? 1) - 1)
    let lines = (firstLine + 1...item.endLine).map { number -> String in
      let line = document.source.lines[number - 1]
      let spaces = line.prefix { $0 == " " }.count
      return String(line.dropFirst(min(spaces, indent)))
    }
    let text = lines.joined(separator: "\n")
    guard !text.allSatisfy(\.isWhitespace) else { return nil }
    return MarkdownText(text, at: document.report.location(firstLine + 1), html: item.noteHTML)
  }
}
