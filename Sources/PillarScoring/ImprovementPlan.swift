import PillarModel

/// An improvement as it stands at one release: listed there, or carried forward from an earlier
/// release because its practice is still not implemented.
package struct PlannedImprovement: Sendable {
  package var improvement: Improvement
  /// The release whose answer file lists it.
  package var listedIn: String
  package var isCarried: Bool
  package var isOverdue: Bool
  /// The incident whose follow-up action this is, if it came from one.
  package var incident: String? = nil
}

package enum ImprovementPlan {
  /// The plan at each release, in release order. An item stays on the plan until its practice is
  /// implemented or not applicable; a later answer file that lists the same practice replaces it.
  ///
  /// An incident's follow-up actions join the plan at the first release reviewed on or after the
  /// incident was detected (the latest release, when none is), as if that release listed them.
  package static func plans(
    for reviews: [Review], scorecards: [Scorecard], today: String, actions: [(Incident, Incident.Action)] = []
  ) -> [[PlannedImprovement]] {
    var open: [PlannedImprovement] = []
    var result: [[PlannedImprovement]] = []
    var joining: [Int: [PlannedImprovement]] = [:]
    for (incident, action) in actions {
      guard let index = reviews.firstIndex(where: { $0.reviewed >= incident.detected }) ?? reviews.indices.last else {
        continue
      }
      joining[index, default: []].append(
        PlannedImprovement(
          improvement: action.improvement, listedIn: reviews[index].release, isCarried: false,
          isOverdue: action.improvement.due < today, incident: incident.id))
    }
    for (index, (review, card)) in zip(reviews, scorecards).enumerated() {
      let states = card.states
      let listed = Set(review.improvements.map(\.practice.id) + (joining[index] ?? []).map(\.improvement.practice.id))
      let carried = open.filter { item in
        !listed.contains(item.improvement.practice.id) && stillNeeded(states[item.improvement.practice.id])
      }
      .map { item in
        var item = item
        item.isCarried = true
        return item
      }
      let own =
        review.improvements.map {
          PlannedImprovement(improvement: $0, listedIn: review.release, isCarried: false, isOverdue: $0.due < today)
        } + (joining[index] ?? []).filter { stillNeeded(states[$0.improvement.practice.id]) }
      open = (own + carried).sorted {
        ($0.improvement.due, $0.improvement.practice.id) < ($1.improvement.due, $1.improvement.practice.id)
      }
      result.append(open)
    }
    return result
  }

  static func stillNeeded(_ state: PracticeState?) -> Bool {
    switch state {
    case .implemented?, .notApplicable?: false
    default: true
    }
  }
}
