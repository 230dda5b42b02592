import PillarParallel
import PillarRecords

/// The site's search index (docs/search.md), made from the searchable pages' sections:
///
/// - `search/pages.json`: every searchable page as `[path, title]`, sorted by path; a page's
///   number is its place in this list.
/// - `search/terms/<key>.json`: for every term whose first two characters are the key (as
///   UTF-8 in hex), the pages and sections it occurs in: `{"term": [[page, section, …], …]}`.
///   The search page fetches only the files of the words typed.
/// - `search/pages/<page>.json`: each page's sections (`SearchDocument.fragment`), fetched for
///   the excerpts of the results shown.
///
/// It replaced Pagefind, which took about 5 s and 655 MiB for the 2,022 searchable pages of a
/// 1,000-workload site, could not be made incremental, and needed `wasm-unsafe-eval` in the
/// search page's policy (docs/performance.md has the measurements).
package enum SearchIndex {
  /// Terms longer than this (hashes, encoded blobs) are not indexed; the search page ignores
  /// them in queries too.
  static let longestTerm = 64

  /// The terms of a text, in order, repeats included: runs of letters and digits (Unicode
  /// general categories L and N), lowercased. The search page splits a query the same way
  /// (`toLowerCase()`, then `/[\p{L}\p{N}]+/gu`).
  package static func terms(in text: String) -> [String] {
    var terms: [String] = []
    forEachTerm(in: text) { terms.append($0) }
    return terms
  }

  /// Each term of a text, in order, to `body`; most text is ASCII, whose terms are cut and
  /// lowercased byte by byte.
  static func forEachTerm(in text: String, _ body: (String) -> Void) {
    var text = text
    let ascii = text.withUTF8 { bytes -> Bool in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
      var term: [UInt8] = []
      term.reserveCapacity(longestTerm)
      for index in 0...bytes.count {
        let byte = index < bytes.count ? bytes[index] : 0x20
        let lower = byte | 0x20
        if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
          term.append(byte >= 0x41 && byte <= 0x5A ? lower : byte)
        } else if !term.isEmpty {
          if term.count <= longestTerm { body(String(decoding: term, as: UTF8.self)) }
          term.removeAll(keepingCapacity: true)
        }
      }
      return true
    }
    guard !ascii else { return }
    forEachScalarTerm(in: text, body)
  }

  private static func forEachScalarTerm(in text: String, _ body: (String) -> Void) {
    var run = String.UnicodeScalarView()
    func finish() {
      guard !run.isEmpty else { return }
      // Lowercasing can yield marks (a dotted capital I becomes i and a combining dot), which
      // split the word again, as they do in the browser.
      for word in String(run).lowercased().unicodeScalars.split(whereSeparator: { !isWordScalar($0) })
      where word.count <= longestTerm {
        body(String(String.UnicodeScalarView(word)))
      }
      run = String.UnicodeScalarView()
    }
    for scalar in text.unicodeScalars {
      if isWordScalar(scalar) { run.append(scalar) } else { finish() }
    }
    finish()
  }

  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value | 0x20
      return (value >= 0x61 && value <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
    }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
      .letterNumber, .otherNumber:
      return true
    default: return false
    }
  }

  /// The file key of a term, packed: the UTF-8 bytes of its first two characters from the
  /// highest byte down, so keys order as their bytes do (a zero byte never occurs in a term).
  static func packedKey(of term: String) -> UInt64 {
    var packed: UInt64 = 0
    var shift: UInt64 = 56
    for scalar in term.unicodeScalars.prefix(2) {
      for byte in String(scalar).utf8 {
        packed |= UInt64(byte) << shift
        shift &-= 8
      }
    }
    return packed
  }

  static func fileName(of key: UInt64) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var name: [UInt8] = []
    var shift: UInt64 = 56
    while true {
      let byte = UInt8(truncatingIfNeeded: key >> shift)
      guard byte != 0 else { break }
      name += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      guard shift > 0 else { break }
      shift -= 8
    }
    return String(decoding: name, as: UTF8.self)
  }

  /// The index files for these pages (each page's fragment is written with the page). The same
  /// pages give the same bytes, in any order, and in any number of passes.
  package static func files(for postings: [SearchPostings], jobs: Int, passes: Int = 1) -> [SiteFile] {
    let collected = SiteSink.Collected()
    // Collecting does not throw.
    try? write(
      passes: passes, jobs: jobs, postings: { keeps in postings.map { $0.keeping(keeps) } }, to: collected.sink.file)
    return collected.files
  }

  /// Makes the index files and hands each to `write` as soon as it is made, from any thread, so
  /// the whole index is never held at once (it is as large as the site's searchable text); in
  /// `passes` passes, each over the terms files whose key `keeps` accepts:
  /// `postings` gives every page's postings cut down to them, read again for each pass, so
  /// memory holds a share of the site's postings (at 10,000 workloads they are 140 MB). Every
  /// page is in every pass, numbered by its place among all of them, so the files do not depend
  /// on the number of passes.
  package static func write(
    passes: Int, jobs: Int, postings: (_ keeps: @escaping @Sendable (UInt64) -> Bool) throws -> [SearchPostings],
    to write: @Sendable (SiteFile) throws -> Void
  ) throws {
    let passes = max(1, passes)
    for pass in 0..<passes {
      let pages = try postings { key in passes == 1 || Int(key % UInt64(passes)) == pass }
        .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
      try writeTerms(of: pages, jobs: jobs, to: write)
      if pass == 0 { try writePages(pages, to: write) }
    }
  }

  /// The terms files of the keys in these pages' postings.
  private static func writeTerms(
    of pages: [SearchPostings], jobs: Int, to write: @Sendable (SiteFile) throws -> Void
  ) throws {
    var byKey: [UInt64: [(page: Int, range: Range<Int>)]] = [:]
    for (number, page) in pages.enumerated() {
      for (key, range) in page.keys { byKey[key, default: []].append((number, range)) }
    }
    let keyed = byKey
    try Parallel.mapThrowing(byKey.keys.sorted(), jobs: jobs) { key in
      // Each term's pages in page order: pages are visited in order, so appending keeps it, and
      // only the distinct terms are sorted (sorting every entry, each holding a reference to
      // its page's buffer, grew faster than the site: 0.4 s at 1,000 workloads, 8.9 s at
      // 10,000).
      var slot: [String: Int] = [:]
      var lists: [[UInt8]] = []
      for (number, range) in keyed[key]! {
        let page = Array(String(number).utf8)
        pages[number].forEachEntry(in: range) { term, sections in
          let name = String(decoding: term, as: UTF8.self)
          let index: Int
          if let known = slot[name] {
            index = known
            lists[index].append(UInt8(ascii: ","))
          } else {
            index = lists.count
            slot[name] = index
            lists.append([])
          }
          lists[index].append(UInt8(ascii: "["))
          lists[index] += page
          lists[index] += sections
          lists[index].append(UInt8(ascii: "]"))
        }
      }
      var json: [UInt8] = [UInt8(ascii: "{")]
      json.reserveCapacity(lists.reduce(0) { $0 + $1.count } + 32 * lists.count)
      for (position, term) in slot.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
        if position > 0 { json.append(UInt8(ascii: ",")) }
        json.append(UInt8(ascii: "\""))
        json += term.utf8  // letters and digits only: nothing to escape
        json += Array("\":[".utf8)
        json += lists[slot[term]!]
        json.append(UInt8(ascii: "]"))
      }
      json.append(UInt8(ascii: "}"))
      try write(SiteFile(path: "search/terms/\(fileName(of: key)).json", contents: json))
    }
  }

  /// `search/pages.json`: every page's path and title, in order.
  private static func writePages(_ pages: [SearchPostings], to write: @Sendable (SiteFile) throws -> Void) throws {
    var list = PrettyJSON(pretty: false, capacity: 64 * pages.count)
    list.beginList()
    for page in pages {
      list.item()
      list.strings([page.path, page.title])
    }
    list.endList()
    try write(SiteFile(path: "search/pages.json", contents: list.bytes))
  }
}
