/// User text made safe to print where a person reads it: every control character (a newline
/// that would start a fake `PASS` line, an escape sequence that would recolour or move the
/// terminal's cursor) and every bidirectional override or isolate (which reorders what is shown
/// around it) is written out as `[U+XXXX]`, so it is seen, not obeyed.
package enum VisibleText {
  package static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if isHidden(scalar) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "[U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)]"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// C0 and C1 controls (tab aside), DEL, and the bidirectional formatting characters.
  package static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09: false
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
