/// Every figure of `docs/metrics.md` for one period (or now), over one set of workloads. The
/// names are the JSON keys; `nil` is a share or mean of nothing, never 0.
package struct Figures: Sendable, Equatable {
  package struct Closing: Sendable, Equatable {
    package var count = 0
    package var meanDays: Double?
    package var medianDays: Double?
  }

  package struct Oldest: Sendable, Equatable, Encodable {
    package var workload: String
    package var practice: String
    package var opened: String
    package var days: Int
  }

  package struct OpenRisks: Sendable, Equatable {
    package var total = 0
    package var days0to30 = 0
    package var days31to90 = 0
    package var over90 = 0
    package var oldest: Oldest?
  }

  package struct OnTime: Sendable, Equatable {
    package var workloads = 0
    package var onTime = 0
    package var share: Int? { Figures.share(onTime, of: workloads) }
  }

  package struct Releases: Sendable, Equatable {
    package var reviewed = 0
    package var passed = 0
    package var passRate: Int? { Figures.share(passed, of: reviewed) }
  }

  package struct Improvements: Sendable, Equatable, Encodable {
    package var due = 0
    package var deliveredOnTime = 0
    package var deliveredLate = 0
    package var overdue = 0
  }

  package struct Acceptances: Sendable, Equatable, Encodable {
    package var live = 0
    package var expiring = 0
    package var expired = 0
  }

  /// A share by name (a control family or an objective), in the question set's order.
  package struct Share: Sendable, Equatable {
    package var id: String
    package var title: String
    package var share: Int?
  }

  package var highRisksClosed = Closing()
  package var mediumRisksClosed = Closing()
  package var openHighRisks = OpenRisks()
  package var openMediumRisks = 0
  package var reviewedOnTime = OnTime()
  package var releases = Releases()
  package var regressions = 0
  package var improvements = Improvements()
  package var acceptances = Acceptances()
  package var coverage: [Share] = []
  package var objectives: [Share] = []
  package var incidents = Incidents()

  /// Incidents detected in the period: how they were caught, how long they took, and the
  /// practices whose absence or failure contributed most often.
  package struct Incidents: Sendable, Equatable {
    package struct Contributor: Sendable, Equatable, Encodable {
      package var practice: String
      package var incidents: Int
    }

    package var count = 0
    package var prevented = 0
    package var detected = 0
    package var reported = 0
    package var meanDaysToDetect: Double?
    package var meanDaysToContain: Double?
    package var meanDaysToResolve: Double?
    /// At most five, most often first, then by id.
    package var contributors: [Contributor] = []
  }

  /// A percentage rounded down; nil of nothing.
  package static func share(_ part: Int, of whole: Int) -> Int? {
    whole > 0 ? part * 100 / whole : nil
  }

  /// Mean of day counts to one decimal; nil of none.
  static func mean(_ days: [Int]) -> Double? {
    guard !days.isEmpty else { return nil }
    return (Double(days.reduce(0, +)) / Double(days.count) * 10).rounded(.toNearestOrAwayFromZero) / 10
  }

  /// Mean (to one decimal) and median of day counts.
  static func closing(_ days: [Int]) -> Closing {
    guard !days.isEmpty else { return Closing() }
    let sorted = days.sorted()
    let middle = sorted.count / 2
    let median =
      sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    return Closing(count: days.count, meanDays: mean(days), medianDays: median)
  }
}
