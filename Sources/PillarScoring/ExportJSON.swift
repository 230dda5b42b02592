/// `pillar export --format json` and the site's `data/latest.json`: the schema `pillar-export/1`.
public struct ExportJSON: Encodable {
  public var schema = "pillar-export/1"
  public var date: String
  public var questionSet: String
  public var scorecards: [ScorecardRecord]

  public static func render(_ records: [ScorecardRecord], evaluation: Evaluation) throws -> String {
    try render(records, date: evaluation.today, questionSet: evaluation.questionSet.lens.version)
  }

  public static func render(_ records: [ScorecardRecord], date: String, questionSet: String) throws -> String {
    let export = ExportJSON(date: date, questionSet: questionSet, scorecards: records)
    return String(decoding: try ScorecardRecord.encoder().encode(export), as: UTF8.self) + "\n"
  }
}
