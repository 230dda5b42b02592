/// Scorecards as CSV for spreadsheets: one row per workload, release, question and practice.
public enum ExportCSV {
  public static let header = [
    "workload", "name", "owner", "classification", "release", "reviewed", "latest", "score", "high_risks",
    "medium_risks", "unanswered", "gate", "question", "question_risk", "practice", "practice_title", "state", "risk",
    "required", "reason",
  ]

  public static func render(_ records: [ScorecardRecord]) -> String {
    var lines = [header.joined(separator: ",")]
    for record in records {
      let release: [String] = [
        record.workload, record.name, record.owner, record.classification, record.release, record.reviewed,
        record.latest ? "true" : "false", record.score.map(String.init) ?? "", String(record.highRisks),
        String(record.mediumRisks), String(record.unanswered), record.gate.passes ? "pass" : "fail",
      ]
      for question in record.questions {
        for practice in question.practices {
          let row =
            release + [
              question.id, question.risk, practice.id, practice.title, practice.state, practice.risk,
              practice.required ? "true" : "false", practice.reason ?? "",
            ]
          lines.append(row.map(field).joined(separator: ","))
        }
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// RFC 4180 quoting, and a leading `'` on text a spreadsheet would run as a formula: reasons
  /// and names come from answer files, which are not trusted.
  static func field(_ text: String) -> String {
    var value = text
    if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
