import PillarDiagnostics
import PillarMarkdown
import PillarModel

/// A level-2 section of a body: its heading and the blocks under it, in file lines.
struct Section {
  var heading: String
  var line: Int
  var column: Int
  /// First and last file line of the section's content (after the heading).
  var firstLine: Int
  var lastLine: Int
  var blocks: [MarkdownBlock]

  /// The first word of the heading, which names what the section is about (an id).
  /// (The heading is trimmed, so the first word ends at the first space; bytes, not Characters,
  /// because this runs for every section of every answer file.)
  var key: String { String(heading[..<(heading.utf8.firstIndex(of: 0x20) ?? heading.endIndex)]) }
}

/// An input file parsed as far as every kind of file shares: front matter fields and the body's
/// Markdown outline split into sections. Positions are lines of the whole file.
struct Document {
  let source: SourceText
  let fields: Fields
  let report: Report
  let introduction: MarkdownText
  let sections: [Section]
  let links: [MarkdownLink]
  /// Every top-level block of the body, in file lines.
  let blocks: [MarkdownBlock]

  var path: String { source.path }

  /// With `rendering`, the texts the parsers take from this document carry their HTML.
  static func parse(_ source: SourceText, report: Report, what: String, rendering: Bool = false) -> Document? {
    let frontMatter: FrontMatter
    switch FrontMatter.split(source) {
    case .success(let split): frontMatter = split
    case .failure(let diagnostic):
      report.add(diagnostic)
      return nil
    }
    let reported = report.diagnostics.count
    guard let node = YAMLTree.compose(frontMatter.yaml, firstLine: frontMatter.yamlLine, report: report) else {
      // No YAML error and no value: blank, or only comments (the fuzzer found a file of one
      // comment line dropped without a word).
      if report.diagnostics.count == reported {
        report.error(
          "missing-field", "front matter is empty; \(what) needs its fields", at: report.location(1))
      }
      return nil
    }
    guard let fields = Fields(node, firstLine: frontMatter.yamlLine, report: report, what: "front matter") else {
      return nil
    }

    let offset = frontMatter.bodyLine - 1
    // One parse gives the outline and the HTML of every note; checklists are told by their box,
    // read from the source as the answer parser reads it, and give the HTML of each item's note.
    let outline = CommonMark.outline(frontMatter.body, rendering: rendering) { list in
      list.children.contains { Checklist.box(in: shift($0, by: offset), source: source) != nil }
    }
    if let deep = outline.tooDeep {
      report.error(
        "markdown-too-deep",
        "Markdown nested more than \(CommonMark.maximumDepth) levels deep (lists, quotations, emphasis) starts here; flatten it",
        at: report.location(deep.line + offset, deep.column))
      return nil
    }
    let blocks = outline.blocks.map { shift($0, by: offset) }
    let links = outline.links.map {
      MarkdownLink(destination: $0.destination, isImage: $0.isImage, line: $0.line + offset, column: $0.column)
    }

    var sections: [Section] = []
    var introBlocks: [MarkdownBlock] = []
    for block in blocks {
      if case .heading(level: 2) = block.kind {
        if var last = sections.popLast() {
          last.lastLine = block.line - 1
          sections.append(last)
        }
        sections.append(
          Section(
            heading: block.text.trimmingSpaces(), line: block.line, column: block.column,
            firstLine: block.endLine + 1, lastLine: source.lines.count, blocks: []))
      } else if sections.isEmpty {
        introBlocks.append(block)
      } else {
        sections[sections.count - 1].blocks.append(block)
      }
    }
    let introLast = (sections.first?.line ?? source.lines.count + 1) - 1
    let introduction = MarkdownText(
      source.lines(frontMatter.bodyLine, through: introLast), at: report.location(frontMatter.bodyLine),
      html: Self.html(of: introBlocks))
    return Document(
      source: source, fields: fields, report: report, introduction: introduction, sections: sections, links: links,
      blocks: blocks)
  }

  private static func shift(_ block: MarkdownBlock, by offset: Int) -> MarkdownBlock {
    var block = block
    block.line += offset
    block.endLine += offset
    block.children = block.children.map { shift($0, by: offset) }
    return block
  }

  /// The Markdown source of a section's content.
  func text(of section: Section) -> MarkdownText {
    MarkdownText(
      source.lines(section.firstLine, through: section.lastLine), at: report.location(section.firstLine),
      html: Self.html(of: section.blocks))
  }

  /// The body from `line` to the end of the file, headings included.
  func text(from line: Int, at location: SourceLocation) -> MarkdownText {
    MarkdownText(
      source.lines(line, through: source.lines.count), at: location,
      html: Self.html(of: blocks.filter { $0.line >= line }))
  }

  /// The HTML of consecutive top-level blocks, as one parse of their text gives it: their blocks'
  /// HTML in order. Nil when one of them was not rendered (a list read as a checklist), so the
  /// text is then rendered from its source.
  static func html(of blocks: [MarkdownBlock]) -> String? {
    var html = ""
    for block in blocks {
      guard let part = block.html else { return nil }
      html += part
    }
    return html
  }

  /// The section whose heading is `title` (case-insensitive), if any.
  func section(titled title: String) -> Section? {
    sections.first { $0.heading.caseInsensitiveCompare(title) == .orderedSame }
  }

