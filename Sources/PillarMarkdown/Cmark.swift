// The only file that imports libcmark. C nodes never leave it: every function here parses,
// converts to Swift values and frees the tree before returning.
import CCmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

package enum CommonMark {
  /// Safe rendering: no CMARK_OPT_UNSAFE, so raw HTML becomes `<!-- raw HTML omitted -->`.
  private static let options = CMARK_OPT_DEFAULT | CMARK_OPT_NOBREAKS

  /// How deeply blocks and inlines may nest (a list in a list counts two: list and item).
  /// Deeper text is refused, never walked: 9,000 nested list markers in 18 KB would otherwise
  /// overflow the stack of any recursive walk, libcmark's trees being as deep as the text says.
  package static let maximumDepth = 100

  /// The block structure of `text`, and every link and image destination in it. With
  /// `rendering`, each top-level block also carries its safe HTML and each item of a top-level
  /// list that `isChecklist` accepts carries its note's HTML, all from this one parse (links that
  /// `allow` refuses become their text), so a note is never parsed a second time to be shown.
  package static func outline(
    _ text: String, rendering: Bool = false, isChecklist: (MarkdownBlock) -> Bool = { _ in false },
    allow: (String) -> Bool = URLPolicy.isAllowed
  ) -> MarkdownOutline {
    guard let document = parse(text) else { return MarkdownOutline(blocks: [], links: []) }
    defer { cmark_node_free(document) }
    var links: [MarkdownLink] = []
    if let deepest = firstTooDeep(document, links: &links) {
      return MarkdownOutline(blocks: [], links: [], tooDeep: deepest)
    }
    guard rendering else { return MarkdownOutline(blocks: children(of: document).map(block), links: links) }
    neutralizeLinks(in: document, allow: allow)
    let blocks = children(of: document).map { node -> MarkdownBlock in
      var outlined = block(node)
      guard outlined.kind == .list, isChecklist(outlined) else {
        outlined.html = render(node)
        return outlined
      }
      // A note is shown as a block of its own: its paragraphs are never those of a tight list.
      cmark_node_set_list_tight(node, 0)
      for (index, item) in children(of: node).enumerated() where index < outlined.children.count {
        outlined.children[index].noteHTML = noteHTML(of: item)
      }
      return outlined
    }
    return MarkdownOutline(blocks: blocks, links: links)
  }

  /// The HTML of what follows an item's first line, as a checklist note is defined (the lines
  /// under the box line). libcmark reads a note written straight under the box line as the rest
  /// of the item's first paragraph, so that paragraph is split at its first line break. When
  /// something before that break spans lines (a code span, emphasis or a link running onto the
  /// next line), the tree cannot be split there, and nil asks for the note's own text instead.
  private static func noteHTML(of item: OpaquePointer) -> String? {
    guard let first = cmark_node_first_child(item), cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH else {
      return nil
    }
    var html = ""
    let firstLine = cmark_node_get_start_line(first)
    if cmark_node_get_end_line(first) > firstLine {
      var lineBreak: OpaquePointer?
      var child = cmark_node_first_child(first)
      while let current = child {
        let type = cmark_node_get_type(current)
        if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
          lineBreak = current
          break
        }
        if cmark_node_get_end_line(current) != firstLine { return nil }
        child = cmark_node_next(current)
      }
      guard let lineBreak, let rest = cmark_node_new(CMARK_NODE_PARAGRAPH) else { return nil }
      defer { cmark_node_free(rest) }
      while let moved = cmark_node_next(lineBreak) {
        guard cmark_node_append_child(rest, moved) == 1 else { return nil }
      }
      html += render(rest)
    }
    var block = cmark_node_next(first)
    while let current = block {
      html += render(current)
      block = cmark_node_next(current)
    }
    return html
  }

  private static func render(_ node: OpaquePointer) -> String {
    guard let rendered = cmark_render_html(node, options) else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
  }

  /// HTML for `text`. Links and images whose destination `allow` refuses become their plain text.
  /// Text nested deeper than `maximumDepth` gives no HTML (the loader refuses it first).
  package static func html(_ text: String, allow: (String) -> Bool = URLPolicy.isAllowed) -> String {
    guard let document = parse(text) else { return "" }
    defer { cmark_node_free(document) }
    var links: [MarkdownLink] = []
    guard firstTooDeep(document, links: &links) == nil else { return "" }
    neutralizeLinks(in: document, allow: allow)
    return render(document)
  }

  private static func parse(_ text: String) -> OpaquePointer? {
    var text = text
    return text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        // Source positions for inlines too (they never reach the HTML: rendering leaves the
        // option out), so a note's split can tell what ends on the box line.
        cmark_parse_document(chars.baseAddress, chars.count, options | CMARK_OPT_SOURCEPOS)
      }
    }
  }

  private static func children(of node: OpaquePointer) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    var child = cmark_node_first_child(node)
    while let current = child {
      result.append(current)
      child = cmark_node_next(current)
    }
    return result
  }

  private static func block(_ node: OpaquePointer) -> MarkdownBlock {
    let line = Int(cmark_node_get_start_line(node))
    let column = Int(cmark_node_get_start_column(node))
    let endLine = Int(cmark_node_get_end_line(node))
    switch cmark_node_get_type(node) {
    case CMARK_NODE_HEADING:
      return MarkdownBlock(
        kind: .heading(level: Int(cmark_node_get_heading_level(node))), line: line, column: column,
        endLine: endLine, text: inlineText(node))
    case CMARK_NODE_PARAGRAPH:
      return MarkdownBlock(kind: .paragraph, line: line, column: column, endLine: endLine, text: inlineText(node))
    case CMARK_NODE_LIST:
      return MarkdownBlock(
        kind: .list, line: line, column: column, endLine: endLine, children: children(of: node).map(block))
    case CMARK_NODE_ITEM:
      return MarkdownBlock(
        kind: .item, line: line, column: column, endLine: endLine, children: children(of: node).map(block))
    case CMARK_NODE_HTML_BLOCK:
      return MarkdownBlock(kind: .html, line: line, column: column, endLine: endLine, text: literal(node))
    case CMARK_NODE_CODE_BLOCK:
      return MarkdownBlock(kind: .code, line: line, column: column, endLine: endLine, text: literal(node))
    default:
      return MarkdownBlock(kind: .other, line: line, column: column, endLine: endLine)
    }
  }

  private static func inlineText(_ node: OpaquePointer) -> String {
    var text = ""
    for child in children(of: node) {
      switch cmark_node_get_type(child) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE:
        if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
        text += " "
      default:
        text += inlineText(child)
      }
    }
    return text
  }

  private static func literal(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  /// One iterative walk (libcmark's own iterator, no recursion): collects every link and image
  /// in document order, and returns where the tree first nests deeper than `maximumDepth`.
  private static func firstTooDeep(_ document: OpaquePointer, links: inout [MarkdownLink]) -> (
    line: Int, column: Int
  )? {
    guard let iterator = cmark_iter_new(document) else { return nil }
    defer { cmark_iter_free(iterator) }
    var depth = 0
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { return nil }
      guard let node = cmark_iter_get_node(iterator) else { return nil }
      let type = cmark_node_get_type(node)
      if event == CMARK_EVENT_EXIT {
        depth -= 1
        continue
      }
      // Leaves get an enter event only; containers an enter and an exit.
      if isContainer(type) { depth += 1 }
      if depth > maximumDepth {
        var line = Int(cmark_node_get_start_line(node))
        var column = Int(cmark_node_get_start_column(node))
        var up = cmark_node_parent(node)
        while line == 0, let parent = up {  // inlines of some kinds carry no position
          line = Int(cmark_node_get_start_line(parent))
          column = Int(cmark_node_get_start_column(parent))
          up = cmark_node_parent(parent)
        }
        return (max(line, 1), max(column, 1))
      }
      if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        links.append(
          MarkdownLink(
            destination: url, isImage: type == CMARK_NODE_IMAGE,
            line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))))
      }
    }
  }

  /// Node types libcmark's iterator enters and exits (it enters leaves only).
  private static func isContainer(_ type: cmark_node_type) -> Bool {
    switch type {
    case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_PARAGRAPH,
      CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE,
      CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
      true
    default: false
    }
  }

  /// Replaces each refused link or image by its children (the link text or the image's alt
  /// text), so the reader still sees the words but nothing points anywhere. The links are
  /// found by the iterative walk, then replaced innermost first, so no walk recurses.
  private static func neutralizeLinks(in document: OpaquePointer, allow: (String) -> Bool) {
    var found: [OpaquePointer] = []
    guard let iterator = cmark_iter_new(document) else { return }
    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE, event != CMARK_EVENT_NONE {
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { found.append(node) }
    }
    cmark_iter_free(iterator)
    for link in found.reversed() {
      let url = cmark_node_get_url(link).map { String(cString: $0) } ?? ""
      guard !allow(url) else { continue }
      for grandchild in children(of: link) {
        cmark_node_insert_before(link, grandchild)
      }
      cmark_node_free(link)
    }
  }
}
