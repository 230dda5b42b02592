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
    // Every window's figures for every group in one pass over the workloads per window: each
    // workload's events are counted once into a tally, then added to the organisation's, its
    // classification's and its owner's. (Each group read its members' histories on its own
    // before: three passes over every risk life per window, 0.21 s of a one-change rebuild.)
    let levels = set.levels.filter { level in everyone.contains { $0.classification == level.id } }
    let owners = Set(everyone.map(\.owner)).sorted()
    let levelIndex = Dictionary(levels.enumerated().map { ($1.id, 1 + $0) }, uniquingKeysWith: { a, _ in a })
    let ownerIndex = Dictionary(
      owners.enumerated().map { ($1, 1 + levels.count + $0) }, uniquingKeysWith: { a, _ in a })
    let groupCount = 1 + levels.count + owners.count
    let membership = prepared.map { workload in
      [0] + [levelIndex[workload.summary.classification], ownerIndex[workload.summary.owner]].compactMap { $0 }
    }
    var members = [[Prepared]](repeating: [], count: groupCount)
    for (workload, groups) in zip(prepared, membership) { for group in groups { members[group].append(workload) } }
    let groupIncidents = members.map(involving)
    let previousPeriod = periods.dropLast().last
    // The periods, then now, then the end of the period before the build date's (organisation only).
    var windows = periods.map(window)
    windows.append((nil, todayDay))
    if let previousPeriod { windows.append((nil, window(previousPeriod).through)) }
    // Each window's figures are made as soon as its tallies are complete, so only the windows
    // being counted hold tallies.
    let figuresByWindow = Parallel.map(windows) { from, through -> [Figures] in
      var tallies = [Tally](repeating: Tally(context), count: groupCount)
      var scratch = Tally(context)
      for (workload, groups) in zip(prepared, membership) {
        scratch.reset()
        scratch.count(workload, context, from: from ?? Int.min, through: through)
        for group in groups { tallies[group].add(scratch) }
      }
      return tallies.indices.map {
        tallies[$0].figures(context, incidents: groupIncidents[$0], from: from ?? Int.min, through: through)
      }
    }
    func figures(_ group: Int, _ window: Int) -> Figures { figuresByWindow[window][group] }
    func rows(_ group: Int) -> [MetricsReport.Row] {
      periods.indices.map { MetricsReport.Row(period: periods[$0], figures: figures(group, $0)) }
    }
    func group(_ group: Int, _ id: String, _ title: String) -> MetricsReport.Group {
      MetricsReport.Group(id: id, title: title, now: figures(group, periods.count), periods: rows(group))
    }
    let levelGroups = levels.enumerated().map { group(1 + $0, $1.id, $1.title) }
    let ownerGroups = owners.enumerated().map { group(1 + levels.count + $0, $1, $1) }
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
    let previous = previousPeriod.map { MetricsReport.Row(period: $0, figures: figures(0, periods.count + 1)) }
    var report = MetricsReport(
      date: today, granularity: granularity, now: figures(0, periods.count), periods: rows(0),
      byClassification: levelGroups, byOwner: ownerGroups, workloads: cadences, previous: previous)
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
