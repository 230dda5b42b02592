import PillarModel
import PillarScoring

/// What the figures of one window are made from, before the shares, means and medians: counts
/// that add up, and the closing times behind the medians. A workload's events are counted into a
/// tally once per window, and that tally is added to each group the workload belongs to.
struct Tally {
  /// The additive figures; coverage, objectives and incidents are made in `figures`.
  private var counts = Figures()
  private var closedHigh = ClosingTimes()
  private var closedMedium = ClosingTimes()
  private var implemented: [Int]
  private var applicable: [Int]
  private var met: [Int]
  /// Workloads in service with a release by the window's end.
  private var counted = 0

  init(_ context: Metrics.Context) {
    implemented = Array(repeating: 0, count: context.families.count)
    applicable = Array(repeating: 0, count: context.families.count)
    met = Array(repeating: 0, count: context.objectives.count)
  }

  /// Empty again, keeping the arrays' memory.
  mutating func reset() {
    counts = Figures()
    closedHigh.reset()
    closedMedium.reset()
    for index in implemented.indices {
      implemented[index] = 0
      applicable[index] = 0
    }
    for index in met.indices { met[index] = 0 }
    counted = 0
  }

  /// Counts `workload`: flows dated from `from` through `through`, stocks as of `through`
  /// (days since 1970). Improvements are judged as delivered by today.
  mutating func count(_ workload: Prepared, _ context: Metrics.Context, from: Int, through: Int) {
    // Events on or after a workload's retirement are not counted.
    let until = min(through, (workload.retired ?? Int.max) - 1)
    // Flows.
    for release in workload.releases where release.day >= from && release.day <= until {
      counts.releases.reviewed += 1
      if release.passes { counts.releases.passed += 1 }
    }
    // Stocks are as of `through`: the latest release by then, of a workload still in service.
    let latest =
      through < workload.retired ?? Int.max ? workload.releases.last(where: { $0.day <= through }) : nil
    // Lives are read in place, once for flows and stocks together: copying each out of the
    // array (a retain and release of its references), and each workload before `Prepared` was a
    // class, cost about 0.1 s of the organisation stage at 1,000 workloads.
    workload.lives.withUnsafeBufferPointer { lives in
      for life in lives.indices.lazy.map({ lives.baseAddress! + $0 }) {
        let opened = Int(life.pointee.opened)
        if life.pointee.isRegression && opened >= from && opened <= until { counts.regressions += 1 }
        if let closed = life.pointee.closed.map(Int.init), closed >= from, closed <= until {
          switch life.pointee.level {
          case .high: closedHigh.append(closed - opened)
          case .medium: closedMedium.append(closed - opened)
          default: break
          }
        }
        guard latest != nil, RiskLife.isOpen(life, asOf: through) else { continue }
        let age = through - opened
        if case .medium = life.pointee.level { counts.openMediumRisks += 1 }
        guard case .high = life.pointee.level else { continue }
        counts.openHighRisks.count(age: age)
        // Compared before an `Oldest` (and its date) is made for it.
        guard
          Self.isOlder(
            days: age, workload: workload.summary.id, practice: life.pointee.practice,
            than: counts.openHighRisks.oldest)
        else { continue }
        counts.openHighRisks.oldest = Figures.Oldest(
          workload: workload.summary.id, practice: life.pointee.practice,
          opened: DateMath.date(fromDayNumber: through - age), days: age)
      }
    }
    for outcome in workload.improvements where outcome.due >= from && outcome.due <= until {
      counts.improvements.due += 1
      switch outcome.delivered {
      case let delivered? where delivered <= outcome.due: counts.improvements.deliveredOnTime += 1
      case let delivered? where delivered <= context.today: counts.improvements.deliveredLate += 1
      default: counts.improvements.overdue += 1
      }
    }
    guard let latest else { return }
    counted += 1
    counts.reviewedOnTime.workloads += 1
    if through - latest.day <= workload.reviewEvery { counts.reviewedOnTime.onTime += 1 }
    for expires in workload.acceptances[latest.acceptances].lazy.map(Int.init) {
      if expires < through {
        counts.acceptances.expired += 1
      } else {
        counts.acceptances.live += 1
        if expires <= through + 30 { counts.acceptances.expiring += 1 }
      }
    }
    for index in implemented.indices {
      implemented[index] += Int(workload.coverage[latest.coverage + 2 * index])
      applicable[index] += Int(workload.coverage[latest.coverage + 2 * index + 1])
    }
    for index in workload.objectivesMet[latest.objectivesMet] { met[Int(index)] += 1 }
  }

  /// Whether a risk open `days` days is older than `oldest`: among equals, the first by workload,
  /// then practice id.
  private static func isOlder(days: Int, workload: String, practice: String, than oldest: Figures.Oldest?) -> Bool {
    guard let oldest else { return true }
    return (-days, workload, practice) < (-oldest.days, oldest.workload, oldest.practice)
  }

