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
    _ workbook: Workbook, today: String, policy: GatePolicy = .standard, jobs: Int
  ) -> Evaluation {
    let results = Parallel.map(workbook.workloads.sorted { $0.id < $1.id }, jobs: jobs) { workload in
      evaluate(workload, in: workbook.questionSet, today: today, policy: policy)
    }
    return Evaluation(workbook: workbook, workloads: results, today: today, policy: policy)
  }

  /// One workload: a scorecard per release, the deltas between them, the improvement plans.
  package static func evaluate(_ workload: Workload, in set: QuestionSet, today: String, policy: GatePolicy)
    -> Evaluation.WorkloadResult
  {
    let cadence = ReviewCadence.of(workload, in: set, asOf: today)
    let cards = workload.reviews.indices.map { index in
      scorecard(
        for: workload.reviews[index], of: workload, in: set, today: today, policy: policy,
        cadence: index == workload.reviews.count - 1 ? cadence : nil)
    }
    let deltas = cards.indices.dropFirst().map {
      Delta.between(cards[$0 - 1], cards[$0], oldReview: workload.reviews[$0 - 1], newReview: workload.reviews[$0])
    }
    return Evaluation.WorkloadResult(
      workload: workload, scorecards: cards,
      plans: ImprovementPlan.plans(for: workload.reviews, scorecards: cards, today: today), deltas: deltas)
  }
}
