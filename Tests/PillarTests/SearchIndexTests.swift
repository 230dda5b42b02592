import Foundation
import Testing

@testable import PillarSite

/// The site's own search index: what a page's text is, how it is split into terms, and the
/// files the search page reads (docs/search.md).
@Suite struct SearchIndexTests {
  @Test func aPageIsReadAsTheReaderSeesItAndCutAtItsHeadings() {
    let body = """
      <p class="crumbs"><a href="x.html">Dashboard</a> &rsaquo; Shop</p>
      <h1>Shop &amp; co <span class="release">release 2026.1</span></h1>
      <nav data-search-ignore><h2>Contents</h2><ol><li>SEC01</ol></nav>
      <section id="SEC01"><h2>SEC01 Operate <small>High</small></h2>
      <ul><li>Note one<li>Note&nbsp;two</ul>
      <svg><text>Score 50</text></svg><script>var x = "<h2>";</script>
      <div hidden data-pagefind-ignore>filter</div>
      <p>Tile<span>98</span><span>score</span> &#x41;&#66; <code>a&lt;b</code></p></section>
      <h3 id="late">Late</h3><!-- <h2>comment</h2> -->text<br>after
      """
    let document = SearchText.document(path: "p.html", title: "Shop", body: Array(body.utf8))
    #expect(
      document.sections == [
        .init(anchor: "", heading: "", text: "Dashboard › Shop"),
        .init(anchor: "", heading: "Shop & co release 2026.1", text: ""),
        .init(anchor: "SEC01", heading: "SEC01 Operate High", text: "Note one Note two Tile 98 score AB a<b"),
        .init(anchor: "late", heading: "Late", text: "text after"),
      ])
  }

  @Test func termsAreRunsOfLettersAndDigitsLowercasedAsTheBrowserDoes() {
    let long = String(repeating: "a", count: 65)
    #expect(
      SearchIndex.terms(in: "Least-privilege: SEC01-BP02 İstanbul Café 2026.1 ÉTÉ x \(long) ½") == [
        "least", "privilege", "sec01", "bp02", "i", "stanbul", "café", "2026", "1", "été", "x", "½",
      ])
  }

  @Test func aTermIsFiledUnderItsFirstTwoCharacters() {
    #expect(SearchIndex.fileName(of: SearchIndex.packedKey(of: "alpha")) == "616c")
    #expect(SearchIndex.fileName(of: SearchIndex.packedKey(of: "x")) == "78")
    #expect(SearchIndex.fileName(of: SearchIndex.packedKey(of: "été")) == "c3a974")
    #expect(SearchIndex.fileName(of: SearchIndex.packedKey(of: "𝔸𝔹c")) == "f09d94b8f09d94b9")
    // Keys order as their bytes do, so each file's terms are together in sorted order.
    let terms = ["zeta", "a", "ab", "été", "b", "abc"]
    #expect(
      terms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { SearchIndex.packedKey(of: $0) }
        == terms.map { SearchIndex.packedKey(of: $0) }.sorted())
  }

  @Test func theIndexListsEachTermsPagesAndSections() {
    let b = SearchDocument(
      path: "b.html", title: "B",
      sections: [
        .init(anchor: "", heading: "Alpha beta", text: "beta gamma"), .init(anchor: "s1", heading: "Gamma", text: ""),
      ])
    let a = SearchDocument(path: "a.html", title: "A", sections: [.init(anchor: "", heading: "", text: "alpha ALPHA")])
    let files = SearchIndex.files(for: [b, a].map(SearchPostings.init), jobs: 2)
    let text = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    #expect(
      text == [
        "search/pages.json": #"[["a.html","A"],["b.html","B"]]"#,
        "search/terms/616c.json": #"{"alpha":[[0,0],[1,0]]}"#,
        "search/terms/6265.json": #"{"beta":[[1,0]]}"#,
        "search/terms/6761.json": #"{"gamma":[[1,0,1]]}"#,
      ])
    #expect(files == SearchIndex.files(for: [a, b].map(SearchPostings.init), jobs: 1))
    // Written in passes (a large site's postings a share at a time), the files are the same.
    for passes in [2, 3, 7] {
      #expect(SearchIndex.files(for: [b, a].map(SearchPostings.init), jobs: 2, passes: passes) == files)
    }
  }

  /// A build sets each page's postings aside on disk while it renders; read back, they make the
  /// same index, and a cut file is refused.
  @Test func postingsSetAsideReadBackTheSame() throws {
    let page = SearchDocument(
      path: "workloads/shop/2026.1.html", title: "Shop · 2026.1",
      sections: [
        .init(anchor: "", heading: "Café", text: "alpha beta"), .init(anchor: "s", heading: "Beta", text: "été"),
      ])
    let postings = SearchPostings(page)
    let bytes = postings.serialized
    let back = try #require(SearchPostings(serialized: bytes))
    #expect(back.serialized == bytes)
    #expect(SearchIndex.files(for: [back], jobs: 1) == SearchIndex.files(for: [postings], jobs: 1))
    #expect(SearchPostings(serialized: Array(bytes.dropLast())) == nil)
    // An entry whose length runs past the end is refused, not read out of bounds.
    var damaged = bytes
    damaged[bytes.count - back.bytes.count] = 0xFF
    #expect(SearchPostings(serialized: damaged) == nil)
    #expect(SearchPostings(serialized: []) == nil)
  }

  @Test func aPagesSectionsFileHoldsItsTextAsJSON() throws {
    let document = SearchDocument(
      path: "workloads/shop/2026.1.html", title: "Shop \"quoted\" \\ back",
      sections: [
        .init(anchor: "", heading: "", text: ""),
        .init(anchor: "SEC01", heading: "Café ½ 𝔸", text: "line\nbreak\ttab \u{1} control </script> <b>"),
      ])
    struct Stored: Decodable, Equatable {
      var path: String
      var title: String
      var sections: [[String]]
    }
    let fragment = document.fragment
    #expect(fragment.path == "search/pages/workloads/shop/2026.1.json")
    #expect(
      try JSONDecoder().decode(Stored.self, from: Data(fragment.contents))
        == Stored(
          path: document.path, title: document.title,
          sections: document.sections.map { [$0.anchor, $0.heading, $0.text] }))
  }

}
