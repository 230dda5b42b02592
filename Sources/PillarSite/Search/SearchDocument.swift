import PillarRecords

/// A searchable page as the search index holds it: its address, its title and its text cut at
/// headings into sections, each with the anchor a result links to. Made from the page's
/// rendered content (`SearchText`), so the index holds what a reader sees and a replaced
/// template is indexed as it is written.
package struct SearchDocument: Sendable, Equatable {
  package struct Section: Sendable, Equatable {
    /// The id a result links to (`page.html#anchor`); empty for the top of the page.
    package var anchor: String
    package var heading: String
    package var text: String

    package init(anchor: String, heading: String, text: String) {
      self.anchor = anchor
      self.heading = heading
      self.text = text
    }
  }

  /// The page's path in the site, `workloads/payments/2026.2.html`.
  package var path: String
  package var title: String
  package var sections: [Section]

  package init(path: String, title: String, sections: [Section]) {
    self.path = path
    self.title = title
    self.sections = sections
  }

  /// Where the page's sections are published for the search page's excerpts:
  /// `search/pages/workloads/payments/2026.2.json`. A workload's pages and this file are made
  /// and reused together, so a rebuild reads an unchanged workload's sections from here.
  package static func fragmentPath(of page: String) -> String {
    let stem = page.hasSuffix(".html") ? String(page.dropLast(5)) : page
    return "search/pages/\(stem).json"
  }

  /// The published file: `{"path":…,"title":…,"sections":[[anchor, heading, text], …]}`.
  package var fragment: SiteFile {
    var json = PrettyJSON(pretty: false, capacity: 1024 + sections.reduce(0) { $0 + $1.text.utf8.count + 64 })
    json.beginObject()
    json.field("path", path)
    json.field("title", title)
    json.field("sections", sections) { section, json in json.strings([section.anchor, section.heading, section.text]) }
    json.endObject()
    return SiteFile(path: Self.fragmentPath(of: path), contents: json.bytes)
  }
}
