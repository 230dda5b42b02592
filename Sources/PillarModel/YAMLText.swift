/// Writing YAML that Pillar's reader reads back as the same text (`pillar new`, `import-lens`).
package enum YAMLText {
  /// A YAML double-quoted scalar: always valid, whatever the text holds. Control characters, the
  /// C1 range, a byte-order mark and the Unicode line and paragraph separators are escaped, so
  /// nothing in the text can end the scalar or reach a terminal raw.
  package static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
        out += "\\x" + hex(scalar.value, digits: 2)
      case _ where scalar.value == 0xFEFF || (0x2028...0x2029).contains(scalar.value):
        out += "\\u" + hex(scalar.value, digits: 4)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  private static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
