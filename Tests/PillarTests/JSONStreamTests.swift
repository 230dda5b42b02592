import Foundation
import PillarFormats
import Testing

/// The streaming reader of findings files: objects cut out whole however the file is chunked,
/// and every record that is not an object counted, never a crash.
@Suite struct JSONStreamTests {
  static func items(_ text: String) throws -> [String] {
    let file = temporaryFolder()
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    var items: [String] = []
    JSONStream.forEach(path: file.path) { item in
      switch item {
      case .object(let data): items.append(String(decoding: data, as: UTF8.self))
      case .malformed(let offset): items.append("malformed@\(offset)")
      }
    }
    return items
  }

  @Test func anArrayOfObjectsGivesEachObject() throws {
    #expect(
      try Self.items("[\n  {\"a\": 1, \"b\": {\"c\": [1, 2]}},\n  {\"s\": \"}{\\\" ]\"}\n]\n") == [
        "{\"a\": 1, \"b\": {\"c\": [1, 2]}}", "{\"s\": \"}{\\\" ]\"}",
      ])
  }

  @Test func oneObjectPerLineWorksToo() throws {
    #expect(try Self.items("{\"a\":1}\n{\"b\":2}\n") == ["{\"a\":1}", "{\"b\":2}"])
  }

  @Test func whatIsNotAnObjectIsCountedOnce() throws {
    // A number, a string and a literal in the array: each counted once where it starts.
    #expect(
      try Self.items("[{\"a\":1}, 42, \"text\", true, {\"b\":2}]") == [
        "{\"a\":1}", "malformed@10", "malformed@14", "malformed@22", "{\"b\":2}",
      ])
  }

  @Test func aTruncatedFileCountsItsLastObject() throws {
    #expect(try Self.items("[{\"a\":1}, {\"b\": {\"c\": 2") == ["{\"a\":1}", "malformed@10"])
  }

  /// Objects that straddle the reader's chunks come out whole.
  @Test func objectsAcrossChunksComeOutWhole() throws {
    let big = String(repeating: "x", count: JSONStream.chunkSize + 17)
    let text = "[{\"a\": \"\(big)\"}, {\"b\": \"\\\"\(big)\"}]"
    let items = try Self.items(text)
    #expect(items.count == 2)
    #expect(items[0] == "{\"a\": \"\(big)\"}")
    #expect(items[1].hasSuffix("\(big)\"}"))
  }
}
