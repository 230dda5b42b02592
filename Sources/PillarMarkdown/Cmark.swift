// The only file that imports libcmark. C nodes never leave it: every function here parses,
// converts to Swift values and frees the tree before returning.
import CCmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum CommonMark {
  /// Safe rendering: no CMARK_OPT_UNSAFE, so raw HTML becomes `<!-- raw HTML omitted -->`.
  private static let options = CMARK_OPT_DEFAULT | CMARK_OPT_NOBREAKS

  /// The block structure of `text`, and every link and image destination in it.
  public static func outline(_ text: String) -> MarkdownOutline {
    guard let document = parse(text) else { return MarkdownOutline(blocks: [], links: []) }
    defer { cmark_node_free(document) }
    var links: [MarkdownLink] = []
    collectLinks(document, into: &links)
    return MarkdownOutline(blocks: children(of: document).map(block), links: links)
  }

  /// HTML for `text`. Links and images whose destination `allow` refuses become their plain text.
  public static func html(_ text: String, allow: (String) -> Bool = URLPolicy.isAllowed) -> String {
    guard let document = parse(text) else { return "" }
    defer { cmark_node_free(document) }
    neutralizeLinks(in: document, allow: allow)
    guard let rendered = cmark_render_html(document, options) else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
  }

  private static func parse(_ text: String) -> OpaquePointer? {
    var text = text
    return text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        cmark_parse_document(chars.baseAddress, chars.count, options)
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

  private static func collectLinks(_ node: OpaquePointer, into links: inout [MarkdownLink]) {
    for child in children(of: node) {
      let type = cmark_node_get_type(child)
      if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
        let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
        links.append(
          MarkdownLink(
            destination: url, isImage: type == CMARK_NODE_IMAGE,
            line: Int(cmark_node_get_start_line(child)), column: Int(cmark_node_get_start_column(child))))
      }
      collectLinks(child, into: &links)
    }
  }

  /// Replaces each refused link or image by its children (the link text or the image's alt
  /// text), so the reader still sees the words but nothing points anywhere.
  private static func neutralizeLinks(in node: OpaquePointer, allow: (String) -> Bool) {
    for child in children(of: node) {
      neutralizeLinks(in: child, allow: allow)
      let type = cmark_node_get_type(child)
      guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
      let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
      guard !allow(url) else { continue }
      for grandchild in children(of: child) {
        cmark_node_insert_before(child, grandchild)
      }
      cmark_node_free(child)
    }
  }
}
