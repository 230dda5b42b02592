import PillarParallel
import PillarRecords
import Synchronization

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
      var start = -1
      var term: [UInt8] = []
      term.reserveCapacity(longestTerm)
      for index in 0...bytes.count {
        let byte = index < bytes.count ? bytes[index] : 0x20
        let lower = byte | 0x20
        if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
          if start < 0 { start = index }
          term.append(byte >= 0x41 && byte <= 0x5A ? lower : byte)
        } else if start >= 0 {
          if term.count <= longestTerm { body(String(decoding: term, as: UTF8.self)) }
          term.removeAll(keepingCapacity: true)
          start = -1
        }
      }
      return true
    }
    guard !ascii else { return }
    forEachScalarTerm(in: text, body)
  }

  private static func forEachScalarTerm(in text: String, _ body: (String) -> Void) {
    var run = String.UnicodeScalarView()
    var ascii = true
    func finish() {
      guard !run.isEmpty else { return }
      if ascii {
        if run.count <= longestTerm { body(String(run).lowercased()) }
      } else {
        // Lowercasing can yield marks (a dotted capital I becomes i and a combining dot), which
        // split the word again, as they do in the browser.
        for word in String(run).lowercased().unicodeScalars.split(whereSeparator: { !isWordScalar($0) })
        where word.count <= longestTerm {
          body(String(String.UnicodeScalarView(word)))
        }
      }
      run = String.UnicodeScalarView()
      ascii = true
    }
    for scalar in text.unicodeScalars {
      if isWordScalar(scalar) {
        run.append(scalar)
        if !scalar.isASCII { ascii = false }
      } else {
        finish()
      }
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
  /// pages give the same bytes, in any order.
  package static func files(for postings: [SearchPostings], jobs: Int) -> [SiteFile] {
    let collected = Mutex<[SiteFile]>([])
    // The collecting closure does not throw.
    try? write(postings, jobs: jobs) { file in collected.withLock { $0.append(file) } }
    return collected.withLock { $0 }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
  }

  /// Makes the index files and hands each to `write` as soon as it is made, from any thread, so
  /// the whole index is never held at once (it is as large as the site's searchable text).
  package static func write(
    _ postings: [SearchPostings], jobs: Int, to write: @Sendable (SiteFile) throws -> Void
  ) throws {
    let pages = postings.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
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

/// A page's terms for the index, made where the page is rendered (on every core), so the page's
/// text need not be kept until the index is written: each term with the sections it occurs in,
/// sorted by the term's bytes, in one buffer, and where each file key's terms begin and end.
package struct SearchPostings: Sendable {
  package var path: String
  package var title: String
  /// Entries one after the other: the term's length (two bytes), the term, the length of its
  /// sections (two bytes) and the sections as they are written in the index, `,0,4`.
  var bytes: [UInt8] = []
  var keys: [(key: UInt64, range: Range<Int>)] = []

  package init(_ document: SearchDocument) {
    path = document.path
    title = document.title
    // Each distinct term once, and (term, section) pairs in the order met: no array per term.
    var number: [String: Int] = [:]
    var terms: [String] = []
    var lastSection: [Int] = []
    var pairs: [(term: Int, section: Int)] = []
    for (section, text) in document.sections.enumerated() {
      let add = { (term: String) in
        if let known = number[term] {
          guard lastSection[known] != section else { return }
          lastSection[known] = section
          pairs.append((known, section))
        } else {
          number[term] = terms.count
          pairs.append((terms.count, section))
          terms.append(term)
          lastSection.append(section)
        }
      }
      SearchIndex.forEachTerm(in: text.heading, add)
      SearchIndex.forEachTerm(in: text.text, add)
    }
    // Each term's sections, ascending, grouped by term.
    var offsets = [Int](repeating: 0, count: terms.count + 1)
    for pair in pairs { offsets[pair.term + 1] += 1 }
    for index in terms.indices { offsets[index + 1] += offsets[index] }
    var sections = [Int](repeating: 0, count: pairs.count)
    var filled = offsets
    for pair in pairs {
      sections[filled[pair.term]] = pair.section
      filled[pair.term] += 1
    }
    let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
    bytes.reserveCapacity(terms.count * 16 + pairs.count * 3)
    var start = 0
    var current: UInt64?
    var written: [UInt8] = []
    for index in order {
      let term = terms[index]
      let key = SearchIndex.packedKey(of: term)
      if key != current {
        if let current { keys.append((current, start..<bytes.count)) }
        current = key
        start = bytes.count
      }
      written.removeAll(keepingCapacity: true)
      for section in sections[offsets[index]..<offsets[index + 1]] {
        written.append(UInt8(ascii: ","))
        Self.appendDigits(section, to: &written)
      }
      Self.appendLength(term.utf8.count, to: &bytes)
      bytes += term.utf8
      Self.appendLength(written.count, to: &bytes)
      bytes += written
    }
    if let current { keys.append((current, start..<bytes.count)) }
  }

  /// The postings as bytes, so a build can set them aside on disk while it renders (the index of
  /// a large site is as large as its searchable text) and read them back to write the index.
  package var serialized: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + keys.count * 16 + 256)
    func u32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { out += $0 } }
    u32(path.utf8.count)
    out += path.utf8
    u32(title.utf8.count)
    out += title.utf8
    u32(keys.count)
    for (key, range) in keys {
      withUnsafeBytes(of: key.littleEndian) { out += $0 }
      u32(range.lowerBound)
      u32(range.upperBound)
    }
    u32(bytes.count)
    out += bytes
    return out
  }

  package init?(serialized data: [UInt8]) {
    var position = 0
    func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
      guard data.count - position >= MemoryLayout<T>.size else { return nil }
      var value: T = 0
      for index in 0..<MemoryLayout<T>.size { value |= T(data[position + index]) << (8 * index) }
      position += MemoryLayout<T>.size
      return value
    }
    func text() -> String? {
      guard let count = integer(UInt32.self).map(Int.init), data.count - position >= count else { return nil }
      defer { position += count }
      return String(decoding: data[position..<(position + count)], as: UTF8.self)
    }
    guard let path = text(), let title = text(), let keyCount = integer(UInt32.self) else { return nil }
    var keys: [(key: UInt64, range: Range<Int>)] = []
    for _ in 0..<keyCount {
      guard let key = integer(UInt64.self), let lower = integer(UInt32.self), let upper = integer(UInt32.self),
        lower <= upper
      else { return nil }
      keys.append((key, Int(lower)..<Int(upper)))
    }
    guard let count = integer(UInt32.self).map(Int.init), data.count - position == count,
      keys.allSatisfy({ $0.range.upperBound <= count })
    else { return nil }
    self.path = path
    self.title = title
    self.keys = keys
    bytes = Array(data[position...])
  }

  private static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
    if value >= 10 { appendDigits(value / 10, to: &bytes) }
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
    bytes += [UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
  }

  func forEachEntry(in range: Range<Int>, _ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Void) {
    var position = range.lowerBound
    while position < range.upperBound {
      let termLength = Int(bytes[position]) << 8 | Int(bytes[position + 1])
      let term = bytes[(position + 2)..<(position + 2 + termLength)]
      position += 2 + termLength
      let sectionsLength = Int(bytes[position]) << 8 | Int(bytes[position + 1])
      body(term, bytes[(position + 2)..<(position + 2 + sectionsLength)])
      position += 2 + sectionsLength
    }
  }
}
