import Foundation
import PillarParallel

/// `pillar export --format json` and the site's `data/latest.json`: the schema `pillar-export/1`.
public struct ExportJSON: Encodable {
  public var schema = "pillar-export/1"
  public var date: String
  public var questionSet: String
  public var scorecards: [ScorecardRecord]

  public init(date: String, questionSet: String, scorecards: [ScorecardRecord]) {
    self.date = date
    self.questionSet = questionSet
    self.scorecards = scorecards
  }

  public static func render(_ records: [ScorecardRecord], evaluation: Evaluation) throws -> String {
    try render(records, date: evaluation.today, questionSet: evaluation.questionSet.lens.version)
  }

  public static func render(_ records: [ScorecardRecord], date: String, questionSet: String) throws -> String {
    String(decoding: try bytes(records, date: date, questionSet: questionSet), as: UTF8.self)
  }

  /// The same bytes as encoding the whole export at once, made record by record on every core:
  /// for ten thousand workloads the file is about 200 MB, and one encoder over all of it held
  /// several times that in memory and took seconds on one core.
  public static func bytes(_ records: [ScorecardRecord], date: String, questionSet: String) throws -> [UInt8] {
    Array(try pieces(records, date: date, questionSet: questionSet).joined())
  }

  /// `bytes` in pieces to write one after the other, so the whole file is never joined in memory.
  public static func pieces(_ records: [ScorecardRecord], date: String, questionSet: String) throws -> [[UInt8]] {
    let head = ExportJSON(date: date, questionSet: questionSet, scorecards: [])
    guard !records.isEmpty else { return [[UInt8](try ScorecardRecord.encoder().encode(head)) + [0x0A]] }
    // The export with one string where the records go, split there: the layout around the
    // records is the encoder's own.
    let marker = "pillar-export-records"
    let skeleton = [UInt8](try ScorecardRecord.encoder().encode(Skeleton(base: head, marker: marker)))
    guard let at = skeleton.firstRange(of: Array("    \"\(marker)\"".utf8)) else {
      let whole = ExportJSON(date: date, questionSet: questionSet, scorecards: records)
      return [[UInt8](try ScorecardRecord.encoder().encode(whole)) + [0x0A]]
    }
    // A record inside `"scorecards" : [` sits two levels deep; all but the last end with `,`.
    let last = records.count - 1
    let encoded = Parallel.map(Array(records.enumerated())) { index, record -> [UInt8] in
      var json = PrettyJSON(level: 2)
      record.write(to: &json)
      return [0x20, 0x20, 0x20, 0x20] + json.bytes + (index < last ? Array(",\n".utf8) : [])
    }
    return [Array(skeleton[..<at.lowerBound])] + encoded + [Array(skeleton[at.upperBound...]) + [0x0A]]
  }

  /// The export's fields with one string where the records go, to take the exact layout of the
  /// surrounding JSON from the encoder itself.
  private struct Skeleton: Encodable {
    var base: ExportJSON
    var marker: String

    enum Keys: String, CodingKey { case schema, date, questionSet, scorecards }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(base.schema, forKey: .schema)
      try container.encode(base.date, forKey: .date)
      try container.encode(base.questionSet, forKey: .questionSet)
      try container.encode([marker], forKey: .scorecards)
    }
  }
}
