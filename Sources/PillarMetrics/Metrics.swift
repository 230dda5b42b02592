import PillarModel
import PillarParallel
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
  /// How scanner evidence judges the latest answers of the workloads it covers; nil without
  /// evidence (`docs/evidence.md`).
  package var evidence: EvidenceTotals?

  package struct EvidenceTotals: Sendable, Equatable, Encodable {
    package var workloads = 0
    package var confirmed = 0
    package var contradicted = 0
    package var suggestsReview = 0
    package var cannotJudge = 0
  }
}

package enum Metrics {
  package static func report(_ organisation: Organisation, by granularity: Period.Granularity) -> MetricsReport {
    let today = organisation.today
    let set = organisation.questionSet
    let everyone = organisation.workloads
    // Dates become day numbers once, so the many passes below compare integers.
    let prepared = everyone.map { Prepared($0, set: set) }
    let incidents = organisation.incidents.compactMap(PreparedIncident.init)
    let todayDay = DateMath.dayNumber(today) ?? 0
    let first = prepared.flatMap { $0.releases.map(\.day) }.filter { $0 <= todayDay }.min()
    let periods =
      first.map { Period.all(from: DateMath.date(fromDayNumber: $0), through: today, by: granularity) } ?? []
    let context = Context(set: set, today: todayDay)
    @Sendable func window(_ period: Period) -> (from: Int?, through: Int) {
      (DateMath.dayNumber(period.start), min(DateMath.dayNumber(period.end) ?? todayDay, todayDay))
    }
    /// The incidents that involve any of `workloads` (all of them for the organisation).
    func involving(_ workloads: [Prepared]) -> [PreparedIncident] {
      guard workloads.count != prepared.count else { return incidents }
      let ids = Set(workloads.map(\.summary.id))
      return incidents.filter { !ids.isDisjoint(with: $0.workloads) }
    }
    func rows(_ workloads: [Prepared]) -> [MetricsReport.Row] {
      let incidents = involving(workloads)
      // Each period reads every member's history again: on every core (at 10,000 workloads the
      // organisation's rows alone took seconds on one).
      return Parallel.map(periods) { period in
        let (from, through) = window(period)
        return MetricsReport.Row(
          period: period,
          figures: figures(workloads, incidents: incidents, context, from: from, through: through))
      }
    }
    func now(_ workloads: [Prepared]) -> Figures {
      figures(workloads, incidents: involving(workloads), context, from: nil, through: todayDay)
    }
    func group(_ id: String, _ title: String, _ members: [Prepared]) -> MetricsReport.Group {
      MetricsReport.Group(id: id, title: title, now: now(members), periods: rows(members))
    }
    let levels = set.levels.compactMap { level -> MetricsReport.Group? in
      let members = prepared.filter { $0.summary.classification == level.id }
      return members.isEmpty ? nil : group(level.id, level.title, members)
    }
    let owners = Dictionary(grouping: prepared, by: \.summary.owner).sorted { $0.key < $1.key }.map { owner, members in
      group(owner, owner, members)
    }
    let cadences = everyone.filter { $0.retiredOn == nil }.sorted { $0.id < $1.id }.map { summary in
      let every = ReviewCadence.reviewEvery(summary.classification, in: set)
      let cadence = summary.releases.last { !$0.reviewed.isEmpty && $0.reviewed <= today }.flatMap {
        ReviewCadence(lastReviewed: $0.reviewed, reviewEvery: every, asOf: today)
      }
      return MetricsReport.Cadence(
        id: summary.id, name: summary.name, owner: summary.owner, classification: summary.classification,
        lastReviewed: cadence?.lastReviewed, daysSinceReview: cadence?.daysSince, reviewEvery: every,
        overdue: cadence?.isOverdue ?? true)
    }
    let previous = periods.dropLast().last.map { period in
      MetricsReport.Row(
        period: period,
        figures: figures(prepared, incidents: incidents, context, from: nil, through: window(period).through))
    }
    var report = MetricsReport(
      date: today, granularity: granularity, now: now(prepared), periods: rows(prepared), byClassification: levels,
      byOwner: owners, workloads: cadences, previous: previous)
    let judged = organisation.latest.compactMap(\.summary.evidence)
    if !judged.isEmpty {
      let total = WorkloadSummary.EvidenceCounts(total: judged)
      report.evidence = MetricsReport.EvidenceTotals(
        workloads: judged.count, confirmed: total.confirmed, contradicted: total.contradicted,
        suggestsReview: total.suggestsReview, cannotJudge: total.cannotJudge)
    }
    return report
  }

  /// What every pass shares: the question set's families and objectives by position, and today.
  struct Context {
    var families: [ControlFamily] = ControlFamily.allCases
    var objectives: [Objective]
    var objectiveIndex: [String: Int]
    var today: Int

    init(set: QuestionSet, today: Int) {
      objectives = set.objectives
      objectiveIndex = Dictionary(set.objectives.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
      self.today = today
    }
  }

  /// The figures of `workloads`: flows dated from `from` (nil: the beginning) through `through`,
  /// stocks as of `through` (days since 1970). Improvements are judged as delivered by today.
  static func figures(
    _ workloads: [Prepared], incidents: [PreparedIncident], _ context: Context, from: Int?, through: Int
  ) -> Figures {
    var figures = Figures()
    let from = from ?? Int.min
    figures.incidents = incidentFigures(incidents.filter { $0.detected >= from && $0.detected <= through })
    var closedHigh: [Int] = []
    var closedMedium: [Int] = []
    var implemented = [Int](repeating: 0, count: context.families.count)
    var applicable = [Int](repeating: 0, count: context.families.count)
    var met = [Int](repeating: 0, count: context.objectives.count)
    var counted = 0
    for workload in workloads {
      // Events on or after a workload's retirement are not counted.
      let until = min(through, (workload.retired ?? Int.max) - 1)
      // Flows.
      for release in workload.releases where release.day >= from && release.day <= until {
        figures.releases.reviewed += 1
        if release.passes { figures.releases.passed += 1 }
      }
      // Lives are read in place: copying each out of the array (a retain and release of its
      // references), and each workload before `Prepared` was a class, cost about 0.1 s of the
      // organisation stage at 1,000 workloads (0.52–0.57 s before, 0.43–0.45 s after).
      workload.lives.withUnsafeBufferPointer { lives in
        for life in lives.indices.lazy.map({ lives.baseAddress! + $0 }) {
          let opened = Int(life.pointee.opened)
          if life.pointee.isRegression && opened >= from && opened <= until { figures.regressions += 1 }
          guard let closed = life.pointee.closed.map(Int.init), closed >= from, closed <= until else { continue }
          if life.pointee.level == .high {
            closedHigh.append(closed - opened)
          } else if life.pointee.level == .medium {
            closedMedium.append(closed - opened)
          }
        }
      }
      for outcome in workload.improvements where outcome.due >= from && outcome.due <= until {
        figures.improvements.due += 1
        switch outcome.delivered {
        case let delivered? where delivered <= outcome.due: figures.improvements.deliveredOnTime += 1
        case let delivered? where delivered <= context.today: figures.improvements.deliveredLate += 1
        default: figures.improvements.overdue += 1
        }
      }
      // Stocks, as of `through`: the latest release by then, of a workload still in service.
      guard through < workload.retired ?? Int.max, let latest = workload.releases.last(where: { $0.day <= through })
      else { continue }
      counted += 1
      figures.reviewedOnTime.workloads += 1
      if through - latest.day <= workload.reviewEvery { figures.reviewedOnTime.onTime += 1 }
      workload.lives.withUnsafeBufferPointer { lives in
        for life in lives.indices.lazy.map({ lives.baseAddress! + $0 }) where life.pointee.isOpen(asOf: through) {
          let age = through - Int(life.pointee.opened)
          if life.pointee.level == .medium { figures.openMediumRisks += 1 }
          guard life.pointee.level == .high else { continue }
          figures.openHighRisks.count(age: age)
          // The oldest; among equals, the first by workload, then practice id.
          if let oldest = figures.openHighRisks.oldest,
            (-oldest.days, oldest.workload, oldest.practice) <= (-age, workload.summary.id, life.pointee.practice)
          {
            continue
          }
          figures.openHighRisks.oldest = Figures.Oldest(
            workload: workload.summary.id, practice: life.pointee.practice,
            opened: DateMath.date(fromDayNumber: through - age), days: age)
        }
      }
      for expires in workload.acceptances[latest.acceptances].lazy.map(Int.init) {
        if expires < through {
          figures.acceptances.expired += 1
        } else {
          figures.acceptances.live += 1
          if expires <= through + 30 { figures.acceptances.expiring += 1 }
        }
      }
      for index in implemented.indices {
        implemented[index] += Int(workload.coverage[latest.coverage + 2 * index])
        applicable[index] += Int(workload.coverage[latest.coverage + 2 * index + 1])
      }
      for index in workload.objectivesMet[latest.objectivesMet] { met[Int(index)] += 1 }
    }
    figures.highRisksClosed = Figures.closing(closedHigh)
    figures.mediumRisksClosed = Figures.closing(closedMedium)
    figures.coverage = context.families.enumerated().map { index, family in
      Figures.Share(
        id: family.rawValue, title: family.title, share: Figures.share(implemented[index], of: applicable[index]))
    }
    figures.objectives = context.objectives.enumerated().map { index, objective in
      Figures.Share(id: objective.id, title: objective.title, share: Figures.share(met[index], of: counted))
    }
    return figures
  }
}

extension Metrics {
  static func incidentFigures(_ incidents: [PreparedIncident]) -> Figures.Incidents {
    var figures = Figures.Incidents()
    figures.count = incidents.count
    figures.prevented = incidents.count { $0.caught == .prevented }
    figures.detected = incidents.count { $0.caught == .detected }
    figures.reported = incidents.count { $0.caught == .reported }
    figures.meanDaysToDetect = Figures.mean(incidents.map { $0.detected - $0.started })
    figures.meanDaysToContain = Figures.mean(
      incidents.compactMap { incident in incident.contained.map { $0 - incident.started } })
    figures.meanDaysToResolve = Figures.mean(
      incidents.compactMap { incident in incident.resolved.map { $0 - incident.started } })
    var counts: [String: Int] = [:]
    for incident in incidents { for practice in Set(incident.contributed) { counts[practice, default: 0] += 1 } }
    figures.contributors = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(5).map {
      Figures.Incidents.Contributor(practice: $0.key, incidents: $0.value)
    }
    return figures
  }
}

/// An incident with its dates as day numbers (nil when a date cannot be read).
struct PreparedIncident {
  var workloads: Set<String>
  var caught: Incident.Caught
  var started: Int
  var detected: Int
  var contained: Int?
  var resolved: Int?
  var contributed: [String]

  init?(_ incident: Incident) {
    guard let started = DateMath.dayNumber(incident.started), let detected = DateMath.dayNumber(incident.detected)
    else { return nil }
    workloads = Set(incident.workloads.map(\.id))
    caught = incident.caught
    self.started = started
    self.detected = detected
    contained = incident.contained.flatMap(DateMath.dayNumber)
    resolved = incident.resolved.flatMap(DateMath.dayNumber)
    contributed = incident.contributed.map(\.id)
  }
}

/// A workload's summary with every date as a day number and every name as a position, made
/// once per report: the figures are taken dozens of times (each period, each group). A release's
/// figures are ranges of the workload's flat arrays rather than arrays of their own: four arrays
/// a release were about 2 KB a workload, 20 MB at 10,000 workloads. A class, so the many passes
/// over the workloads do not copy each one (a retain and release for each of its references).
final class Prepared: Sendable {
  struct Release {
    var day: Int
    var passes: Bool
    /// Its acceptances' expiry days, in `Prepared.acceptances`.
    var acceptances: Range<Int>
    /// The objectives it meets, by position, in `Prepared.objectivesMet`.
    var objectivesMet: Range<Int>
    /// Where its coverage begins in `Prepared.coverage`: implemented then applicable, per
    /// family in `ControlFamily.allCases` order.
    var coverage: Int
  }

  let summary: WorkloadSummary
  let retired: Int?
  let reviewEvery: Int
  /// Releases with a valid review date, in release order.
  let releases: [Release]
  let acceptances: [Int32]
  let objectivesMet: [UInt16]
  let coverage: [Int32]
  /// The summary's own (already in day numbers): shared, not copied.
  let lives: [RiskLife]
  let improvements: [(due: Int, delivered: Int?)]

  init(_ summary: WorkloadSummary, set: QuestionSet) {
    self.summary = summary
    retired = summary.retiredOn.flatMap(DateMath.dayNumber)
    reviewEvery = ReviewCadence.reviewEvery(summary.classification, in: set)
    let families = ControlFamily.allCases.map(\.rawValue)
    let objectives = set.objectives.map(\.id)
    var releases: [Release] = []
    var acceptances: [Int32] = []
    var objectivesMet: [UInt16] = []
    var coverage: [Int32] = []
    coverage.reserveCapacity(summary.releases.count * 2 * families.count)
    for release in summary.releases {
      guard let day = DateMath.dayNumber(release.reviewed) else { continue }
      let start = (acceptances.count, objectivesMet.count, coverage.count)
      acceptances += release.acceptances.compactMap { DateMath.dayNumber($0).map(Int32.init(clamping:)) }
      objectivesMet += release.objectivesMet.compactMap { objectives.firstIndex(of: $0).map(UInt16.init(clamping:)) }
      coverage += repeatElement(0, count: 2 * families.count)
      for item in release.families {
        guard let index = families.firstIndex(of: item.family) else { continue }
        coverage[start.2 + 2 * index] += Int32(clamping: item.implemented)
        coverage[start.2 + 2 * index + 1] += Int32(clamping: item.applicable)
      }
      releases.append(
        Release(
          day: day, passes: release.passes, acceptances: start.0..<acceptances.count,
          objectivesMet: start.1..<objectivesMet.count, coverage: start.2))
    }
    self.releases = releases
    self.acceptances = acceptances
    self.objectivesMet = objectivesMet
    self.coverage = coverage
    lives = summary.risks
    improvements = summary.improvements.compactMap { outcome in
      DateMath.dayNumber(outcome.due).map { ($0, outcome.delivered.flatMap(DateMath.dayNumber)) }
    }
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
