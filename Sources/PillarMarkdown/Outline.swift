/// The block structure of a Markdown text as plain Swift values, so the rest of Pillar never
/// touches libcmark's C nodes. Positions are 1-based and relative to the text parsed.
package struct MarkdownBlock: Sendable, Hashable {
  package enum Kind: Sendable, Hashable {
    case heading(level: Int)
    case paragraph
    case list
    case item
    /// A raw HTML block (never shown on the site); `text` is its literal source.
    case html
    /// A code block, fenced or indented; `text` is its content.
    case code
    case other
  }

  package var kind: Kind
  package var line: Int
  package var column: Int
  package var endLine: Int
  /// The literal text of the block's inlines (headings and paragraphs), soft breaks as spaces;
  /// the literal source of raw HTML and code blocks.
  package var text: String
  /// Items of a list, blocks of an item.
  package var children: [MarkdownBlock]
  /// The block's safe HTML, rendered from the same libcmark tree (top-level blocks of an outline
  /// made with `rendering`, except checklists); nil when not rendered.
  package var html: String?
  /// For an item of a top-level checklist: the safe HTML of what follows the item's first line
  /// (its note); nil when not rendered, or when the tree cannot give it (then it is rendered from
  /// the note's own text).
  package var noteHTML: String?

  package init(kind: Kind, line: Int, column: Int, endLine: Int, text: String = "", children: [MarkdownBlock] = []) {
    self.kind = kind
    self.line = line
    self.column = column
    self.endLine = endLine
    self.text = text
    self.children = children
  }
}

/// A link or image destination and where it was written.
package struct MarkdownLink: Sendable, Hashable {
  package var destination: String
  package var isImage: Bool
  package var line: Int
  package var column: Int

  package init(destination: String, isImage: Bool, line: Int, column: Int) {
    self.destination = destination
    self.isImage = isImage
    self.line = line
    self.column = column
  }
}

package struct MarkdownOutline: Sendable {
  package var blocks: [MarkdownBlock]
  package var links: [MarkdownLink]
  /// Where the text first nests deeper than `CommonMark.maximumDepth`; the outline is then
  /// empty, since such a text is refused rather than walked.
  package var tooDeep: (line: Int, column: Int)?

  package init(blocks: [MarkdownBlock], links: [MarkdownLink], tooDeep: (line: Int, column: Int)? = nil) {
    self.blocks = blocks
    self.links = links
    self.tooDeep = tooDeep
  }
}

extension CommonMark {
  /// The text of the first `count` paragraphs of Markdown, in reading order, as plain text (what
  /// formats without Markdown, a lens or OSCAL prose, show).
  package static func paragraphs(_ source: String, count: Int) -> [String] {
    var texts: [String] = []
    func walk(_ blocks: [MarkdownBlock]) {
      for block in blocks where texts.count < count {
        if block.kind == .paragraph, !block.text.isEmpty { texts.append(block.text) }
        walk(block.children)
      }
    }
    walk(outline(source).blocks)
    return texts
  }
}
