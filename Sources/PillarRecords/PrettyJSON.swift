/// Writes JSON directly, for the two large files a build writes: the export's records and the
/// build cache. Foundation's encoder spent most of their time in its generic machinery.
///
/// Pretty, it writes exactly what `JSONEncoder` does with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`: two-space indentation, `"key" : value`, an empty list or object as
/// an opening bracket, a blank line and the closing one, and the same string escapes (tests
/// compare the two byte for byte); callers write keys in sorted (byte) order. Compact, it writes
/// one line, which the build cache needs, read back by `JSONDecoder`.
package struct PrettyJSON {
  package private(set) var bytes: [UInt8] = []
  /// For each open list or object: whether nothing has been written in it yet.
  private var empty: [Bool] = []
  private let baseLevel: Int
  private let pretty: Bool

  package init(level: Int = 0, pretty: Bool = true, capacity: Int = 4096) {
    baseLevel = level
    self.pretty = pretty
    bytes.reserveCapacity(capacity)
  }

  /// Bytes some other encoder made, written as the current value.
  package mutating func raw(_ json: [UInt8]) { bytes += json }

  package mutating func beginObject() { open(UInt8(ascii: "{")) }
  package mutating func endObject() { close(UInt8(ascii: "}")) }
  package mutating func beginList() { open(UInt8(ascii: "[")) }
  package mutating func endList() { close(UInt8(ascii: "]")) }

  /// Starts a field of the current object.
  package mutating func key(_ name: StaticString) {
    nextItem()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes += pretty ? [UInt8(ascii: "\""), 0x20, UInt8(ascii: ":"), 0x20] : [UInt8(ascii: "\""), UInt8(ascii: ":")]
  }

  /// Starts an item of the current list.
  package mutating func item() { nextItem() }

  /// A whole field; an absent (nil) value writes nothing, as `Codable` omits it.
  package mutating func field(_ name: StaticString, _ value: String?) {
    guard let value else { return }
    key(name)
    string(value)
  }

  package mutating func field(_ name: StaticString, _ value: Int?) {
    guard let value else { return }
    key(name)
    number(value)
  }

  package mutating func field(_ name: StaticString, _ value: Bool) {
    key(name)
    bool(value)
  }

  package mutating func field(_ name: StaticString, _ values: [String]) {
    key(name)
    strings(values)
  }

  /// A field holding a list, each item written by `write`.
  package mutating func field<T>(_ name: StaticString, _ items: [T], _ write: (T, inout PrettyJSON) -> Void) {
    key(name)
    beginList()
    for item in items {
      self.item()
      write(item, &self)
    }
    endList()
  }

  package mutating func strings(_ values: [String]) {
    beginList()
    for value in values {
      item()
      string(value)
    }
    endList()
  }

  /// Runs of bytes that need no escape are appended whole: byte by byte, writing strings was the
  /// largest part of encoding the data export and the cache.
  package mutating func string(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { utf8 in
      var start = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == 0x5C else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        escape(byte)
        start = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): bytes += [0x5C, UInt8(ascii: "\"")]
    case 0x5C: bytes += [0x5C, 0x5C]
    case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
    case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
    case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
    case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
    case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
    default:
      let hex = Array("0123456789abcdef".utf8)
      bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
    }
  }

  package mutating func number(_ value: Int) { bytes += Array(String(value).utf8) }
  package mutating func bool(_ value: Bool) { bytes += Array((value ? "true" : "false").utf8) }

  private mutating func open(_ bracket: UInt8) {
    bytes.append(bracket)
    empty.append(true)
  }

  private mutating func close(_ bracket: UInt8) {
    let wasEmpty = empty.removeLast()
    if pretty {
      bytes += wasEmpty ? [0x0A, 0x0A] : [0x0A]
      indent()
    }
    bytes.append(bracket)
  }

  private mutating func nextItem() {
    if empty[empty.count - 1] {
      empty[empty.count - 1] = false
      if pretty { bytes.append(0x0A) }
    } else {
      bytes.append(UInt8(ascii: ","))
      if pretty { bytes.append(0x0A) }
    }
    if pretty { indent() }
  }

  private mutating func indent() {
    bytes += repeatElement(0x20, count: 2 * (baseLevel + empty.count))
  }
}

extension ScorecardRecord {
  /// This record as `PrettyJSON`, keys in the order `.sortedKeys` gives.
  package func write(to json: inout PrettyJSON) {
    json.beginObject()
    json.field("classification", classification)
    json.field("controlFamilies", controlFamilies, Self.write)
    json.field("file", file)
    json.key("gate")
    json.beginObject()
    json.field("passes", gate.passes)
    json.field("reasons", gate.reasons)
    json.endObject()
    json.field("highRisks", highRisks)
    json.field("latest", latest)
    json.field("lowRisks", lowRisks)
    json.field("mediumRisks", mediumRisks)
    json.field("name", name)
    json.field("objectives", objectives, Self.write)
    json.field("owner", owner)
    json.field("questionSet", questionSet)
    json.field("questions", questions, Self.write)
    json.field("release", release)
    json.field("reviewed", reviewed)
    json.field("score", score)
    json.field("unanswered", unanswered)
    json.field("workload", workload)
    json.endObject()
  }

  private static func write(_ group: Group, to json: inout PrettyJSON) {
    json.beginObject()
    json.field("id", group.id)
    json.field("status", group.status.rawValue)
    json.field("title", group.title)
    json.endObject()
  }

  private static func write(_ question: Question, to json: inout PrettyJSON) {
    json.beginObject()
    json.field("control", question.control)
    json.field("id", question.id)
    json.field("practices", question.practices) { practice, json in
      json.beginObject()
      json.field("id", practice.id)
      json.field("line", practice.line)
      json.field("reason", practice.reason)
      json.field("required", practice.required)
      json.field("risk", practice.risk.rawValue)
      json.field("state", practice.state.rawValue)
      json.field("title", practice.title)
      json.endObject()
    }
    json.field("risk", question.risk.rawValue)
    json.field("title", question.title)
    json.endObject()
  }
}
