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

  /// Reads a published fragment back; nil when it is not one (a rebuild then renders the
  /// workload again rather than trusting it). It reads exactly the shape `fragment` writes, a
  /// rebuild reads a thousand of them, and `JSONDecoder` took most of that time.
  package init?(fragment bytes: [UInt8]) {
    var reader = FragmentReader(bytes: bytes)
    guard let document = reader.document() else { return nil }
    self = document
  }
}

/// The reader of `SearchDocument.fragment`'s JSON: an object of `path`, `title` and `sections`
/// (lists of three strings), in that order, as written, with JSON's string escapes.
private struct FragmentReader {
  let bytes: [UInt8]
  var index = 0

  mutating func document() -> SearchDocument? {
    guard take("{\"path\":"), let path = string(), take(",\"title\":"), let title = string(),
      take(",\"sections\":[")
    else { return nil }
    var sections: [SearchDocument.Section] = []
    if !take("]") {
      repeat {
        guard take("["), let anchor = string(), take(","), let heading = string(), take(","), let text = string(),
          take("]")
        else { return nil }
        sections.append(SearchDocument.Section(anchor: anchor, heading: heading, text: text))
      } while take(",")
      guard take("]") else { return nil }
    }
    guard take("}"), index == bytes.count else { return nil }
    return SearchDocument(path: path, title: title, sections: sections)
  }

  mutating func take(_ expected: StaticString) -> Bool {
    let count = expected.utf8CodeUnitCount
    guard bytes.count - index >= count else { return false }
    let matches = UnsafeBufferPointer(start: expected.utf8Start, count: count).elementsEqual(
      bytes[index..<(index + count)])
    if matches { index += count }
    return matches
  }

  mutating func string() -> String? {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
    index += 1
    var out: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
      case 0x5C:
        guard index < bytes.count else { return nil }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), 0x5C, UInt8(ascii: "/"): out.append(escaped)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          // The writer escapes only control characters this way.
          guard bytes.count - index >= 4,
            let value = UInt8(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
          else { return nil }
          out.append(value)
          index += 4
        default: return nil
        }
      default: out.append(byte)
      }
    }
    return nil
  }
}
