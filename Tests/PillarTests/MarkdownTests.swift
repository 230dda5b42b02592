import PillarMarkdown
import Testing

@Suite struct MarkdownTests {
  @Test(arguments: [
    ("https://example.com", true), ("http://x", true), ("mailto:a@b.c", true), ("relative/page.html", true),
    ("#anchor", true), ("../up", false), ("javascript:alert(1)", false), ("JaVaScRiPt:alert(1)", false),
    (" javascript:x", false), ("java\tscript:x", false), ("java\nscript:x", false), ("data:text/html,x", false),
    ("vbscript:x", false), ("file:///etc/passwd", false), ("ftp://x", false), (":x", false),
    ("//evil.example/x.png", false), ("\\\\evil.example/x", false), ("/\\evil.example", false), ("/local/x", false),
    // Files of the reader's machine, when the site is opened from disk.
    ("/etc/hostname", false), ("../../../../etc/hostname", false), ("a/../../x", false), ("%2e%2E/x", false),
    (".%2e/x", false), ("..\\x", false), (" /etc/passwd", false), ("a/..b/c", true), ("a/.../c", true),
    ("page.html?x=../y", true), ("./same.html", true),
  ])
  func urlAllowList(_ url: String, _ allowed: Bool) {
    #expect(URLPolicy.isAllowed(url) == allowed)
  }

  @Test func refusedLinksBecomeTheirText() {
    let html = CommonMark.html(
      "[click](javascript:alert(1)) and ![img](data:image/png;base64,xx) and [ok](https://a.example)")
    #expect(!html.contains("javascript"))
    #expect(!html.contains("data:"))
    #expect(html.contains("click and img and <a href=\"https://a.example\">ok</a>"))
  }

  @Test func rawHtmlIsNeverPassedThrough() {
    let html = CommonMark.html("<script>alert(1)</script>\n\ntext <img src=x onerror=alert(1)>")
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(html.contains("raw HTML omitted"))
  }

  @Test func outlineKeepsPositions() {
    let outline = CommonMark.outline("# A\n\n## B\n- [x] item\n  more\n\nSee [l](https://x).\n")
    #expect(outline.blocks.map(\.line) == [1, 3, 4, 7])
    #expect(outline.blocks[1].kind == .heading(level: 2))
    #expect(outline.blocks[1].text == "B")
    #expect(outline.blocks[2].children.first?.children.first?.endLine == 5)
    #expect(outline.links.first?.line == 7)
    #expect(outline.links.first?.column == 5)
  }
}
