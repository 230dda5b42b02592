import PillarModel
import PillarRecords
import PillarScoring

/// `pillar metrics` and the metrics page: the figures of `docs/metrics.md` per period, now, and
/// now by classification and by owner, from the organisation's summaries (so an incremental
/// build gives the same figures as a full one).
package struct MetricsReport: Sendable, Equatable {
  package struct Row: Sendable, Equatable {
    package var period: Period
    package var figures: Figures
  }

  package struct Group: Sendable, Equatable {
    package var id: String
    package var title: String
    package var now: Figures
    /// The same periods as the organisation's, over this group's workloads.
    package var periods: [Row]
  }

  /// One workload's review cadence as of the build date.
  package struct Cadence: Sendable, Equatable {
    package var id: String
    package var name: String
    package var owner: String
    package var classification: String
    package var lastReviewed: String?
    package var daysSinceReview: Int?
    package var reviewEvery: Int
    package var overdue: Bool
  }

  package var date: String
  package var granularity: Period.Granularity
  package var now: Figures
  package var periods: [Row]
  package var byClassification: [Group]
  package var byOwner: [Group]
  package var workloads: [Cadence]
  /// Now as it stood at the end of the period before the build date's (nil with one period):
  /// what the pages' trends compare with. Its figures count every date up to the period's end.
  package var previous: Row?

}

