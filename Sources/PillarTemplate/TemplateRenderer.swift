/// Renders parsed templates into UTF-8 bytes: one pass over the nodes, values looked up by
/// pre-split names on a stack of `TemplateValue`s, text escaped byte by byte.
struct TemplateRenderer {
  let library: TemplateLibrary
  /// Put before every non-empty link value (a key ending in `href` or `Href`), so links given
  /// from the site's root work from the page (`../../`).
  let linkPrefix: String
  /// Only to prove, in the browser test's negative control, that the other defences catch what
  /// the engine otherwise refuses: text in a triple tag printed as it is.
  let unsafeRawText: Bool
  var stack: [TemplateValue]
  var output: [UInt8] = []

  init(library: TemplateLibrary, context: TemplateContext, linkPrefix: String, unsafeRawText: Bool = false) {
    self.library = library
    self.linkPrefix = linkPrefix
    self.unsafeRawText = unsafeRawText
    stack = [.object(context)]
    output.reserveCapacity(32 * 1024)
  }

  /// `indentation` is that of the standalone partials being rendered: like swift-mustache, a
  /// node's non-empty output is indented when what this call has written so far ends a line.
  mutating func render(_ nodes: [Node], indentation: [UInt8]) {
    guard !indentation.isEmpty else {
      for node in nodes { render(node, indentation: indentation) }
      return
    }
    let start = output.count
    for node in nodes {
      let before = output.count
      let atLineStart =
        before > start && output[before - 1] == 0x0A && !(before - 2 >= start && output[before - 2] == 0x0D)
      render(node, indentation: indentation)
      if atLineStart && output.count > before { output.insert(contentsOf: indentation, at: before) }
    }
  }

  private mutating func render(_ node: Node, indentation: [UInt8]) {
    switch node {
    case .text(let bytes):
      output += bytes
    case .variable(let name, let escaped):
      switch resolve(name) {
      // Only HTML Pillar made is printed as markup; text is escaped whatever the tag says.
      case .text(let text)?:
        if !escaped && unsafeRawText {
          output.append(contentsOf: text.utf8)
        } else {
          HTMLEscape.append(text, to: &output)
        }
      case .bytes(let bytes)?: HTMLEscape.append(bytes, to: &output)
      case .html(let html)?:
        escaped ? HTMLEscape.append(html.bytes, to: &output) : output.append(contentsOf: html.bytes)
      case .flag(let flag)?: output += flag ? Array("true".utf8) : Array("false".utf8)
      case .number(let number)?: output.append(contentsOf: String(number).utf8)
      case .list?, .object?, nil: break
      }
    case .section(let name, let body, let inverted):
      let value = resolve(name)
      if inverted {
        renderInverted(body, value, indentation: indentation)
      } else {
        renderSection(body, value, indentation: indentation)
      }
    case .partial(let name, let extra):
      guard let template = library.templates[name] else { return }
      render(template.nodes, indentation: extra.map { indentation + $0 } ?? indentation)
    }
  }

  private mutating func renderSection(_ body: [Node], _ value: TemplateValue?, indentation: [UInt8]) {
    switch value {
    case nil: return
    case .flag(let shown)?: if shown { render(body, indentation: indentation) }
    case .text(let text)?: if !text.isEmpty { render(body, pushing: value!, indentation: indentation) }
    case .bytes(let bytes)?: if !bytes.isEmpty { render(body, pushing: value!, indentation: indentation) }
    case .html(let html)?: if !html.isEmpty { render(body, pushing: value!, indentation: indentation) }
    case .number?, .object?: render(body, pushing: value!, indentation: indentation)
    case .list(let items)?:
      for item in items { render(body, pushing: item, indentation: indentation) }
    }
  }

