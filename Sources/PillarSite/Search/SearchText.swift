/// The text of a rendered page body as a reader sees it, cut into sections at its headings, for
/// the search index. It reads the markup the template engine wrote (every value escaped), tag by
/// tag: text inside `script`, `style`, `svg` and `template` is not shown and is skipped, and so is
/// any element marked `data-search-ignore` (a scorecard's contents list and filters, whose text
/// repeats what the page says elsewhere). Elements that templates leave open are closed by the
/// next closing tag of an element around them, as a browser would.
enum SearchText {
  /// - Parameter body: the page's content, as the page template rendered it (what the layout
  ///   puts inside `<main>`).
  static func document(path: String, title: String, body: [UInt8]) -> SearchDocument {
    var reader = Reader(body)
    reader.read()
    return SearchDocument(
      path: path, title: title, sections: reader.sections.filter { !$0.text.isEmpty || !$0.heading.isEmpty })
  }

  /// A tag name packed into an integer (its first seven bytes, lowercased, and its length), so
  /// names compare without allocating.
  typealias Name = UInt64

  static func name(_ text: String) -> Name {
    let bytes = Array(text.utf8)
    return name(bytes, bytes.startIndex, bytes.endIndex)
  }

  static func name(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Name {
    var packed: UInt64 = 0
    var length: UInt64 = 0
    var position = start
    while position < end {
      let byte = bytes[position]
      let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
      guard letter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") else {
        break
      }
      if length < 7 { packed = packed << 8 | UInt64(letter ? byte | 0x20 : byte) }
      length += 1
      position += 1
    }
    return packed << 8 | min(length, 255)
  }

  static let headings: Set<Name> = Set(["h1", "h2", "h3", "h4"].map(name))
  static let hidden: Set<Name> = Set(["script", "style", "svg", "template"].map(name))
  static let rawText: Set<Name> = Set(["script", "style"].map(name))
  static let void: Set<Name> = Set(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"].map(name))
  static let inline: Set<Name> = Set(
    ["a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "strong", "sub", "sup", "time", "u"].map(
      name))

  private struct Open {
    var name: Name
    var id: String?
    var ignored: Bool
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0
    var stack: [Open] = []
    var sections = [SearchDocument.Section(anchor: "", heading: "", text: "")]
    /// The heading being read, by its tag name, and its text so far.
    var heading: Name?
    var headingText: [UInt8] = []
    var text: [UInt8] = []
    /// Elements whose text is not read, open around the current position.
    var ignoring = 0

    init(_ bytes: [UInt8]) {
      self.bytes = bytes
      text.reserveCapacity(4096)
    }

    mutating func read() {
      while index < bytes.count {
        if bytes[index] == UInt8(ascii: "<") {
          tag()
        } else {
          let start = index
          while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
          if ignoring == 0 {
            if heading != nil {
              Self.append(bytes, start, index, to: &headingText)
            } else {
              Self.append(bytes, start, index, to: &text)
            }
          }
        }
      }
      finishSection()
    }

    /// Text with entities decoded and white space folded to single spaces.
    static func append(_ bytes: [UInt8], _ start: Int, _ end: Int, to target: inout [UInt8]) {
      var position = start
      while position < end {
        let byte = bytes[position]
        if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
          if let last = target.last, last != 0x20 { target.append(0x20) }
          position += 1
        } else if byte == UInt8(ascii: "&"), let (character, length) = Entities.decode(bytes[position..<end]) {
          target += character
          position += length
        } else {
          target.append(byte)
          position += 1
        }
      }
    }

    /// A word break where an element that is not inline begins or ends.
    mutating func breakWords(_ name: Name) {
      guard !SearchText.inline.contains(name) else { return }
      if heading != nil {
        if let last = headingText.last, last != 0x20 { headingText.append(0x20) }
      } else if let last = text.last, last != 0x20 {
        text.append(0x20)
      }
    }

    mutating func tag() {
      let start = index
      if bytes.count - index >= 4, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"),
        bytes[index + 3] == UInt8(ascii: "-")
      {
        index = Self.find(Array("-->".utf8), in: bytes, from: index + 4).map { $0 + 3 } ?? bytes.count
        return
      }
      var end = index + 1
      var quote: UInt8 = 0
      while end < bytes.count {
        let byte = bytes[end]
        if quote != 0 {
          if byte == quote { quote = 0 }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: ">") {
          break
        }
        end += 1
      }
      index = min(end + 1, bytes.count)
      let inside = start + 1
      guard inside < end else { return }
      let first = bytes[inside]
      if first == UInt8(ascii: "/") {
        close(SearchText.name(bytes, inside + 1, end))
      } else if (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") {
        open(inside, end)
      }
    }

    mutating func open(_ start: Int, _ end: Int) {
      let name = SearchText.name(bytes, start, end)
      breakWords(name)
      if SearchText.void.contains(name) || bytes[end - 1] == UInt8(ascii: "/") { return }
      let attributes = Attributes(bytes, start, end)
      let ignored = SearchText.hidden.contains(name) || attributes.ignored
      if ignored { ignoring += 1 }
      stack.append(Open(name: name, id: attributes.id, ignored: ignored))
      if ignoring == 0, SearchText.headings.contains(name) {
        finishSection()
        let anchor = stack.reversed().lazy.compactMap(\.id).first ?? ""
        sections.append(SearchDocument.Section(anchor: anchor, heading: "", text: ""))
        heading = name
      }
      // Raw text elements: their content is not markup, and is skipped to the closing tag.
      if SearchText.rawText.contains(name) {
        index =
          Self.find(Array("</".utf8), in: bytes, from: index).map { position in
            var next = position
            while next < bytes.count, SearchText.name(bytes, next + 2, bytes.count) != name,
              let further = Self.find(Array("</".utf8), in: bytes, from: next + 2)
            {
              next = further
            }
            return next
          } ?? bytes.count
      }
    }

    mutating func close(_ name: Name) {
      guard let position = stack.lastIndex(where: { $0.name == name }) else { return }
      for element in stack[position...] where element.ignored { ignoring -= 1 }
      stack.removeSubrange(position...)
      if heading == name {
        sections[sections.count - 1].heading = Self.trimmed(headingText)
        heading = nil
        headingText = []
      }
      breakWords(name)
    }

    mutating func finishSection() {
      if heading != nil {
        sections[sections.count - 1].heading = Self.trimmed(headingText)
        heading = nil
        headingText = []
      }
      sections[sections.count - 1].text = Self.trimmed(text)
      text.removeAll(keepingCapacity: true)
    }

    static func trimmed(_ bytes: [UInt8]) -> String {
      var slice = bytes[...]
      while slice.first == 0x20 { slice = slice.dropFirst() }
      while slice.last == 0x20 { slice = slice.dropLast() }
      return String(decoding: slice, as: UTF8.self)
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
      var position = start
      while position + needle.count <= bytes.count {
        if bytes[position] == needle[0], bytes[position..<(position + needle.count)].elementsEqual(needle) {
          return position
        }
        position += 1
      }
      return nil
    }
  }

