import PillarModel

/// An improvement as it stands at one release: listed there, or carried forward from an earlier
/// release because its practice is still not implemented.
package struct PlannedImprovement: Sendable {
  package var improvement: Improvement
  /// The release whose answer file lists it.
  package var listedIn: String
  package var isCarried: Bool
  package var isOverdue: Bool
}

package enum ImprovementPlan {
  /// The plan at each release, in release order. An item stays on the plan until its practice is
  /// implemented or not applicable; a later answer file that lists the same practice replaces it.
  package static func plans(for reviews: [Review], scorecards: [Scorecard], today: String) -> [[PlannedImprovement]] {
    var open: [PlannedImprovement] = []
    var result: [[PlannedImprovement]] = []
    for (review, card) in zip(reviews, scorecards) {
      let states = Dictionary(
        card.questions.flatMap(\.practices).map { ($0.practice.id, $0.state) }, uniquingKeysWith: { first, _ in first })
      let listed = Set(review.improvements.map(\.practice.id))
      let carried = open.filter { item in
        !listed.contains(item.improvement.practice.id) && stillNeeded(states[item.improvement.practice.id])
      }
      .map { item in
        var item = item
        item.isCarried = true
        return item
      }
      let own = review.improvements.map {
        PlannedImprovement(improvement: $0, listedIn: review.release, isCarried: false, isOverdue: $0.due < today)
      }
      open = (own + carried).sorted {
        ($0.improvement.due, $0.improvement.practice.id) < ($1.improvement.due, $1.improvement.practice.id)
      }
      result.append(open)
    }
    return result
  }

  private static func stillNeeded(_ state: PracticeState?) -> Bool {
    switch state {
    case .implemented?, .notApplicable?: false
    default: true
    }
  }
}
