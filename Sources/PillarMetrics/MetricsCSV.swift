import PillarRecords

/// `pillar metrics --format csv`: one row per period and one for now, for the organisation and
/// for each classification level and owner; the same figures as the JSON, its keys joined by dots.
extension MetricsReport {
  package func csv() -> String {
    let families = now.coverage.map(\.id)
    let objectives = now.objectives.map(\.id)
    var header = ["scope", "group", "period", "start", "end"]
    header += Figures.columns + families.map { "coverage.\($0)" } + objectives.map { "objectives.\($0)" }
    var lines = [ExportCSV.row(header)]
    func line(_ scope: String, _ group: String, _ period: Period?, _ figures: Figures) {
      lines.append(
        ExportCSV.row([scope, group, period?.label ?? "now", period?.start ?? "", period?.end ?? date] + figures.cells))
    }
    for row in periods { line("organisation", "", row.period, row.figures) }
    line("organisation", "", nil, now)
    for (scope, groups) in [("classification", byClassification), ("owner", byOwner)] {
      for group in groups {
        for row in group.periods { line(scope, group.id, row.period, row.figures) }
        line(scope, group.id, nil, group.now)
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }
}

extension Figures {
  static let columns = [
    "highRisksClosed.count", "highRisksClosed.meanDays", "highRisksClosed.medianDays", "mediumRisksClosed.count",
    "mediumRisksClosed.meanDays", "mediumRisksClosed.medianDays", "openHighRisks.total", "openHighRisks.days0to30",
    "openHighRisks.days31to90", "openHighRisks.over90", "openHighRisks.oldest.workload",
    "openHighRisks.oldest.practice", "openHighRisks.oldest.opened", "openHighRisks.oldest.days", "openMediumRisks",
    "reviewedOnTime.workloads", "reviewedOnTime.onTime", "reviewedOnTime.share", "releases.reviewed",
    "releases.passed", "releases.passRate", "regressions", "improvements.due", "improvements.deliveredOnTime",
    "improvements.deliveredLate", "improvements.overdue", "acceptances.live", "acceptances.expiring",
    "acceptances.expired", "incidents.count", "incidents.prevented", "incidents.detected", "incidents.reported",
    "incidents.meanDaysToDetect", "incidents.meanDaysToContain", "incidents.meanDaysToResolve",
  ]

  /// The cells under `columns`, then coverage and objective shares; empty for null.
  var cells: [String] {
    func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
    func text(_ value: Double?) -> String { value.map { Figures.days($0) } ?? "" }
    let oldest = openHighRisks.oldest
    return [
      String(highRisksClosed.count), text(highRisksClosed.meanDays), text(highRisksClosed.medianDays),
      String(mediumRisksClosed.count), text(mediumRisksClosed.meanDays), text(mediumRisksClosed.medianDays),
      String(openHighRisks.total), String(openHighRisks.days0to30), String(openHighRisks.days31to90),
      String(openHighRisks.over90), oldest?.workload ?? "", oldest?.practice ?? "", oldest?.opened ?? "",
      text(oldest?.days), String(openMediumRisks), String(reviewedOnTime.workloads), String(reviewedOnTime.onTime),
      text(reviewedOnTime.share), String(releases.reviewed), String(releases.passed), text(releases.passRate),
      String(regressions), String(improvements.due), String(improvements.deliveredOnTime),
      String(improvements.deliveredLate), String(improvements.overdue), String(acceptances.live),
      String(acceptances.expiring), String(acceptances.expired), String(incidents.count),
      String(incidents.prevented), String(incidents.detected), String(incidents.reported),
      text(incidents.meanDaysToDetect), text(incidents.meanDaysToContain), text(incidents.meanDaysToResolve),
    ] + coverage.map { text($0.share) } + objectives.map { text($0.share) }
  }

  /// Days as written everywhere: `49` or `49.5`.
  package static func days(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
