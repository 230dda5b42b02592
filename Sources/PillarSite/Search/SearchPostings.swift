/// A page's terms for the index, made where the page is rendered (on every core), so the page's
/// text need not be kept until the index is written: each term with the sections it occurs in,
/// sorted by the term's bytes, in one buffer, and where each file key's terms begin and end.
package struct SearchPostings: Sendable {
  package var path: String
  package var title: String
  /// Entries one after the other: the term's length (two bytes; a term is at most 64
  /// characters), the term, the length of its sections (four bytes) and the sections as they are
  /// written in the index, `,0,4`.
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
      Self.append(term.utf8.count, bytes: 2, to: &bytes)
      bytes += term.utf8
      Self.append(written.count, bytes: 4, to: &bytes)
      bytes += written
    }
    if let current { keys.append((current, start..<bytes.count)) }
  }

  /// About how many bytes these postings hold.
  package var size: Int { bytes.count + keys.count * 24 }

  /// These postings with only the terms whose file key `keeps` accepts (for an index written
  /// in passes).
  package func keeping(_ keeps: (UInt64) -> Bool) -> SearchPostings {
    guard !keys.allSatisfy({ keeps($0.key) }) else { return self }
    var kept = self
    kept.bytes = []
    kept.keys = []
    for (key, range) in keys where keeps(key) {
      kept.keys.append((key, kept.bytes.count..<(kept.bytes.count + range.count)))
      kept.bytes += bytes[range]
    }
    return kept
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
    guard let count = integer(UInt32.self).map(Int.init), data.count - position == count else { return nil }
    let bytes = Array(data[position...])
    // Every key's range starts and ends on an entry's boundary.
    guard Self.onBoundaries(keys, in: bytes) else { return nil }
    self.path = path
    self.title = title
    self.keys = keys
    self.bytes = bytes
  }

  private static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
    if value >= 10 { appendDigits(value / 10, to: &bytes) }
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// A length, high byte first, in `bytes` bytes.
  private static func append(_ length: Int, bytes count: Int, to bytes: inout [UInt8]) {
    for shift in stride(from: 8 * (count - 1), through: 0, by: -8) {
      bytes.append(UInt8(truncatingIfNeeded: length >> shift))
    }
  }

  private static func length(in bytes: [UInt8], at position: Int, bytes count: Int) -> Int {
    bytes[position..<(position + count)].reduce(0) { $0 << 8 | Int($1) }
  }

  /// Whether the keys' ranges, in order and not overlapping, each start and end where an entry
  /// does, walking the entries once: postings read back from a damaged file are refused rather
  /// than read out of bounds. (A large site's index reads every postings file once per pass; an
  /// array of every entry's boundary per file, searched for each key, was most of a pass.)
  private static func onBoundaries(_ keys: [(key: UInt64, range: Range<Int>)], in bytes: [UInt8]) -> Bool {
    // The bounds to find, in order: each key's start, then its end.
    var bounds: [Int] = []
    bounds.reserveCapacity(2 * keys.count)
    for (_, range) in keys { bounds += [range.lowerBound, range.upperBound] }
    guard zip(bounds, bounds.dropFirst()).allSatisfy({ $0 <= $1 }) else { return false }
    var next = 0
    var position = 0
    while true {
      while next < bounds.count && bounds[next] == position { next += 1 }
      guard next == bounds.count || bounds[next] > position else { return false }
      guard position < bytes.count else { break }
      guard bytes.count - position >= 2 else { return false }
      let termEnd = position + 2 + length(in: bytes, at: position, bytes: 2)
      guard bytes.count - termEnd >= 4 else { return false }
      position = termEnd + 4 + length(in: bytes, at: termEnd, bytes: 4)
      guard position <= bytes.count else { return false }
    }
    return next == bounds.count
  }

  func forEachEntry(in range: Range<Int>, _ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Void) {
    var position = range.lowerBound
    while position < range.upperBound {
      let termEnd = position + 2 + Self.length(in: bytes, at: position, bytes: 2)
      let sectionsEnd = termEnd + 4 + Self.length(in: bytes, at: termEnd, bytes: 4)
      body(bytes[(position + 2)..<termEnd], bytes[(termEnd + 4)..<sectionsEnd])
      position = sectionsEnd
    }
  }
}
