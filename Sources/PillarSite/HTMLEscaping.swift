import Mustache

/// HTML escaping for every `{{value}}`: the same five characters as swift-mustache's own HTML
/// escaping (`&`, `<`, `>`, `"`, `'`), done on UTF-8 bytes, which is many times faster than
/// its per-character table lookup and matters on sites of tens of thousands of pages.
/// `Templates` selects it for every template it loads.
struct PillarHTML: MustacheContentType {
  static let name = "PILLAR_HTML"

  func escapeText(_ text: String) -> String { Self.escape(text) }

  static func escape(_ text: String) -> String {
    let utf8 = text.utf8
    guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
      return text
    }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count + 16)
    for byte in utf8 {
      switch byte {
      case 0x26: out += Array("&amp;".utf8)
      case 0x3C: out += Array("&lt;".utf8)
      case 0x3E: out += Array("&gt;".utf8)
      case 0x22: out += Array("&quot;".utf8)
      case 0x27: out += Array("&#39;".utf8)
      default: out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
