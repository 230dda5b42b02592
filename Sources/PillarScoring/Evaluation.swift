import PillarModel
import PillarParallel

/// Every release of every workload, scored. The input of rendering and of the gate.
package struct Evaluation: Sendable {
  package struct WorkloadResult: Sendable {
    package var workload: Workload
    /// One per review, in release order (oldest first).
    package var scorecards: [Scorecard]
    /// The improvement plan at each release, carried-forward items included.
    package var plans: [[PlannedImprovement]]
    /// The delta from each release to the next: `deltas[i]` goes from release `i` to `i + 1`.
    package var deltas: [Delta]
    /// Incidents that involve this workload, by id.
    package var incidents: [Incident] = []
    /// Practices the latest release marks implemented that an incident names as contributing
    /// (practice id → incident ids): to be reviewed again.
    package var reReview: [String: [String]] = [:]
    /// Each release's threats and how far its answers mitigate them (see `ThreatAssessment`).
    package var threats: [[ThreatResult]] = []
    /// The latest release's answers held against the scanner's findings (empty without evidence).
    package var evidence: [PracticeEvidence] = []
    package var latest: Scorecard? { scorecards.last }
  }

  package var workbook: Workbook
  package var workloads: [WorkloadResult]
  package var today: String
  package var policy: GatePolicy

  package var questionSet: QuestionSet { workbook.questionSet }
  package var releaseCount: Int { workloads.reduce(0) { $0 + $1.scorecards.count } }
}

extension Evaluator {
  package static func evaluate(
    _ workbook: Workbook, today: String, policy: GatePolicy = .standard, evidence: EvidenceIndex = EvidenceIndex(),
    jobs: Int
  ) -> Evaluation {
    let results = Parallel.map(workbook.workloads.sorted { $0.id < $1.id }, jobs: jobs) { workload in
      evaluate(
        workload, in: workbook.questionSet, incidents: workbook.incidents, today: today, policy: policy,
        evidence: evidence)
    }
    return Evaluation(workbook: workbook, workloads: results, today: today, policy: policy)
  }

  /// One workload: a scorecard per release, the deltas between them, the improvement plans.
  package static func evaluate(
    _ workload: Workload, in set: QuestionSet, incidents: [Incident] = [], today: String, policy: GatePolicy,
    evidence: EvidenceIndex = EvidenceIndex()
  ) -> Evaluation.WorkloadResult {
    let incidents = incidents.filter { $0.involves(workload.id) }
    let cadence = ReviewCadence.of(workload, in: set, asOf: today)
    var cards = workload.reviews.indices.map { index in
      scorecard(
        for: workload.reviews[index], of: workload, in: set, today: today, policy: policy,
        cadence: index == workload.reviews.count - 1 ? cadence : nil)
    }
    let threats = cards.map { ThreatAssessment.assess(workload, in: set, card: $0) }
    if let from = policy.failOnOpenThreatsFrom, let level = set.level(from),
      let rank = set.level(workload.classification.id)?.rank, rank >= level.rank
    {
      for index in cards.indices {
        let open = threats[index].filter { $0.state == .open }.map(\.threat.id)
        if !open.isEmpty {
          cards[index].failGate(
            "\(open.count) open threat\(open.count == 1 ? "" : "s") (\(open.joined(separator: ", "))) at \(level.title) or above",
            set: set)
        }
      }
    }
    var judged: [PracticeEvidence] = []
    if let last = cards.indices.last, let review = workload.reviews.last {
      judged = EvidenceAssessment.assess(
        cards[last], review: review, workload: workload, evidence: evidence, staleAfter: policy.evidenceStaleAfter)
      let disagreeing = judged.filter { $0.judgement == .contradicted && !$0.isStale }.map(\.practiceID)
      if policy.failOnContradicted, !disagreeing.isEmpty {
        cards[last].failGate(
          "evidence disagrees: \(disagreeing.count) practice\(disagreeing.count == 1 ? "" : "s") marked implemented with a failing check (\(Evaluator.listed(disagreeing)))",
          set: set)
      }
    }
    let actions = incidents.flatMap { incident in
      incident.actions.filter { $0.workload == workload.id }.map { (incident, $0) }
    }
    let plans = ImprovementPlan.plans(for: workload.reviews, scorecards: cards, today: today, actions: actions)
    IncidentGate.apply(
      incidents, to: &cards, reviews: workload.reviews, plans: plans, workload: workload.id, set: set, today: today,
      policy: policy)
    let deltas = cards.indices.dropFirst().map {
      Delta.between(cards[$0 - 1], cards[$0], oldReview: workload.reviews[$0 - 1], newReview: workload.reviews[$0])
    }
    var reReview: [String: [String]] = [:]
    if let latest = workload.reviews.last {
      for incident in incidents {
        for answer in incident.contradicts(latest) { reReview[answer.practiceID, default: []].append(incident.id) }
      }
    }
    return Evaluation.WorkloadResult(
      workload: workload, scorecards: cards, plans: plans, deltas: deltas, incidents: incidents, reReview: reReview,
      threats: threats, evidence: judged)
  }
}