  /// What a start tag says about search: its id (the anchor of a heading inside it) and whether
  /// it is marked `data-search-ignore` (or Pagefind's `data-pagefind-ignore`, which earlier
  /// templates used).
  private struct Attributes {
    var id: String?
    var ignored = false

    static let idName = Array("id".utf8)
    static let ignoreNames = [Array("data-search-ignore".utf8), Array("data-pagefind-ignore".utf8)]

    init(_ bytes: [UInt8], _ start: Int, _ end: Int) {
      var position = start
      // Past the tag name.
      while position < end, !Self.isSpace(bytes[position]) { position += 1 }
      while position < end {
        while position < end, Self.isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") { position += 1 }
        guard position < end else { return }
        let nameStart = position
        while position < end, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: "="),
          bytes[position] != UInt8(ascii: "/")
        {
          position += 1
        }
        let attribute = bytes[nameStart..<position]
        guard attribute.count > 0 else {
          position += 1
          continue
        }
        var value: Range<Int>?
        if position < end, bytes[position] == UInt8(ascii: "=") {
          position += 1
          if position < end, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
            let quote = bytes[position]
            position += 1
            let valueStart = position
            while position < end, bytes[position] != quote { position += 1 }
            value = valueStart..<position
            position += 1
          } else {
            let valueStart = position
            while position < end, !Self.isSpace(bytes[position]) { position += 1 }
            value = valueStart..<position
          }
        }
        if Self.ignoreNames.contains(where: { Self.same(attribute, $0) }) {
          ignored = true
        } else if Self.same(attribute, Self.idName), let value {
          id = Entities.decoded(Array(bytes[value]))
        }
      }
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    /// ASCII names compared without regard to case.
    static func same(_ attribute: ArraySlice<UInt8>, _ name: [UInt8]) -> Bool {
      attribute.count == name.count && zip(attribute, name).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
  }
}

/// Character references in text the template engine wrote: the five it escapes with, numeric
/// references, and the few named ones templates use.
enum Entities {
  static let named: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsaquo": "›", "lsaquo": "‹",
    "middot": "·", "ndash": "–", "mdash": "—", "hellip": "…", "larr": "←", "rarr": "→", "times": "×",
  ]

  /// The character a reference at the start of `slice` stands for, and the reference's length.
  static func decode(_ slice: ArraySlice<UInt8>) -> ([UInt8], Int)? {
    var end = slice.startIndex + 1
    while end < slice.endIndex, end - slice.startIndex < 12, slice[end] != UInt8(ascii: ";") { end += 1 }
    guard end < slice.endIndex, slice[end] == UInt8(ascii: ";") else { return nil }
    let name = String(decoding: slice[(slice.startIndex + 1)..<end], as: UTF8.self)
    let length = end - slice.startIndex + 1
    if name.hasPrefix("#") {
      let digits = name.dropFirst()
      let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
      guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
      return (Array(String(Character(scalar)).utf8), length)
    }
    return named[name].map { (Array($0.utf8), length) }
  }

  static func decoded(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    var position = 0
    while position < bytes.count {
      if bytes[position] == UInt8(ascii: "&"), let (character, length) = decode(bytes[position...]) {
        out += character
        position += length
      } else {
        out.append(bytes[position])
        position += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
