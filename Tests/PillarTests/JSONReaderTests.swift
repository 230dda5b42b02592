import Foundation
import PillarRecords
import Testing

/// The build cache's reader (`JSONReader`) against `JSONDecoder`, the library it replaced for
/// reading summaries back.
@Suite struct JSONReaderTests {
  struct Sample: Codable, Equatable {
    var text: String
    var number: Int
    var flag: Bool
    var list: [String]
    var missing: String?
  }

  static func read(_ json: String) throws -> Sample {
    try JSONReader.read(Array(json.utf8)) { json in
      var sample = Sample(text: "", number: 0, flag: false, list: [])
      try json.object { json, key in
        switch key {
        case "text": sample.text = try json.string()
        case "number": sample.number = try json.int()
        case "flag": sample.flag = try json.bool()
        case "list": sample.list = try json.strings()
        case "missing": sample.missing = json.null() ? nil : try json.string()
        default: try json.skip()
        }
      }
      return sample
    }
  }

  @Test(arguments: [
    #"{"text":"plain","number":42,"flag":true,"list":["a","b"]}"#,
    #" { "text" : "tab\tquote\"slash\/back\\nl\nuni\u00e9\ud83d\ude42" , "number" : -7 , "flag" : false , "list" : [ ] } "#,
    #"{"extra":{"deep":[1,2.5e3,null,true,"x",{"k":[]}]},"text":"été 🙂","number":0,"flag":true,"list":[""],"missing":null}"#,
    #"{"text":"\u0000\u001f","number":9223372036854775807,"flag":false,"list":["\"",""],"missing":"here"}"#,
  ])
  func readsWhatJSONDecoderReads(_ json: String) throws {
    let expected = try JSONDecoder().decode(Sample.self, from: Data(json.utf8))
    #expect(try Self.read(json) == expected)
  }

  @Test(arguments: [
    #"{"text":"cut"#,  // ends inside a string
    #"{"text":"a","number":1,"flag":true,"list":[]"#,  // no closing brace
    #"{"text":"a"} trailing"#,  // something after the value
    #"{"text":"\ud83d","number":1}"#,  // a lone high surrogate
    #"{"text":"\udc00"}"#,  // a lone low surrogate
    #"{"text":"\q"}"#,  // an unknown escape
    "{\"text\":\"raw\ncontrol\"}",  // a raw control character
    #"{"number":99999999999999999999}"#,  // too large
    #"{"number":"1"}"#,  // the wrong kind
    #"{"flag":tru}"#,
    "",
    // An unread field nested past any depth the cache writes: refused, not followed.
    "{\"extra\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}",
  ])
  func refusesWhatIsNotJSONItExpects(_ json: String) {
    #expect(throws: JSONReader.Failure.self) { try Self.read(json) }
  }

  /// The writer of the cache and the data export (`PrettyJSON`), against `JSONDecoder`: every
  /// string comes back as it was, with escapes at either end, side by side, or none at all.
  @Test(arguments: [
    "", "plain", "\"", "\\", "\n\u{1}", "a\"b\\c\td", "ends with \u{1F}", "\u{7F}é🙂\u{0}", "\"\"mid\\\\",
  ])
  func theWriterEscapesWhatJSONNeeds(_ text: String) throws {
    var json = PrettyJSON(pretty: false)
    json.string(text)
    #expect(try JSONDecoder().decode(String.self, from: Data(json.bytes)) == text)
    #expect(!json.bytes.contains { $0 < 0x20 })
  }
}
