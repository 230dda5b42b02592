import PillarModel
import PillarScoring

/// Scorecards as CSV for spreadsheets, one kind of row at a time, so that every figure is on
/// the rows it belongs to and sums right: release figures (score, HRI, …) only on release rows
/// (on every practice row, `SUM(high_risks)` gave 126 for a true 2), a question's risk on
/// question rows, and on practice rows the state, the risk if missing (named so: it is not a
/// risk that is open), the risk open now, the acceptance and the improvement.
package enum ExportCSV {
  package enum Rows: String, CaseIterable, Sendable {
    case release
    case question
    case practice
  }

  package static func header(_ rows: Rows) -> [String] {
    let release = ["workload", "name", "owner", "classification", "release", "reviewed", "as_of", "latest"]
    switch rows {
    case .release:
      return release + ["score", "high_risks", "medium_risks", "unanswered", "gate", "gate_reasons"]
    case .question:
      return release + ["question", "question_title", "answered", "question_risk"]
    case .practice:
      return release + [
        "question", "question_title", "practice", "practice_title", "state", "risk_if_missing", "open_risk",
        "required", "reason", "acceptance_approver", "acceptance_expires", "improvement_owner", "improvement_due",
      ]
    }
  }

  /// - Parameter allReleases: every release, or only each workload's latest.
  package static func render(_ evaluation: Evaluation, rows: Rows, allReleases: Bool) -> String {
    var lines = [header(rows).joined(separator: ",")]
    for result in evaluation.workloads {
      let workload = result.workload
      let indices = allReleases ? Array(result.scorecards.indices) : Array(result.scorecards.indices.suffix(1))
      for index in indices {
        let card = result.scorecards[index]
        let review = workload.reviews[index]
        let release = [
          workload.id, workload.name, workload.owner, workload.classification.id, card.release, review.reviewed,
          evaluation.today, index == result.scorecards.count - 1 ? "true" : "false",
        ]
        switch rows {
        case .release:
          lines.append(
            row(
              release + [
                card.score.map(String.init) ?? "", String(card.highRisks), String(card.mediumRisks),
                String(card.unanswered), card.gate.passes ? "pass" : "fail", card.gate.reasons.joined(separator: "; "),
              ]))
        case .question:
          for question in card.questions {
            lines.append(
              row(
                release + [
                  question.question.id, question.question.title, question.isAnswered ? "true" : "false",
                  question.risk?.name ?? "unanswered",
                ]))
          }
        case .practice:
          let plan = result.plans[index]
          for question in card.questions {
            for practice in question.practices {
              var reason = ""
              var acceptance: Acceptance?
              switch practice.state {
              case .notApplicable(let text): reason = text
              case .riskAccepted(let accepted), .acceptanceExpired(let accepted):
                reason = accepted.reason
                acceptance = accepted
              default: break
              }
              let improvement = plan.first { $0.improvement.practice.id == practice.practice.id }?.improvement
              lines.append(
                row(
                  release + [
                    question.question.id, question.question.title, practice.practice.id, practice.practice.title,
                    practice.state.name, practice.risk.name, practice.isOpen ? practice.risk.name : "none",
                    practice.isRequired ? "true" : "false", reason, acceptance?.approver ?? "",
                    acceptance?.expires ?? "", improvement?.owner ?? "", improvement?.due ?? "",
                  ]))
            }
          }
        }
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  package static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

  /// RFC 4180 quoting, and a leading `'` on text a spreadsheet would run as a formula: reasons
  /// and names come from answer files, which are not trusted.
  static func field(_ text: String) -> String {
    var value = text
    if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
