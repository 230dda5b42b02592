/// The block structure of a Markdown text as plain Swift values, so the rest of Pillar never
/// touches libcmark's C nodes. Positions are 1-based and relative to the text parsed.
public struct MarkdownBlock: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
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

  public var kind: Kind
  public var line: Int
  public var column: Int
  public var endLine: Int
  /// The literal text of the block's inlines (headings and paragraphs), soft breaks as spaces;
  /// the literal source of raw HTML and code blocks.
  public var text: String
  /// Items of a list, blocks of an item.
  public var children: [MarkdownBlock]

  public init(kind: Kind, line: Int, column: Int, endLine: Int, text: String = "", children: [MarkdownBlock] = []) {
    self.kind = kind
    self.line = line
    self.column = column
    self.endLine = endLine
    self.text = text
    self.children = children
  }
}

/// A link or image destination and where it was written.
public struct MarkdownLink: Sendable, Hashable {
  public var destination: String
  public var isImage: Bool
  public var line: Int
  public var column: Int

  public init(destination: String, isImage: Bool, line: Int, column: Int) {
    self.destination = destination
    self.isImage = isImage
    self.line = line
    self.column = column
  }
}

public struct MarkdownOutline: Sendable {
  public var blocks: [MarkdownBlock]
  public var links: [MarkdownLink]
  /// Where the text first nests deeper than `CommonMark.maximumDepth`; the outline is then
  /// empty, since such a text is refused rather than walked.
  public var tooDeep: (line: Int, column: Int)?

  public init(blocks: [MarkdownBlock], links: [MarkdownLink], tooDeep: (line: Int, column: Int)? = nil) {
    self.blocks = blocks
    self.links = links
    self.tooDeep = tooDeep
  }
}
