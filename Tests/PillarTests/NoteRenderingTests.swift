import Foundation
import PillarLoad
import PillarMarkdown
import PillarModel
import Testing

/// Notes are rendered from the one libcmark parse the loader makes of each file. The reference
/// is libcmark's rendering of the note's own text (what the site did when it parsed each note a
/// second time): the tree must give the same bytes, or decline (nil) so the text is rendered on
/// its own.
@Suite struct NoteRenderingTests {
  /// Answer-file bodies with one checklist, and the text under each item's box line.
  static let agreeing: [(body: String, notes: [String])] = [
    (
      "- [x] A-BP01 Title\n  Written straight under the box line,\n  over two lines.\n",
      ["Written straight under the box line,\nover two lines."]
    ),
    (
      "- [x] A-BP01 Title\n\n  After a blank line.\n- [ ] A-BP02 Other\n  Second *note* with [a link](https://a.example).\n",
      ["\nAfter a blank line.", "Second *note* with [a link](https://a.example)."]
    ),
    (
      "- [x] A-BP01 Title\n  Lead.\n\n  - nested one\n  - nested two\n\n  ```\n  code\n  ```\n- [x] A-BP02 No note\n",
      ["Lead.\n\n- nested one\n- nested two\n\n```\ncode\n```", ""]
    ),
    ("- [x] A-BP01 Title with `code` and *emphasis*\\\n  After a hard break.\n", ["After a hard break."]),
    (
      "- [x] A-BP01 Title\n  [bad](javascript:alert(1)) and <b>raw</b>\n", ["[bad](javascript:alert(1)) and <b>raw</b>"]
    ),
    // A tight list: its items' paragraphs have no <p>, a note's always do.
    (
      "- [x] A-BP01 Title\n  ```\n  fenced\n  ```\n  Paragraph after the fence.\n- [x] A-BP02 T\n",
      ["```\nfenced\n```\nParagraph after the fence.", ""]
    ),
    (
      "1. [n/a] A-BP01 Title: not here\n   Ordered, tight.\n2. [x] A-BP02 Two\n   Also.\n",
      ["Ordered, tight.", "Also."]
    ),
  ]

  @Test(arguments: agreeing.indices)
  func treeGivesTheBytesOfTheNotesOwnParse(_ index: Int) throws {
    let (body, notes) = Self.agreeing[index]
    let outline = CommonMark.outline(body, rendering: true) { _ in true }
    let items = try #require(outline.blocks.first).children
    #expect(items.count == notes.count)
    for (item, note) in zip(items, notes) {
      #expect(item.noteHTML == (note.isEmpty ? "" : CommonMark.html(note)))
    }
    #expect(outline.blocks.first?.html == nil, "a checklist is not rendered whole")
  }

  @Test func aSpanRunningOffTheBoxLineDeclines() {
    for body in ["- [x] A-BP01 `code\n  span` note\n", "- [x] A-BP01 *emphasis\n  runs on* here\n"] {
      let outline = CommonMark.outline(body, rendering: true) { _ in true }
      #expect(outline.blocks.first?.children.first?.noteHTML == nil, "\(body)")
    }
  }

  @Test func blocksOutsideChecklistsCarryTheirHTML() {
    let body = "Intro with [x](https://a.example).\n\n## Q1 Title\n- plain\n- list\n\n> quoted\n"
    let outline = CommonMark.outline(body, rendering: true) { _ in false }
    #expect(outline.blocks.compactMap(\.html).joined() == CommonMark.html(body))
  }
}

/// Every Markdown text of whole workbooks, loaded as the build loads them: the HTML from the one
/// parse equals libcmark's rendering of the text on its own.
@Suite struct WorkbookNoteRenderingTests {
  @Test(arguments: ["basic", "generated"])
  func everyTextRendersAsItsOwnParse(_ name: String) throws {
    let root: URL
    if name == "generated" {
      root = temporaryFolder()
      try generateWorkbook(at: root, workloads: 6, releases: 3)
    } else {
      root = Repo.fixtures.appendingPathComponent(name)
    }
    defer { if name == "generated" { try? FileManager.default.removeItem(at: root) } }
    let inventory = Inventory.discover(root: root)
    let (set, _) = WorkbookLoader.loadQuestionSet(root: root, inventory: inventory, renderingNotes: true)
    var texts = Self.texts(in: set)
    for folder in inventory.workloads {
      texts += Self.texts(in: WorkbookLoader.loadWorkload(root: root, folder: folder, set: set, renderingNotes: true).0)
    }
    let shown = texts.filter { !$0.isBlank }
    #expect(shown.count > 20)
    for text in shown {
      let html = try #require(text.html, "\(text.location): not rendered from the tree")
      #expect(html == CommonMark.html(text.source), "\(text.location)")
    }
  }

  /// Every `MarkdownText` inside a model value, found by reflection so a new field is covered too.
  static func texts(in value: Any) -> [MarkdownText] {
    if let text = value as? MarkdownText { return [text] }
    return Mirror(reflecting: value).children.flatMap { texts(in: $0.value) }
  }
}