package enum Metrics {
  package static func report(_ organisation: Organisation, by granularity: Period.Granularity) -> MetricsReport {
    let today = organisation.today
    let set = organisation.questionSet
    let everyone = organisation.workloads
    let first = everyone.flatMap(\.releases).map(\.reviewed).filter { !$0.isEmpty && $0 <= today }.min()
    let periods = first.map { Period.all(from: $0, through: today, by: granularity) } ?? []
    func rows(_ workloads: [WorkloadSummary]) -> [MetricsReport.Row] {
      periods.map { period in
        MetricsReport.Row(
          period: period,
          figures: figures(workloads, set: set, from: period.start, through: min(period.end, today), today: today))
      }
    }
    func now(_ workloads: [WorkloadSummary]) -> Figures {
      figures(workloads, set: set, from: nil, through: today, today: today)
    }
    func group(_ id: String, _ title: String, _ members: [WorkloadSummary]) -> MetricsReport.Group {
      MetricsReport.Group(id: id, title: title, now: now(members), periods: rows(members))
    }
    let levels = set.levels.compactMap { level -> MetricsReport.Group? in
      let members = everyone.filter { $0.classification == level.id }
      return members.isEmpty ? nil : group(level.id, level.title, members)
    }
    let owners = Dictionary(grouping: everyone, by: \.owner).sorted { $0.key < $1.key }.map { owner, members in
      group(owner, owner, members)
    }
    let cadences = everyone.filter { $0.retiredOn == nil }.sorted { $0.id < $1.id }.map { summary in
      let every = set.level(summary.classification)?.reviewEvery ?? ClassificationLevel.defaultReviewEvery
      let cadence = latest(summary, asOf: today).flatMap {
        ReviewCadence(lastReviewed: $0.reviewed, reviewEvery: every, asOf: today)
      }
      return MetricsReport.Cadence(
        id: summary.id, name: summary.name, owner: summary.owner, classification: summary.classification,
        lastReviewed: cadence?.lastReviewed, daysSinceReview: cadence?.daysSince, reviewEvery: every,
        overdue: cadence?.isOverdue ?? true)
    }
    let previous = periods.dropLast().last.map { period in
      MetricsReport.Row(
        period: period, figures: figures(everyone, set: set, from: nil, through: period.end, today: today))
    }
    return MetricsReport(
      date: today, granularity: granularity, now: now(everyone), periods: rows(everyone), byClassification: levels,
      byOwner: owners, workloads: cadences, previous: previous)
  }

  /// The figures of `workloads`: flows dated from `from` (nil: the beginning) through `through`,
  /// stocks as of `through`. Improvements are judged as delivered by `today`.
  static func figures(_ workloads: [WorkloadSummary], set: QuestionSet, from: String?, through: String, today: String)
    -> Figures
  {
    var figures = Figures()
    func inWindow(_ date: String, of summary: WorkloadSummary) -> Bool {
      !date.isEmpty && (from.map { date >= $0 } ?? true) && date <= through
        && (summary.retiredOn.map { date < $0 } ?? true)
    }
    var closedHigh: [Int] = []
    var closedMedium: [Int] = []
    var coverage: [String: (implemented: Int, applicable: Int)] = [:]
    var met: [String: Int] = [:]
    var counted = 0
    for summary in workloads {
      // Flows.
      for release in summary.releases where inWindow(release.reviewed, of: summary) {
        figures.releases.reviewed += 1
        if release.passes { figures.releases.passed += 1 }
      }
      for life in summary.risks {
        if life.isRegression && inWindow(life.opened, of: summary) { figures.regressions += 1 }
        guard let closed = life.closed, inWindow(closed, of: summary), let days = days(from: life.opened, to: closed)
        else { continue }
        if life.level == .high { closedHigh.append(days) } else if life.level == .medium { closedMedium.append(days) }
      }
      for outcome in summary.improvements where inWindow(outcome.due, of: summary) {
        figures.improvements.due += 1
        switch outcome.delivered {
        case let delivered? where delivered <= outcome.due: figures.improvements.deliveredOnTime += 1
        case let delivered? where delivered <= today: figures.improvements.deliveredLate += 1
        default: figures.improvements.overdue += 1
        }
      }
      // Stocks, as of `through`.
      guard summary.retiredOn.map({ through < $0 }) ?? true, let release = latest(summary, asOf: through) else {
        continue
      }
      counted += 1
      let every = set.level(summary.classification)?.reviewEvery ?? ClassificationLevel.defaultReviewEvery
      figures.reviewedOnTime.workloads += 1
      if let cadence = ReviewCadence(lastReviewed: release.reviewed, reviewEvery: every, asOf: through),
        !cadence.isOverdue
      {
        figures.reviewedOnTime.onTime += 1
      }
      for life in summary.risks where life.isOpen(asOf: through) {
        guard let age = days(from: life.opened, to: through) else { continue }
        if life.level == .medium { figures.openMediumRisks += 1 }
        guard life.level == .high else { continue }
        figures.openHighRisks.count(age: age)
        let candidate = Figures.Oldest(workload: summary.id, practice: life.practice, opened: life.opened, days: age)
        // The oldest; among equals, the first by workload, then practice id.
        if let oldest = figures.openHighRisks.oldest,
          (-oldest.days, oldest.workload, oldest.practice) <= (-age, summary.id, life.practice)
        {
          continue
        }
        figures.openHighRisks.oldest = candidate
      }
      let soon = DateMath.adding(days: 30, to: through)
      for expires in release.acceptances {
        if expires < through {
          figures.acceptances.expired += 1
        } else {
          figures.acceptances.live += 1
          if expires <= soon { figures.acceptances.expiring += 1 }
        }
      }
      for family in release.families {
        coverage[family.family, default: (0, 0)].implemented += family.implemented
        coverage[family.family, default: (0, 0)].applicable += family.applicable
      }
      for objective in release.objectivesMet { met[objective, default: 0] += 1 }
    }
    figures.highRisksClosed = Figures.closing(closedHigh)
    figures.mediumRisksClosed = Figures.closing(closedMedium)
    figures.coverage = ControlFamily.allCases.map { family in
      let sums = coverage[family.rawValue] ?? (0, 0)
      return Figures.Share(id: family.rawValue, title: family.title, share: Figures.share(sums.0, of: sums.1))
    }
    figures.objectives = set.objectives.map { objective in
      Figures.Share(id: objective.id, title: objective.title, share: Figures.share(met[objective.id] ?? 0, of: counted))
    }
    return figures
  }

  /// A workload's latest release (in release order) reviewed on or before `date`.
  static func latest(_ summary: WorkloadSummary, asOf date: String) -> WorkloadSummary.Release? {
    summary.releases.last { !$0.reviewed.isEmpty && $0.reviewed <= date }
  }

  static func days(from start: String, to end: String) -> Int? {
    guard let first = DateMath.dayNumber(start), let last = DateMath.dayNumber(end) else { return nil }
    return last - first
  }
}

extension Figures.OpenRisks {
  mutating func count(age: Int) {
    total += 1
    switch age {
    case ...30: days0to30 += 1
    case 31...90: days31to90 += 1
    default: over90 += 1
    }
  }
}

extension RiskLife {
  /// Open and not accepted as of `date`: opened by then, not closed by then, and the latest
  /// release by then does not hold an acceptance still running that day.
  func isOpen(asOf date: String) -> Bool {
    guard opened <= date, closed.map({ $0 > date }) ?? true else { return false }
    guard let mark = marks.last(where: { $0.date <= date }) else { return false }
    return mark.acceptedUntil.map { $0 < date } ?? true
  }
}
