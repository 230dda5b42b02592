import PillarDiagnostics
import PillarRecords
import PillarScoring

/// `pillar check --format json`: the schema `pillar-check/1` (docs/schemas/pillar-check-1.schema.json).
struct CheckJSON: Encodable {
  struct Item: Encodable {
    var severity: String
    var id: String
    var message: String
    var path: String
    var line: Int
    var column: Int
  }

  struct Summary: Encodable {
    var errors: Int
    var warnings: Int
    var checked: Int
    var failing: Int
  }

  struct Policy: Encodable {
    var highRisks: Bool
    var mediumRisks: Bool
    var unanswered: Bool
    var missingRequired: Bool
    var expiredAcceptances: Bool
    var outdatedQuestionSet: Bool
    var overdueReview: Bool
    var overdueIncidentActions: Bool
    var unaddressedIncidents: Bool
    var unevidencedPractices: Bool
    var contradicted: Bool
    var openThreatsFrom: String?
    var acceptedRequiredFrom: String?

    private enum CodingKeys: String, CodingKey {
      case highRisks, mediumRisks, unanswered, missingRequired, expiredAcceptances, outdatedQuestionSet
      case overdueReview, overdueIncidentActions, unaddressedIncidents, unevidencedPractices, contradicted,
        openThreatsFrom
      case acceptedRequiredFrom
    }

    /// Every key always present: a level setting is `null` when it does not gate.
    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(highRisks, forKey: .highRisks)
      try container.encode(mediumRisks, forKey: .mediumRisks)
      try container.encode(unanswered, forKey: .unanswered)
      try container.encode(missingRequired, forKey: .missingRequired)
      try container.encode(expiredAcceptances, forKey: .expiredAcceptances)
      try container.encode(outdatedQuestionSet, forKey: .outdatedQuestionSet)
      try container.encode(overdueReview, forKey: .overdueReview)
      try container.encode(overdueIncidentActions, forKey: .overdueIncidentActions)
      try container.encode(unaddressedIncidents, forKey: .unaddressedIncidents)
      try container.encode(unevidencedPractices, forKey: .unevidencedPractices)
      try container.encode(contradicted, forKey: .contradicted)
      try container.encode(openThreatsFrom, forKey: .openThreatsFrom)
      try container.encode(acceptedRequiredFrom, forKey: .acceptedRequiredFrom)
    }
  }

  var schema = "pillar-check/1"
  /// pass, fail or invalid: the same as the exit code 0, 1 or 2.
  var verdict: String
  var date: String
  var questionSet: String
  var policy: Policy
  var summary: Summary
  var diagnostics: [Item]
  var scorecards: [ScorecardRecord]
  /// Workloads a change removed without retiring them first; each fails the check.
  var removedWorkloads: [String]
  /// What blocks each failing release, at its place (see `Blocker`), and how it passes.
  var blocking: [Blocking]
  var waysToPass = Blocker.waysToPass

  struct Blocking: Encodable {
    var workload: String
    var release: String
    var path: String
    var line: Int
    var column: Int
    var text: String
  }

  static func render(_ outcome: CheckOutcome, siteURL: String? = nil) throws -> String {
    let policy = outcome.checked.evaluation.policy
    let report = CheckJSON(
      verdict: ["pass", "fail", "invalid"][Int(outcome.exitCode)],
      date: outcome.checked.evaluation.today, questionSet: outcome.checked.workbook.questionSet.lens.version,
      policy: Policy(
        highRisks: policy.failOnHigh, mediumRisks: policy.failOnMedium, unanswered: policy.failOnUnanswered,
        missingRequired: policy.failOnMissingRequired, expiredAcceptances: policy.failOnExpiredAcceptance,
        outdatedQuestionSet: policy.failOnOutdated, overdueReview: policy.failOnOverdueReview,
        overdueIncidentActions: policy.failOnOverdueIncidentActions,
        unaddressedIncidents: policy.failOnUnaddressedIncidents, unevidencedPractices: policy.failOnUnevidenced,
        contradicted: policy.failOnContradicted,
        openThreatsFrom: policy.failOnOpenThreatsFrom, acceptedRequiredFrom: policy.failOnAcceptedRequiredFrom),
      summary: Summary(
        errors: outcome.diagnostics.errorCount, warnings: outcome.diagnostics.warningCount,
        checked: outcome.targets.count, failing: outcome.failing.count + outcome.removed.count),
      diagnostics: outcome.diagnostics.map {
        Item(
          severity: $0.severity.rawValue, id: $0.id, message: $0.summary, path: $0.location.path,
          line: $0.location.line,
          column: $0.location.column)
      },
      scorecards: outcome.targets.map {
        ScorecardRecord(
          $0.card, review: $0.review, workload: $0.result.workload, latest: $0.index == $0.result.scorecards.count - 1)
      }, removedWorkloads: outcome.removed,
      blocking: outcome.failing.flatMap { target in
        Blocker.all(for: target, policy: policy, siteURL: siteURL).map {
          Blocking(
            workload: target.result.workload.id, release: target.card.release, path: $0.location.path,
            line: $0.location.line, column: $0.location.column, text: $0.text)
        }
      })
    return String(decoding: try ScorecardRecord.encoder().encode(report), as: UTF8.self) + "\n"
  }
}
