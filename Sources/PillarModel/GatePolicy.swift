/// What makes a release fail the path-to-production gate. By default the gate fails closed: a
/// release fails on any high risk and on any unanswered question, and a release that answers no
/// question never passes, whatever the policy says. The other switches make the gate stricter;
/// turning a default off relaxes it, and every verdict then says so.
package struct GatePolicy: Sendable, Hashable, Codable {
  package var failOnHigh: Bool
  package var failOnMedium: Bool
  package var failOnUnanswered: Bool
  /// Missing practices that the workload's classification requires (`required-from`).
  package var failOnMissingRequired: Bool
  package var failOnExpiredAcceptance: Bool
  /// Answer files written against an older question set version.
  package var failOnOutdated: Bool
  /// A workload whose latest review is older than its classification's `review-every`: its
  /// latest release fails (`docs/metrics.md`).
  package var failOnOverdueReview: Bool
  /// A follow-up action of a high or critical incident past its due date: the workload's latest
  /// release fails.
  package var failOnOverdueIncidentActions: Bool
  /// The first release reviewed after an incident leaves a contributing practice neither
  /// implemented, risk-accepted nor planned: that release fails.
  package var failOnUnaddressedIncidents: Bool
  /// A classification level: a release of a workload at or above it that leaves a threat of its
  /// threat models open fails (`open-threats-from`). Nil: threats never fail the gate.
  package var failOnOpenThreatsFrom: String? = nil
  /// A practice ticked with no evidence (no link in its item) by a workload whose classification
  /// requires evidence (`evidence-required`): the release fails.
  package var failOnUnevidenced = false
  /// A practice the latest release marks implemented while a scanner check mapped to it failed
  /// (evidence that is not stale): the release fails (`docs/evidence.md`).
  package var failOnContradicted = false
  /// Evidence scanned more than this many days before an answer file's `reviewed` date is stale:
  /// shown, never judging the gate (`evidence-stale-after`).
  package var evidenceStaleAfter = 30
  /// A classification level: a release of a workload at or above it that risk-accepts a practice
  /// its classification requires fails (`accepted-required-from`). Nil: acceptances of required
  /// practices fail only under `missing-required`.
  package var failOnAcceptedRequiredFrom: String? = nil

  package init(
    failOnHigh: Bool = true, failOnMedium: Bool = false, failOnUnanswered: Bool = true,
    failOnMissingRequired: Bool = false, failOnExpiredAcceptance: Bool = false, failOnOutdated: Bool = false,
    failOnOverdueReview: Bool = false, failOnOverdueIncidentActions: Bool = false,
    failOnUnaddressedIncidents: Bool = false
  ) {
    self.failOnOverdueReview = failOnOverdueReview
    self.failOnOverdueIncidentActions = failOnOverdueIncidentActions
    self.failOnUnaddressedIncidents = failOnUnaddressedIncidents
    self.failOnHigh = failOnHigh
    self.failOnMedium = failOnMedium
    self.failOnUnanswered = failOnUnanswered
    self.failOnMissingRequired = failOnMissingRequired
    self.failOnExpiredAcceptance = failOnExpiredAcceptance
    self.failOnOutdated = failOnOutdated
  }

  package static let standard = GatePolicy()

  /// The switches by the names `pillar.yml` and the command line use.
  package static var switchNames: [(name: String, path: WritableKeyPath<GatePolicy, Bool>)] {
    [
      ("high-risks", \.failOnHigh), ("medium-risks", \.failOnMedium), ("unanswered", \.failOnUnanswered),
      ("missing-required", \.failOnMissingRequired), ("expired-acceptances", \.failOnExpiredAcceptance),
      ("outdated-question-set", \.failOnOutdated), ("overdue-review", \.failOnOverdueReview),
      ("overdue-incident-actions", \.failOnOverdueIncidentActions),
      ("unaddressed-incidents", \.failOnUnaddressedIncidents),
      ("unevidenced-practices", \.failOnUnevidenced), ("contradicted", \.failOnContradicted),
    ]
  }

  /// The settings that name a classification level, by the names `pillar.yml` and the command
  /// line use (`--fail-on-<name> <level>`).
  package static var levelNames: [(name: String, path: WritableKeyPath<GatePolicy, String?>)] {
    [("open-threats-from", \.failOnOpenThreatsFrom), ("accepted-required-from", \.failOnAcceptedRequiredFrom)]
  }

  /// The default switches this policy turns off, by name (`unanswered`, `high-risks`): a pass
  /// under such a policy is weaker than a pass under the default, and is shown as such.
  package var relaxed: [String] {
    Self.switchNames.filter { name, path in Self.standard[keyPath: path] && !self[keyPath: path] }.map(\.name)
  }

  /// What a switch fails a release on, for people (the glossary page and `--help`).
  package static func describe(_ name: String) -> String {
    switch name {
    case "high-risks": "a question with a high open risk (a high-risk issue)"
    case "medium-risks": "a question with a medium open risk (a medium-risk issue)"
    case "unanswered": "an unanswered question"
    case "missing-required":
      "a practice required at the workload's classification that is not implemented, even if risk-accepted"
    case "expired-acceptances": "a risk acceptance past its expiry date"
    case "outdated-question-set": "answers written against an older question set version"
    case "overdue-review": "a latest review older than the workload's classification's review-every days"
    case "overdue-incident-actions": "a follow-up action of a high or critical incident past its due date"
    case "unaddressed-incidents":
      "a first review after an incident that leaves a contributing practice neither implemented, planned nor accepted"
    case "contradicted":
      "a practice marked implemented while a scanner check mapped to it failed (evidence disagrees)"
    case "unevidenced-practices":
      "a practice ticked with no link to its evidence, by a workload whose classification requires evidence"
    default: name
    }
  }

  /// How a verdict names the policy it was reached under, for people.
  package var summary: String {
    let relaxed = relaxed
    return relaxed.isEmpty
      ? "the default policy" : "a relaxed policy (\(relaxed.map { "\($0): false" }.joined(separator: ", ")))"
  }
}
