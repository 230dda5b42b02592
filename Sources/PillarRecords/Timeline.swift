import PillarModel
import PillarScoring

/// The organisation's posture over time: at each review date, every workload's latest release
/// reviewed by then, summed.
package struct PosturePoint: Sendable, Hashable {
  package var date: String
  package var workloads: Int
  package var averageScore: Int?
  package var highRisks: Int
  package var mediumRisks: Int
  package var failing: Int
}

package enum Timeline {
  /// One sweep over every release in date order, keeping running totals: linear in the number of
  /// releases (a workload's releases are in release order, which usually but not always matches
  /// their dates, so "latest by then" is the latest in release order among those reviewed).
  package static func posture(_ organisation: Organisation) -> [PosturePoint] {
    struct Event {
      var date: String
      var workload: Int
      /// The release's index, or -1: the workload retires on this date and leaves the totals.
      var index: Int
    }
    var events: [Event] = []
    for (workload, summary) in organisation.workloads.enumerated() {
      for (index, release) in summary.releases.enumerated() where !release.reviewed.isEmpty {
        events.append(Event(date: release.reviewed, workload: workload, index: index))
      }
      if let retired = summary.retiredOn { events.append(Event(date: retired, workload: workload, index: -1)) }
    }
    events.sort { ($0.date, $0.workload, $0.index) < ($1.date, $1.workload, $1.index) }

    var current: [Int: Int] = [:]  // workload → index of its latest release reviewed so far
    var retired: Set<Int> = []
    var workloads = 0
    var scored = 0
    var scoreSum = 0
    var high = 0
    var medium = 0
    var failing = 0
    func apply(_ card: WorkloadSummary.Release, _ sign: Int) {
      // As on the dashboard: only releases that answer every question enter the average.
      if let score = card.score, card.unanswered == 0 {
        scored += sign
        scoreSum += sign * score
      }
      high += sign * card.highRisks
      medium += sign * card.mediumRisks
      failing += sign * (card.passes ? 0 : 1)
    }
    var points: [PosturePoint] = []
    for (position, event) in events.enumerated() {
      let cards = organisation.workloads[event.workload].releases
      if event.index < 0 {
        if let previous = current[event.workload] {
          apply(cards[previous], -1)
          workloads -= 1
        }
        current[event.workload] = nil
        retired.insert(event.workload)
      } else if retired.contains(event.workload) {
        // A release reviewed after the retirement changes nothing.
      } else if let previous = current[event.workload] {
        if event.index > previous {
          apply(cards[previous], -1)
          apply(cards[event.index], 1)
          current[event.workload] = event.index
        }
      } else {
        workloads += 1
        apply(cards[event.index], 1)
        current[event.workload] = event.index
      }
      if position + 1 == events.count || events[position + 1].date != event.date {
        points.append(
          PosturePoint(
            date: event.date, workloads: workloads, averageScore: average(scoreSum, over: scored),
            highRisks: high, mediumRisks: medium, failing: failing))
      }
    }
    return points
  }

  static func average(_ sum: Int, over count: Int) -> Int? {
    count > 0 ? sum / count : nil
  }
}