  /// Adds another tally (another workload's, or another group's) to this one.
  mutating func add(_ other: Tally) {
    let more = other.counts
    counts.releases.reviewed += more.releases.reviewed
    counts.releases.passed += more.releases.passed
    counts.regressions += more.regressions
    counts.improvements.due += more.improvements.due
    counts.improvements.deliveredOnTime += more.improvements.deliveredOnTime
    counts.improvements.deliveredLate += more.improvements.deliveredLate
    counts.improvements.overdue += more.improvements.overdue
    counts.reviewedOnTime.workloads += more.reviewedOnTime.workloads
    counts.reviewedOnTime.onTime += more.reviewedOnTime.onTime
    counts.openMediumRisks += more.openMediumRisks
    counts.openHighRisks.total += more.openHighRisks.total
    counts.openHighRisks.days0to30 += more.openHighRisks.days0to30
    counts.openHighRisks.days31to90 += more.openHighRisks.days31to90
    counts.openHighRisks.over90 += more.openHighRisks.over90
    if let oldest = more.openHighRisks.oldest,
      Self.isOlder(
        days: oldest.days, workload: oldest.workload, practice: oldest.practice, than: counts.openHighRisks.oldest)
    {
      counts.openHighRisks.oldest = oldest
    }
    counts.acceptances.live += more.acceptances.live
    counts.acceptances.expiring += more.acceptances.expiring
    counts.acceptances.expired += more.acceptances.expired
    closedHigh.absorb(other.closedHigh)
    closedMedium.absorb(other.closedMedium)
    for index in implemented.indices {
      implemented[index] += other.implemented[index]
      applicable[index] += other.applicable[index]
    }
    for index in met.indices { met[index] += other.met[index] }
    counted += other.counted
  }

  /// The window's figures, with the incidents of `incidents` detected in it.
  func figures(_ context: Metrics.Context, incidents: [PreparedIncident], from: Int, through: Int) -> Figures {
    var figures = counts
    figures.incidents = Metrics.incidentFigures(incidents.filter { $0.detected >= from && $0.detected <= through })
    figures.highRisksClosed = closedHigh.closing
    figures.mediumRisksClosed = closedMedium.closing
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

/// Risks' closing times, in days: a workload's listed as they are counted, a group's counted by
/// number of days. A window over all time holds every risk ever closed, three times over (the
/// organisation, a classification, an owner); lists of them, for every window at once, were
/// most of the metrics' memory at 10,000 workloads (135 MiB at its peak). Days outside the
/// first eleven years (dates out of release order, or far apart) are counted by value.
struct ClosingTimes {
  private static let spanned = 4096
  /// One workload's, in a window.
  private var listed: [Int] = []
  /// A group's: how many closed in each number of days from 0, made when first needed.
  private var counts: [Int] = []
  private var outside: [Int: Int] = [:]
  private var count = 0
  private var sum = 0

  mutating func append(_ days: Int) { listed.append(days) }

  /// Empty again (a workload's), keeping the list's memory.
  mutating func reset() { listed.removeAll(keepingCapacity: true) }

  /// Counts a workload's closing times into this group's.
  mutating func absorb(_ other: ClosingTimes) {
    for days in other.listed { record(days) }
  }

  private mutating func record(_ days: Int) {
    count += 1
    sum += days
    if days >= 0 && days < Self.spanned {
      if counts.isEmpty { counts = Array(repeating: 0, count: Self.spanned) }
      counts[days] += 1
    } else {
      outside[days, default: 0] += 1
    }
  }

  /// The figures of `Figures.closing`, from the counts: the same mean and median a sorted list
  /// gives.
  var closing: Figures.Closing {
    var times = self
    for days in listed { times.record(days) }
    guard times.count > 0 else { return Figures.Closing() }
    // Every number of days in order, with how many closed in it.
    let below = times.outside.filter { $0.key < 0 }.sorted { $0.key < $1.key }
    let above = times.outside.filter { $0.key >= 0 }.sorted { $0.key < $1.key }
    let ordered =
      below.lazy.map { ($0.key, $0.value) }
      + times.counts.indices.lazy.filter { times.counts[$0] > 0 }.map { ($0, times.counts[$0]) }
      + above.lazy.map { ($0.key, $0.value) }
    /// The value at `rank` (from 0) in sorted order.
    func value(at rank: Int) -> Int {
      var seen = 0
      for (days, many) in ordered {
        seen += many
        if seen > rank { return days }
      }
      preconditionFailure("rank \(rank) beyond \(times.count) closing times")
    }
    let middle = times.count / 2
    let median =
      times.count % 2 == 1 ? Double(value(at: middle)) : Double(value(at: middle - 1) + value(at: middle)) / 2
    let mean = (Double(times.sum) / Double(times.count) * 10).rounded(.toNearestOrAwayFromZero) / 10
    return Figures.Closing(count: times.count, meanDays: mean, medianDays: median)
  }
}
