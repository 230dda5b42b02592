import Foundation
import PillarDiagnostics
import PillarScoring
import PillarSite
import Testing

/// The rendered pages of the fixture workbook, compared byte for byte with the files under
/// `Golden/basic/`. Run with `PILLAR_RECORD=1` to write them anew after an intended change,
/// then read the diff before committing it.
@Suite struct GoldenTests {
  static let record = ProcessInfo.processInfo.environment["PILLAR_RECORD"] == "1"

  /// Compares `text` with the golden file (or writes it there under PILLAR_RECORD=1).
  static func expect(_ text: String, matches file: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws
  {
    if record {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
      return
    }
    #expect(text == (try String(contentsOf: file, encoding: .utf8)), sourceLocation: sourceLocation)
  }

  static func renderFixture() throws -> [SiteFile] {
    let checked = try Workbench().checked(date: "2026-11-01")
    let (templates, problems) = Templates.load(from: Repo.templates)
    #expect(problems.isEmpty)
    return try SiteRenderer.render(checked.evaluation, templates: try #require(templates), jobs: 2)
  }

  @Test func pagesMatchTheGoldenFiles() throws {
    let files = try Self.renderFixture().filter { $0.path.hasSuffix(".html") }
    let folder = Repo.golden.appendingPathComponent("basic")
    if Self.record {
      try? FileManager.default.removeItem(at: folder)
      for file in files {
        let url = folder.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents).write(to: url)
      }
      return
    }
    let expected = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }
      .sorted()
    #expect(files.map(\.path) == expected, "the set of pages changed; re-record with PILLAR_RECORD=1")
    for file in files {
      let golden = try Data(contentsOf: folder.appendingPathComponent(file.path))
      #expect(
        String(decoding: file.contents, as: UTF8.self) == String(decoding: golden, as: UTF8.self),
        "\(file.path) differs from its golden file; re-record with PILLAR_RECORD=1 if the change is intended")
    }
  }

  /// Every page carries the strict policy. The one script a page may load is the site's own
  /// (`assets/pillar.js`, sorting and filtering), only on pages that use it, and then the policy
  /// allows `script-src 'self'` and nothing more; no page has inline script or style.
  @Test func everyPageCarriesTheContentSecurityPolicyAndNoScript() throws {
    let strict =
      #"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'"#
    let scripted =
      #"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'"#
    var scriptedPages: [String] = []
    for file in try Self.renderFixture() where file.path.hasSuffix(".html") {
      var html = String(decoding: file.contents, as: UTF8.self)
      let tag =
        #"<script src="\#(String(repeating: "../", count: file.path.count { $0 == "/" }))assets/pillar.js" defer></script>"#
      if file.path == "search.html" {
        // The search page's script, which fetches the index from the site and nothing else.
        #expect(
          html.contains(
            #"content="default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'"#
          ))
        let script = #"<script src="assets/search.js" defer></script>"#
        #expect(html.contains(script))
        html = html.replacingOccurrences(of: script, with: "")
      } else if html.contains(tag) {
        scriptedPages.append(file.path)
        #expect(html.contains(scripted), "\(file.path)")
        html = html.replacingOccurrences(of: tag, with: "")
      } else {
        #expect(html.contains(strict), "\(file.path)")
      }
      #expect(!html.lowercased().contains("<script"), "\(file.path)")
      #expect(!html.contains(" style=\""), "\(file.path)")
    }
    // The dashboard and the scorecards (sorting and filtering), nothing else.
    #expect(
      scriptedPages.allSatisfy {
        $0 == "index.html" || ($0.hasPrefix("workloads/") && !$0.hasSuffix("/index.html") && !$0.contains("/changes/"))
      })
    #expect(scriptedPages.contains("index.html") && scriptedPages.count > 1)
  }

  /// The fixture's search index (docs/search.md), every file of it in one golden text: the page
  /// list, each term's pages and sections, and each page's sections.
  @Test func searchIndexMatchesTheGoldenFile() throws {
    let files = try Self.renderFixture().filter { $0.path.hasPrefix("search/") }
    #expect(files.contains { $0.path == "search/pages.json" })
    #expect(files.contains { $0.path == "search/pages/workloads/shop/2026.10.json" })
    let text = files.map { "== \($0.path)\n\(String(decoding: $0.contents, as: UTF8.self))\n" }.joined()
    try Self.expect(text, matches: Repo.golden.appendingPathComponent("search-index.txt"))
  }

  @Test func renderingTwiceGivesTheSameBytes() throws {
    #expect(try Self.renderFixture() == Self.renderFixture())
  }

  @Test func templatesMayNotPrintUnescapedValuesOtherThanHtml() {
    let problems = Templates.check("<p>{{{note}}}</p>\n<p>{{&title}}</p>\n{{{bodyHtml}}}", path: "templates/x.mustache")
    #expect(
      problems.map(\.formatted) == [
        "templates/x.mustache:1:4: error: 'note' is written unescaped; only values named '…Html' may be, use {{note}} [unescaped-template-value]",
        "templates/x.mustache:2:4: error: 'title' is written unescaped; only values named '…Html' may be, use {{title}} [unescaped-template-value]",
      ])
  }
}

/// The escaping check reads the parsed template: the parser refuses the ways around it at
/// their position, and reports every unescaped tag where it is.
@Suite struct TemplateLintTests {
  @Test func delimiterChangesAndPragmasAreRefused() {
    #expect(
      Templates.check("x\n{{=<% %>=}}<%{note}%>", path: "t.mustache").map(\.formatted) == [
        "t.mustache:2:1: error: templates may not change the delimiters [unescaped-template-value]"
      ])
    #expect(
      Templates.check("{{%CONTENT_TYPE: TEXT}}", path: "t.mustache").map(\.formatted) == [
        "t.mustache:1:1: error: templates may not use pragmas [unescaped-template-value]"
      ])
    #expect(Templates.check("a\n  {{ &name }}", path: "t.mustache").map(\.location.column) == [3])
    // A malformed tag is a syntax error, not an escaping one.
    #expect(Templates.check("{{#open}}", path: "t.mustache").map(\.id) == ["template-syntax"])
  }
}
