/// `pillar metrics` for people: now, the periods, the groups, and the workloads past their
/// review cadence.
extension MetricsReport {
  package func text() -> String {
    var out = "Metrics as of \(date) (docs/metrics.md defines each figure)\n\n"
    out += Self.lines(now).map { "  \($0)\n" }.joined()
    out += "\nBy \(granularity.rawValue):\n"
    out += "  period    gate pass  open high  closed high (median days)  regressions  on time\n"
    for row in periods {
      let figures = row.figures
      out +=
        "  "
        + [
          row.period.label.padded(8), Self.percent(figures.releases.passRate).padded(9),
          String(figures.openHighRisks.total).padded(9),
          "\(figures.highRisksClosed.count) (\(Self.days(figures.highRisksClosed.medianDays)))".padded(25),
          String(figures.regressions).padded(11), Self.percent(figures.reviewedOnTime.share),
        ].joined(separator: "  ") + "\n"
    }
    for (title, groups) in [("classification", byClassification), ("owner", byOwner)] {
      out += "\nBy \(title), now:\n"
      for group in groups {
        let figures = group.now
        out +=
          "  \(group.id): gate pass \(Self.percent(figures.releases.passRate)), open high \(figures.openHighRisks.total), median days to close high \(Self.days(figures.highRisksClosed.medianDays)), on time \(Self.percent(figures.reviewedOnTime.share))\n"
      }
    }
    if let evidence {
      out +=
        "\nScanner evidence, \(evidence.workloads) workload\(evidence.workloads == 1 ? "" : "s"): \(evidence.confirmed) answers confirmed, \(evidence.contradicted) contradicted, \(evidence.suggestsReview) suggested for re-review, \(evidence.cannotJudge) not judged\n"
    }
    let overdue = workloads.filter(\.overdue)
    out += overdue.isEmpty ? "\nReviews overdue: none\n" : "\nReviews overdue:\n"
    for workload in overdue {
      let last = workload.lastReviewed.map { "last reviewed \($0), \(workload.daysSinceReview ?? 0) days ago" }
      out += "  \(workload.id): \(last ?? "never reviewed"); every \(workload.reviewEvery) days\n"
    }
    return out
  }

  static func lines(_ figures: Figures) -> [String] {
    let high = figures.openHighRisks
    let oldest = high.oldest.map { ", oldest \($0.practice) in \($0.workload), \($0.days) days" } ?? ""
    return [
      "Gate pass rate: \(percent(figures.releases.passRate)) (\(figures.releases.passed) of \(figures.releases.reviewed) releases)",
      "Open high risks: \(high.total) (0-30 days \(high.days0to30), 31-90 \(high.days31to90), over 90 \(high.over90))\(oldest)",
      "Open medium risks: \(figures.openMediumRisks)",
      "High risks closed: \(figures.highRisksClosed.count), mean \(days(figures.highRisksClosed.meanDays)), median \(days(figures.highRisksClosed.medianDays)) days",
      "Medium risks closed: \(figures.mediumRisksClosed.count), mean \(days(figures.mediumRisksClosed.meanDays)), median \(days(figures.mediumRisksClosed.medianDays)) days",
      "Reviewed on time: \(percent(figures.reviewedOnTime.share)) (\(figures.reviewedOnTime.onTime) of \(figures.reviewedOnTime.workloads) workloads)",
      "Regressions: \(figures.regressions)",
      "Improvements due: \(figures.improvements.due) (on time \(figures.improvements.deliveredOnTime), late \(figures.improvements.deliveredLate), overdue \(figures.improvements.overdue))",
      "Risk acceptances: \(figures.acceptances.live) live (\(figures.acceptances.expiring) expiring within 30 days), \(figures.acceptances.expired) expired",
      "Incidents: \(figures.incidents.count) (prevented \(figures.incidents.prevented), detected by our controls \(figures.incidents.detected), reported from outside \(figures.incidents.reported)); mean days to detect \(days(figures.incidents.meanDaysToDetect)), contain \(days(figures.incidents.meanDaysToContain)), resolve \(days(figures.incidents.meanDaysToResolve))",
      "Coverage: " + figures.coverage.map { "\($0.title) \(percent($0.share))" }.joined(separator: ", "),
      "Objectives met: " + figures.objectives.map { "\($0.id) \(percent($0.share))" }.joined(separator: ", "),
    ]
  }

  package static func percent(_ share: Int?) -> String { share.map { "\($0) %" } ?? "n/a" }
  package static func days(_ value: Double?) -> String { value.map(Figures.days) ?? "n/a" }
}

extension String {
  fileprivate func padded(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
