import PillarTemplate

/// One file of the built site: its path inside the output folder and its bytes.
package struct SiteFile: Sendable, Equatable {
  package var path: String
  /// The bytes, in pieces written one after the other: the largest files (the data export, the
  /// build cache) are made record by record, and joining hundreds of megabytes first would hold
  /// them twice.
  package var pieces: [[UInt8]]
  /// A searchable page's text for the search index (see `SearchIndex`); not part of the file.
  package var search: SearchDocument?

  package var contents: [UInt8] { pieces.count == 1 ? pieces[0] : Array(pieces.joined()) }

  package init(path: String, contents: [UInt8]) {
    self.init(path: path, pieces: [contents])
  }

  /// The same file: path and bytes, however they are split into pieces.
  package static func == (a: SiteFile, b: SiteFile) -> Bool { a.path == b.path && a.contents == b.contents }

  package init(path: String, pieces: [[UInt8]]) {
    self.path = path
    self.pieces = pieces
  }

  package init(path: String, text: String) {
    self.init(path: path, contents: Array(text.utf8))
  }
}

/// A page before the layout wraps it: where it goes, its title and its template context.
struct PageSpec {
  var path: String
  var title: String
  var template: String
  var context: TemplateContext
  /// The section of the navigation the page belongs to.
  var section: String
  /// The page loads the site's own script (`assets/pillar.js`: sorting and filtering), so its
  /// Content-Security-Policy allows `script-src 'self'`. Every page works without it.
  var usesScript = false
  /// Its content goes into the search index (see `SearchIndex`).
  var searchable = false

  /// `../` repeated once per folder, so every link is relative and the site works from disk.
  var root: String { String(repeating: "../", count: path.count { $0 == "/" }) }
}