  private mutating func renderInverted(_ body: [Node], _ value: TemplateValue?, indentation: [UInt8]) {
    switch value {
    case nil: render(body, indentation: indentation)
    case .flag(let shown)?: if !shown { render(body, indentation: indentation) }
    case .text(let text)?: if text.isEmpty { render(body, indentation: indentation) }
    case .bytes(let bytes)?: if bytes.isEmpty { render(body, indentation: indentation) }
    case .html(let html)?: if html.isEmpty { render(body, indentation: indentation) }
    case .list(let items)?: if items.isEmpty { render(body, pushing: value!, indentation: indentation) }
    case .number?, .object?: return
    }
  }

  private mutating func render(_ body: [Node], pushing value: TemplateValue, indentation: [UInt8]) {
    stack.append(value)
    render(body, indentation: indentation)
    stack.removeLast()
  }

  private func resolve(_ name: Name) -> TemplateValue? {
    switch name.scope {
    case .top:
      return stack.last
    case .anchored:
      return descend(from: stack[stack.count - 1], name.keys[...])
    case .stack:
      let first = name.keys[0]
      for context in stack.reversed() {
        if let found = child(first, of: context) { return descend(from: found, name.keys.dropFirst()) }
      }
      return nil
    }
  }

  private func descend(from value: TemplateValue, _ keys: ArraySlice<Name.Key>) -> TemplateValue? {
    var value = value
    for key in keys {
      guard let next = child(key, of: value) else { return nil }
      value = next
    }
    return value
  }

  private func child(_ key: Name.Key, of value: TemplateValue) -> TemplateValue? {
    guard case .object(let context) = value, let child = context[key.name] else { return nil }
    if key.isLink, !linkPrefix.isEmpty, case .text(let path) = child, !path.isEmpty { return .text(linkPrefix + path) }
    return child
  }
}

/// HTML escaping of the five characters that matter in text and attribute values (`&`, `<`,
/// `>`, `"`, `'`), as swift-mustache's HTML content type escapes them, on UTF-8 bytes. Beyond
/// that reference, control characters (tab, newline and carriage return aside) and the
/// bidirectional overrides and isolates are shown as `[U+XXXX]`: a right-to-left override in a
/// workload's name would otherwise reorder what the reader sees around it.
package enum HTMLEscape {
  package static func append(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { append($0, to: &output) }
  }

  package static func append(_ bytes: [UInt8], to output: inout [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0, to: &output) }
  }

  private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    var runStart = 0
    for index in 0..<bytes.count {
      let replacement: StaticString
      switch bytes[index] {
      case 0x26: replacement = "&amp;"
      case 0x3C: replacement = "&lt;"
      case 0x3E: replacement = "&gt;"
      case 0x22: replacement = "&quot;"
      case 0x27: replacement = "&#39;"
      case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F, 0xC2, 0xD8, 0xE2:
        guard let (scalar, length) = hidden(bytes, at: index) else { continue }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        let hex = String(scalar, radix: 16, uppercase: true)
        output.append(contentsOf: "[U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)]".utf8)
        runStart = index + length
        continue
      default: continue
      }
      guard index >= runStart else { continue }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
      output.append(
        contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
      runStart = index + 1
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
  }

  /// The code point and UTF-8 length of a hidden character starting at `index`, if one does.
  private static func hidden(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
    let first = bytes[index]
    if first < 0x80 { return (UInt32(first), 1) }
    guard index + 1 < bytes.count else { return nil }
    let second = bytes[index + 1]
    switch first {
    case 0xC2 where (0x80...0x9F).contains(second): return (UInt32(second), 2)
    case 0xD8 where second == 0x9C: return (0x061C, 2)
    case 0xE2:
      guard index + 2 < bytes.count else { return nil }
      let third = bytes[index + 2]
      let scalar = 0x2000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
      switch scalar {
      case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return (scalar, 3)
      default: return nil
      }
    default: return nil
    }
  }

  package static func escape(_ text: String) -> String {
    var output: [UInt8] = []
    append(text, to: &output)
    return String(decoding: output, as: UTF8.self)
  }
}
