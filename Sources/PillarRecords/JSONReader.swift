/// Reads JSON value by value, for the one large file a build reads back: the summaries of the
/// build cache, which `PrettyJSON` writes. `JSONDecoder` spent about 0.8 CPU-seconds on the 23 MB
/// of summaries of a 1,000-workload site, most of it in `Codable`'s generic machinery; reading
/// each field where it is expected is several times faster (docs/performance.md). The tests keep
/// `JSONDecoder` as the reference: both read every summary the writer makes to the same value.
///
/// It reads any JSON its callers expect, not only `PrettyJSON`'s: whitespace, escapes (surrogate
/// pairs included) and fields it is not asked about (skipped). Anything else throws, naming the
/// byte where it stopped.
package struct JSONReader {
  package struct Failure: Error, CustomStringConvertible {
    package var position: Int
    package var expected: String
    package var description: String { "expected \(expected) at byte \(position)" }
  }

  private let bytes: [UInt8]
  private var position: Int

  package init(_ bytes: [UInt8]) {
    self.bytes = bytes
    position = 0
  }

  /// Reads one whole value with `read`; nothing but whitespace may follow it.
  package static func read<T>(_ bytes: [UInt8], _ read: (inout JSONReader) throws -> T) throws -> T {
    var reader = JSONReader(bytes)
    let value = try read(&reader)
    reader.skipSpace()
    guard reader.position == bytes.count else { throw reader.failure("the end") }
    return value
  }

  private func failure(_ expected: String) -> Failure { Failure(position: position, expected: expected) }

  private mutating func skipSpace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  /// Consumes `byte` (after whitespace) if it is next.
  private mutating func take(_ byte: UInt8) -> Bool {
    skipSpace()
    guard position < bytes.count, bytes[position] == byte else { return false }
    position += 1
    return true
  }

  private mutating func expect(_ byte: UInt8) throws {
    guard take(byte) else { throw failure("'\(Character(Unicode.Scalar(byte)))'") }
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    skipSpace()
    let count = word.utf8CodeUnitCount
    guard bytes.count - position >= count else { return false }
    for index in 0..<count where bytes[position + index] != word.utf8Start[index] { return false }
    position += count
    return true
  }

  /// An object: `field` is called with each key and must read its value.
  package mutating func object(_ field: (inout JSONReader, String) throws -> Void) throws {
    try expect(UInt8(ascii: "{"))
    if take(UInt8(ascii: "}")) { return }
    repeat {
      let key = try string()
      try expect(UInt8(ascii: ":"))
      try field(&self, key)
    } while take(UInt8(ascii: ","))
    try expect(UInt8(ascii: "}"))
  }

  /// A list: `item` is called for each item and must read it.
  package mutating func forEachItem(_ item: (inout JSONReader) throws -> Void) throws {
    try expect(UInt8(ascii: "["))
    if take(UInt8(ascii: "]")) { return }
    repeat { try item(&self) } while take(UInt8(ascii: ","))
    try expect(UInt8(ascii: "]"))
  }

  /// A list of values each read by `read`.
  package mutating func list<T>(of read: (inout JSONReader) throws -> T) throws -> [T] {
    var values: [T] = []
    try forEachItem { values.append(try read(&$0)) }
    return values
  }

  package mutating func strings() throws -> [String] { try list { try $0.string() } }

  /// Consumes `null` if it is next: for optional values.
  package mutating func null() -> Bool { literal("null") }

  package mutating func bool() throws -> Bool {
    if literal("true") { return true }
    if literal("false") { return false }
    throw failure("true or false")
  }

  package mutating func int() throws -> Int {
    skipSpace()
    let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
    if negative { position += 1 }
    var value = 0
    let start = position
    while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
      let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflowB) = times.addingReportingOverflow(Int(bytes[position] - 0x30))
      guard !overflowA, !overflowB else { throw failure("a whole number that fits") }
      value = sum
      position += 1
    }
    guard position > start else { throw failure("a whole number") }
    return negative ? -value : value
  }

  package mutating func string() throws -> String {
    try expect(UInt8(ascii: "\""))
    let start = position
    // Most strings have no escape: taken whole from the buffer.
    while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != 0x5C {
      guard bytes[position] >= 0x20 else { throw failure("no control character in a string") }
      position += 1
    }
    guard position < bytes.count else { throw failure("the end of a string") }
    if bytes[position] == UInt8(ascii: "\"") {
      defer { position += 1 }
      return String(decoding: bytes[start..<position], as: UTF8.self)
    }
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: String(decoding: bytes[start..<position], as: UTF8.self).unicodeScalars)
    var plain: [UInt8] = []
    func flush() {
      scalars.append(contentsOf: String(decoding: plain, as: UTF8.self).unicodeScalars)
      plain.removeAll(keepingCapacity: true)
    }
    while true {
      guard position < bytes.count else { throw failure("the end of a string") }
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        flush()
        return String(scalars)
      case 0x5C:
        guard position < bytes.count else { throw failure("an escape") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), 0x5C, UInt8(ascii: "/"): plain.append(escape)
        case UInt8(ascii: "b"): plain.append(0x08)
        case UInt8(ascii: "f"): plain.append(0x0C)
        case UInt8(ascii: "n"): plain.append(0x0A)
        case UInt8(ascii: "r"): plain.append(0x0D)
        case UInt8(ascii: "t"): plain.append(0x09)
        case UInt8(ascii: "u"):
          flush()
          scalars.append(try escapedScalar())
        default: throw failure("a known escape")
        }
      case 0..<0x20: throw failure("no control character in a string")
      default: plain.append(byte)
      }
    }
  }

  /// The scalar of a `\u` escape whose `\u` was read: a surrogate pair is two escapes; a lone
  /// surrogate is refused.
  private mutating func escapedScalar() throws -> Unicode.Scalar {
    let first = try hex4()
    if (0xD800..<0xDC00).contains(first) {
      guard literal("\\u") else { throw failure("the second half of a surrogate pair") }
      let second = try hex4()
      guard (0xDC00..<0xE000).contains(second) else { throw failure("a low surrogate") }
      return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
    }
    guard let scalar = Unicode.Scalar(first) else { throw failure("a scalar, not a lone surrogate") }
    return scalar
  }

  private mutating func hex4() throws -> UInt32 {
    guard bytes.count - position >= 4 else { throw failure("four hex digits") }
    var value: UInt32 = 0
    for byte in bytes[position..<(position + 4)] {
      guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw failure("four hex digits") }
      value = value << 4 | UInt32(digit)
    }
    position += 4
    return value
  }

  /// Skips any value: a field the caller does not read. Nesting deeper than `depth` levels is
  /// refused rather than followed, so a damaged file cannot exhaust the stack.
  package mutating func skip(depth: Int = 64) throws {
    skipSpace()
    guard position < bytes.count else { throw failure("a value") }
    guard depth > 0 else { throw failure("at most 64 levels of nesting") }
    switch bytes[position] {
    case UInt8(ascii: "{"): try object { reader, _ in try reader.skip(depth: depth - 1) }
    case UInt8(ascii: "["): try forEachItem { try $0.skip(depth: depth - 1) }
    case UInt8(ascii: "\""): _ = try string()
    case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
    case UInt8(ascii: "n"): guard null() else { throw failure("null") }
    default:
      // A number of any form: digits, sign, point and exponent.
      let start = position
      while position < bytes.count, Array("+-.0123456789eE".utf8).contains(bytes[position]) { position += 1 }
      guard position > start else { throw failure("a value") }
    }
  }

  /// The bytes of the next value, skipped as `skip` does: for a value handed whole to another
  /// reader.
  package mutating func raw() throws -> ArraySlice<UInt8> {
    skipSpace()
    let start = position
    try skip()
    return bytes[start..<position]
  }
}
