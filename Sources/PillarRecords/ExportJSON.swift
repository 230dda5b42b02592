import PillarParallel
import PillarScoring

/// `pillar export --format json` and the site's `data/latest.json`: the schema `pillar-export/1`.
package struct ExportJSON: Encodable {
  package static let schemaName = "pillar-export/1"
  package var schema = ExportJSON.schemaName
  package var date: String
  package var questionSet: String
  package var scorecards: [ScorecardRecord]

  package init(date: String, questionSet: String, scorecards: [ScorecardRecord]) {
    self.date = date
    self.questionSet = questionSet
    self.scorecards = scorecards
  }

  package static func render(_ records: [ScorecardRecord], evaluation: Evaluation, jobs: Int) throws -> String {
    try render(records, date: evaluation.today, questionSet: evaluation.questionSet.lens.version, jobs: jobs)
  }

  package static func render(_ records: [ScorecardRecord], date: String, questionSet: String, jobs: Int) throws
    -> String
  {
    String(decoding: try bytes(records, date: date, questionSet: questionSet, jobs: jobs), as: UTF8.self)
  }

  /// The same bytes as encoding the whole export at once, made record by record on every core:
  /// for ten thousand workloads the file is about 200 MB, and one encoder over all of it held
  /// several times that in memory and took seconds on one core.
  package static func bytes(_ records: [ScorecardRecord], date: String, questionSet: String, jobs: Int) throws
    -> [UInt8]
  {
    Array(try pieces(records, date: date, questionSet: questionSet, jobs: jobs).joined())
  }

  /// `bytes` in pieces to write one after the other, so the whole file is never joined in memory:
  /// the head up to `"scorecards" : [`, each record (two levels deep, after its separator), the
  /// tail. `PrettyJSON` writes Foundation's layout, so the pieces join to the encoder's bytes.
  package static func pieces(
    _ records: [ScorecardRecord], date: String, questionSet: String, jobs: Int
  )
    throws -> [[UInt8]]
  {
    var pieces: [[UInt8]] = []
    try write(records, date: date, questionSet: questionSet, jobs: jobs) { pieces.append($0) }
    return pieces
  }

  /// The same pieces, handed to `append` as they are made, a batch of records at a time (each
  /// batch encoded on every core): the file is written without ever being held whole, which at
  /// 10,000 workloads is hundreds of megabytes.
  package static func write(
    _ records: [ScorecardRecord], date: String, questionSet: String, jobs: Int, batch: Int = 512,
    to append: ([UInt8]) throws -> Void
  ) throws {
    var head = PrettyJSON()
    head.beginObject()
    head.field("date", date)
    head.field("questionSet", questionSet)
    head.field("schema", schemaName)
    head.key("scorecards")
    head.beginList()
    try append(head.bytes)
    try Parallel.forEachBatch(Array(zip(records.indices, records)), batch: batch, jobs: jobs) {
      index, record -> [UInt8] in
      var json = PrettyJSON(level: 2)
      record.write(to: &json)
      return Array((index == 0 ? "\n    " : ",\n    ").utf8) + json.bytes
    } consume: {
      try append($0)
    }
    try append(Array((records.isEmpty ? "\n\n  ]\n}\n" : "\n  ]\n}\n").utf8))
  }
}
