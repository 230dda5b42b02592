/// How fresh a workload's review is against its classification's `review-every`
/// (`docs/metrics.md`): one rule for the dashboard, the workload page, the gate and metrics.
package struct ReviewCadence: Sendable, Hashable {
  package var lastReviewed: String
  package var reviewEvery: Int
  /// Days from the last review to the date it is measured at.
  package var daysSince: Int

  /// Nil when there is no valid review date to measure from.
  package init?(lastReviewed: String, reviewEvery: Int, asOf today: String) {
    guard let last = DateMath.dayNumber(lastReviewed), let now = DateMath.dayNumber(today) else { return nil }
    self.lastReviewed = lastReviewed
    self.reviewEvery = reviewEvery
    daysSince = now - last
  }

  /// Older than its cadence: reviewed more than `reviewEvery` days before.
  package var isOverdue: Bool { daysSince > reviewEvery }

  /// The day the next review is due.
  package var due: String { DateMath.adding(days: reviewEvery, to: lastReviewed) }

  /// The cadence of `workload` as of `today`: its latest release's review against its level's
  /// `review-every` (nil without a reviewed release).
  /// How often a workload at `classification` must be reviewed: its level's `review-every`, or
  /// the default when the level sets none or does not exist.
  package static func reviewEvery(_ classification: String, in set: QuestionSet) -> Int {
    set.level(classification)?.reviewEvery ?? ClassificationLevel.defaultReviewEvery
  }

  package static func of(_ workload: Workload, in set: QuestionSet, asOf today: String) -> ReviewCadence? {
    guard let latest = workload.reviews.last else { return nil }
    let every = reviewEvery(workload.classification.id, in: set)
    return ReviewCadence(lastReviewed: latest.reviewed, reviewEvery: every, asOf: today)
  }
}
