/// Writes JSON directly, for the two large files a build writes: the export's records and the
/// build cache. Foundation's encoder spent most of their time in its generic machinery.
///
/// Pretty, it writes exactly what `JSONEncoder` does with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`: two-space indentation, `"key" : value`, an empty list or object as
/// an opening bracket, a blank line and the closing one, and the same string escapes (tests
/// compare the two byte for byte); callers write keys in sorted (byte) order. Compact, it writes
/// one line, which the build cache needs, read back by `JSONDecoder`.
public struct PrettyJSON {
  public private(set) var bytes: [UInt8] = []
  /// For each open list or object: whether nothing has been written in it yet.
  private var empty: [Bool] = []
  private let baseLevel: Int
  private let pretty: Bool

  public init(level: Int = 0, pretty: Bool = true, capacity: Int = 4096) {
    baseLevel = level
    self.pretty = pretty
    bytes.reserveCapacity(capacity)
  }

  /// Bytes some other encoder made, written as the current value.
  public mutating func raw(_ json: [UInt8]) { bytes += json }

  public mutating func beginObject() { open(UInt8(ascii: "{")) }
  public mutating func endObject() { close(UInt8(ascii: "}")) }
  public mutating func beginList() { open(UInt8(ascii: "[")) }
  public mutating func endList() { close(UInt8(ascii: "]")) }

  /// Starts a field of the current object.
  public mutating func key(_ name: StaticString) {
    nextItem()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes += pretty ? [UInt8(ascii: "\""), 0x20, UInt8(ascii: ":"), 0x20] : [UInt8(ascii: "\""), UInt8(ascii: ":")]
  }

  /// Starts an item of the current list.
  public mutating func item() { nextItem() }

  public mutating func strings(_ values: [String]) {
    beginList()
    for value in values {
      item()
      string(value)
    }
    endList()
  }

  public mutating func string(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes += [0x5C, UInt8(ascii: "\"")]
      case 0x5C: bytes += [0x5C, 0x5C]
      case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
      case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
      case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
      case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
      case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  public mutating func number(_ value: Int) { bytes += Array(String(value).utf8) }
  public mutating func bool(_ value: Bool) { bytes += Array((value ? "true" : "false").utf8) }

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
  public func write(to json: inout PrettyJSON) {
    json.beginObject()
    json.key("classification")
    json.string(classification)
    json.key("controlFamilies")
    Self.write(controlFamilies, to: &json)
    json.key("file")
    json.string(file)
    json.key("gate")
    json.beginObject()
    json.key("passes")
    json.bool(gate.passes)
    json.key("reasons")
    json.strings(gate.reasons)
    json.endObject()
    json.key("highRisks")
    json.number(highRisks)
    json.key("latest")
    json.bool(latest)
    json.key("lowRisks")
    json.number(lowRisks)
    json.key("mediumRisks")
    json.number(mediumRisks)
    json.key("name")
    json.string(name)
    json.key("objectives")
    Self.write(objectives, to: &json)
    json.key("owner")
    json.string(owner)
    if let questionSet {
      json.key("questionSet")
      json.string(questionSet)
    }
    json.key("questions")
    json.beginList()
    for question in questions {
      json.item()
      Self.write(question, to: &json)
    }
    json.endList()
    json.key("release")
    json.string(release)
    json.key("reviewed")
    json.string(reviewed)
    if let score {
      json.key("score")
      json.number(score)
    }
    json.key("unanswered")
    json.number(unanswered)
    json.key("workload")
    json.string(workload)
    json.endObject()
  }

  private static func write(_ groups: [Group], to json: inout PrettyJSON) {
    json.beginList()
    for group in groups {
      json.item()
      json.beginObject()
      json.key("id")
      json.string(group.id)
      json.key("status")
      json.string(group.status)
      json.key("title")
      json.string(group.title)
      json.endObject()
    }
    json.endList()
  }

  private static func write(_ question: Question, to json: inout PrettyJSON) {
    json.beginObject()
    json.key("control")
    json.string(question.control)
    json.key("id")
    json.string(question.id)
    json.key("practices")
    json.beginList()
    for practice in question.practices {
      json.item()
      json.beginObject()
      json.key("id")
      json.string(practice.id)
      if let line = practice.line {
        json.key("line")
        json.number(line)
      }
      if let reason = practice.reason {
        json.key("reason")
        json.string(reason)
      }
      json.key("required")
      json.bool(practice.required)
      json.key("risk")
      json.string(practice.risk)
      json.key("state")
      json.string(practice.state)
      json.key("title")
      json.string(practice.title)
      json.endObject()
    }
    json.endList()
    json.key("risk")
    json.string(question.risk)
    json.key("title")
    json.string(question.title)
    json.endObject()
  }
}