  /// The text of a section the file must have; a missing (or, unless allowed, empty) one is
  /// reported.
  func requiredSection(_ title: String, allowEmpty: Bool = false) -> MarkdownText {
    guard let section = section(titled: title) else {
      report.error("missing-section", "section '## \(title)' is missing", at: report.location(1))
      return MarkdownText("", at: report.location(1))
    }
    let text = text(of: section)
    if text.isBlank && !allowEmpty {
      report.error(
        "empty-section", "section '## \(title)' is empty; write it", at: report.location(section.line, section.column))
    }
    return text
  }

  /// What / How / Why, each required.
  func rationale() -> Rationale {
    Rationale(what: requiredSection("What"), how: requiredSection("How"), why: requiredSection("Why"))
  }

  /// Warns about links whose scheme the site will not keep.
  func checkLinks() {
    for link in links where !URLPolicy.isAllowed(link.destination) {
      let kind = link.isImage ? "image" : "link"
      report.warning(
        "unsafe-url",
        "\(kind) destination '\(link.destination.prefix(60))' is not http, https, mailto or a relative path inside the site; it is shown as plain text",
        at: report.location(link.line, link.column))
    }
  }
}

extension Document {
  /// Reports each paragraph that is still a `TODO` placeholder from `pillar new`, so an
  /// unfilled scaffold is never checked as done or published. Read from libcmark's paragraphs,
  /// so a TODO inside a code span, a quotation of one, or a word in a sentence is not one.
  func refusePlaceholders(_ fix: String) {
    func visit(_ blocks: [MarkdownBlock]) {
      for block in blocks {
        if block.kind == .paragraph, Self.isPlaceholder(block.text) {
          let shown = block.text.count > 80 ? block.text.prefix(79) + "…" : block.text
          report.error(
            "placeholder", "'\(shown)' is a placeholder left by pillar new; \(fix)",
            at: report.location(block.line, block.column))
        }
        visit(block.children)
      }
    }
    visit(blocks)
  }

  /// Reports each raw HTML block, and each code fence that is never closed, that swallows a
  /// question heading or a checklist item: an unclosed `<!--` would otherwise hide the rest of
  /// an answer file from the checklist without a word. What is swallowed is found by parsing
  /// the block's own text with libcmark, so only real headings and items count.
  func refuseHiddenAnswers() {
    func visit(_ blocks: [MarkdownBlock]) {
      for block in blocks {
        visit(block.children)
        let what: String
        let fix: String
        var inner = block.text
        switch block.kind {
        case .html:
          what = "raw HTML block"
          fix = "close it where it should end (raw HTML is never shown on the site) or remove it"
          inner = String(inner.drop { $0 != "\n" })
        case .code:
          guard let fence = unclosedFence(block) else { continue }
          what = "code fence that is never closed"
          fix = "close it with a line '\(fence)'"
        default:
          continue
        }
        let hidden = Self.answerLines(in: CommonMark.outline(inner).blocks)
        guard hidden.headings + hidden.items > 0 else { continue }
        var parts: [String] = []
        if hidden.headings > 0 { parts.append("\(hidden.headings) question heading\(hidden.headings == 1 ? "" : "s")") }
        if hidden.items > 0 { parts.append("\(hidden.items) checklist item\(hidden.items == 1 ? "" : "s")") }
        report.error(
          "hidden-answers",
          "this \(what) runs to line \(block.endLine) and hides \(parts.joined(separator: " and ")) from the review; \(fix)",
          at: report.location(block.line, block.column))
      }
    }
    visit(blocks)
  }

  /// The fence that opens a code block when nothing closes it (the block then runs to the end
  /// of the file); nil for a closed fence or an indented block.
  private func unclosedFence(_ block: MarkdownBlock) -> String? {
    guard block.line >= 1, block.line <= source.lines.count else { return nil }
    let opening = source.lines[block.line - 1].drop { $0 == " " }
    guard let mark = opening.first, mark == "`" || mark == "~" else { return nil }
    let fence = String(opening.prefix { $0 == mark })
    guard fence.count >= 3 else { return nil }
    if block.endLine > block.line, block.endLine <= source.lines.count {
      let closing = source.lines[block.endLine - 1].trimmingSpaces()
      if closing.count >= fence.count && closing.allSatisfy({ $0 == mark }) { return nil }
    }
    return fence
  }

  /// Level-2 headings and checklist items (a list item whose text starts with a box) in blocks.
  static func answerLines(in blocks: [MarkdownBlock]) -> (headings: Int, items: Int) {
    var headings = 0
    var items = 0
    for block in blocks {
      switch block.kind {
      case .heading(level: 2): headings += 1
      case .item:
        let text = (block.children.first?.text ?? "").lowercased()
        if text.hasPrefix("[x]") || text.hasPrefix("[ ]") || text.hasPrefix("[n/a]") { items += 1 }
      default: break
      }
      let inner = answerLines(in: block.children)
      headings += inner.headings
      items += inner.items
    }
    return (headings, items)
  }

  static func isPlaceholder(_ text: String) -> Bool {
    text == "TODO" || text.hasPrefix("TODO:")
  }

  /// Sections other than the expected ones are kept out of the site, so say so.
  func warnAboutSections(except expected: [String], alsoAllowed: (Section) -> Bool = { _ in false }) {
    for section in sections
    where !expected.contains(where: { $0.caseInsensitiveCompare(section.heading) == .orderedSame })
      && !alsoAllowed(section)
    {
      report.warning(
        "unknown-section",
        "section '## \(section.heading)' is not used\(Suggestion.didYouMean(section.heading, in: expected)); expected \(expected.map { "'## \($0)'" }.joined(separator: ", "))",
        at: report.location(section.line, section.column))
    }
  }
}
