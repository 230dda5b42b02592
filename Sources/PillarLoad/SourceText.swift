import Foundation
import PillarDiagnostics

/// An input file's text after the checks every file gets: size, UTF-8, NUL bytes. Line endings are
/// normalised to `\n` and a byte-order mark is dropped, so positions match what editors show.
package struct SourceText: Sendable {
  package static let maximumBytes = 1 << 20

  package var path: String
  package var text: String
  package var lines: [Substring]

  package init(path: String, text: String) {
    self.path = path
    self.text = text
    self.lines = Self.lines(of: text)
  }

  /// The lines of `text`, split at `\n`: a byte search over the UTF-8, then one slice per line
  /// (the generic `split` with a closure was a few percent of a build).
  static func lines(of text: String) -> [Substring] {
    var text = text
    text.makeContiguousUTF8()
    let utf8 = text.utf8
    var breaks: [Int] = []
    utf8.withContiguousStorageIfAvailable { bytes in
      var offset = 0
      while offset < bytes.count,
        let found = memchr(bytes.baseAddress! + offset, 0x0A, bytes.count - offset)
      {
        let position = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        breaks.append(position)
        offset = position + 1
      }
    }
    var lines: [Substring] = []
    lines.reserveCapacity(breaks.count + 1)
    var start = utf8.startIndex
    for position in breaks {
      let end = utf8.index(utf8.startIndex, offsetBy: position)
      lines.append(Substring(utf8[start..<end]))
      start = utf8.index(after: end)
    }
    lines.append(Substring(utf8[start...]))
    return lines
  }

  /// Decodes `bytes`, or explains in one diagnostic why the file cannot be read as text.
  package static func decode(_ bytes: [UInt8], path: String) -> Result<SourceText, Diagnostic> {
    let start = SourceLocation(path: path)
    if bytes.count > maximumBytes {
      return .failure(
        .error(
          "file-too-large",
          "file is \(bytes.count) bytes; input files are limited to \(maximumBytes) bytes", at: start))
    }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let nul = body.firstIndex(of: 0) {
      return .failure(
        .error(
          "binary-file", "file contains a NUL byte; is it a binary file?", at: position(of: nul, in: bytes, path: path))
      )
    }
    guard let decoded = String(validating: body, as: UTF8.self) else {
      let bad = firstInvalidUTF8(body) ?? body.startIndex
      return .failure(
        .error(
          "invalid-utf8", "file is not valid UTF-8; save it as UTF-8", at: position(of: bad, in: bytes, path: path)))
    }
    // Byte searches: String's own work grapheme by grapheme, which costs on a large workbook.
    let text =
      body.contains(0x0D)
      ? decoded.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : decoded
    return .success(SourceText(path: path, text: text))
  }

  /// The 1-based line and column of byte `index`, counting columns in bytes (good enough to find
  /// a stray byte in a file that is not text).
  static func position(of index: Int, in bytes: [UInt8], path: String) -> SourceLocation {
    var line = 1
    var lineStart = 0
    for i in 0..<index where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return SourceLocation(path: path, line: line, column: index - lineStart + 1)
  }

  static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      let length: Int
      switch byte {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return index
      }
      let end = index + length
      guard end <= bytes.endIndex else { return index }
      if length > 1, String(validating: bytes[index..<end], as: UTF8.self) == nil { return index }
      index = end
    }
    return nil
  }

  /// Lines `first...last` (1-based, inclusive) joined, or "" when the range is empty.
  package func lines(_ first: Int, through last: Int) -> String {
    guard first <= last, first >= 1 else { return "" }
    let upper = min(last, lines.count)
    guard first <= upper else { return "" }
    return lines[(first - 1)..<upper].joined(separator: "\n")
  }
}
