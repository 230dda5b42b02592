import PillarMetrics
import PillarModel
import PillarRecords
import PillarTemplate

/// `metrics.html`: the figures of `pillar metrics` (docs/metrics.md) per month and now, by
/// classification and by owner, with a chart and a table for each series over time.
enum MetricsPage {
  static func spec(_ report: MetricsReport, organisation: Organisation) -> PageSpec {
    var context: TemplateContext = [
      "today": report.date, "lead": lead(report), "chartsHtml": charts(report),
      "periods": report.periods.reversed().map(periodRow), "now": figuresRow(report.now),
      "families": report.now.coverage.map { ["title": $0.title] as TemplateContext },
      "objectiveHeads": report.now.objectives.map {
        ["id": $0.id, "title": $0.title, "href": Paths.objective($0.id)] as TemplateContext
      },
      "byClassification": report.byClassification.map(groupRow),
      "byOwner": report.byOwner.map(groupRow),
      "cadence": report.workloads.map { workload -> TemplateContext in
        [
          "name": workload.name, "href": Paths.workload(workload.id), "owner": workload.owner,
          "classification": organisation.questionSet.level(workload.classification)?.title ?? workload.classification,
          "lastReviewed": workload.lastReviewed ?? "never", "days": workload.daysSinceReview.map(String.init) ?? "",
          "every": workload.reviewEvery, "overdue": workload.overdue,
        ]
      },
    ]
    if let oldest = oldest(report.now.openHighRisks.oldest, set: organisation.questionSet) {
      context["oldest"] = oldest
    }
    Format.addHasFlags(&context, for: ["byClassification", "byOwner", "cadence", "periods"])
    return PageSpec(path: Paths.metrics, title: "Metrics", template: "metrics", context: context, section: "metrics")
  }

  /// The four figures a CISO reads first, each with where it stood a period ago; shared with the
  /// executive summary.
  static func lead(_ report: MetricsReport) -> [TemplateContext] {
    let now = report.now
    let before = report.previous?.figures
    let since = report.previous?.period.end ?? ""
    func trend(_ value: Double?, _ previous: Double?, betterWhenHigher: Bool, _ text: (Double) -> String)
      -> TemplateContext
    {
      guard let value, let previous else { return ["text": "no earlier figure", "direction": "none"] }
      if value == previous {
        return ["text": "= unchanged from \(text(previous))", "since": since, "direction": "same"]
      }
      let up = value > previous
      return [
        "text": "\(up ? "▲ up" : "▼ down") from \(text(previous))", "since": since,
        "direction": up == betterWhenHigher ? "better" : "worse",
      ]
    }
    let percent = { (value: Double) in "\(Int(value)) %" }
    let days = { (value: Double) in "\(Figures.days(value)) days" }
    let count = { (value: Double) in String(Int(value)) }
    let high = now.openHighRisks
    return [
      [
        "value": MetricsReport.percent(now.releases.passRate), "label": "of releases passed the gate",
        "detail": "\(now.releases.passed) of \(now.releases.reviewed) reviewed", "href": "#gate-pass-rate",
        "trend": trend(
          now.releases.passRate.map(Double.init), before?.releases.passRate.map(Double.init), betterWhenHigher: true,
          percent),
      ],
      [
        "value": String(high.total), "label": "open high risks", "bad": high.total > 0,
        "detail": high.oldest.map { "oldest \($0.days) days: \($0.practice) in \($0.workload)" } ?? "none open",
        "href": "#open-high-risks",
        "trend": trend(
          Double(high.total), before.map { Double($0.openHighRisks.total) }, betterWhenHigher: false, count),
      ],
      [
        "value": MetricsReport.days(now.highRisksClosed.medianDays), "label": "median days to close a high risk",
        "detail": "over \(now.highRisksClosed.count) closed", "href": "#time-to-close",
        "trend": trend(
          now.highRisksClosed.medianDays, before?.highRisksClosed.medianDays, betterWhenHigher: false, days),
      ],
      [
        "value": MetricsReport.percent(now.reviewedOnTime.share), "label": "of workloads reviewed on time",
        "detail": "\(now.reviewedOnTime.onTime) of \(now.reviewedOnTime.workloads) within their cadence",
        "href": "#cadence",
        "trend": trend(
          now.reviewedOnTime.share.map(Double.init), before?.reviewedOnTime.share.map(Double.init),
          betterWhenHigher: true, percent),
      ],
    ]
  }

  static func periodRow(_ row: MetricsReport.Row) -> TemplateContext {
    var context = figuresRow(row.figures)
    context["period"] = row.period.label
    return context
  }

  static func groupRow(_ group: MetricsReport.Group) -> TemplateContext {
    var context = figuresRow(group.now)
    context["title"] = group.title
    return context
  }

  static func figuresRow(_ figures: Figures) -> TemplateContext {
    let high = figures.openHighRisks
    return [
      "reviewed": figures.releases.reviewed, "passRate": MetricsReport.percent(figures.releases.passRate),
      "openHigh": high.total, "young": high.days0to30, "middle": high.days31to90, "old": high.over90,
      "openMedium": figures.openMediumRisks, "highClosed": figures.highRisksClosed.count,
      "highMean": MetricsReport.days(figures.highRisksClosed.meanDays),
      "highMedian": MetricsReport.days(figures.highRisksClosed.medianDays),
      "mediumClosed": figures.mediumRisksClosed.count,
      "mediumMean": MetricsReport.days(figures.mediumRisksClosed.meanDays),
      "mediumMedian": MetricsReport.days(figures.mediumRisksClosed.medianDays),
      "regressions": figures.regressions, "onTime": MetricsReport.percent(figures.reviewedOnTime.share),
      "onTimeCount": figures.reviewedOnTime.onTime, "counted": figures.reviewedOnTime.workloads,
      "due": figures.improvements.due, "deliveredOnTime": figures.improvements.deliveredOnTime,
      "deliveredLate": figures.improvements.deliveredLate, "improvementsOverdue": figures.improvements.overdue,
      "live": figures.acceptances.live, "expiring": figures.acceptances.expiring,
      "expired": figures.acceptances.expired,
      // Flags, not counts: a template section shows for any number, 0 included.
      "hasExpired": figures.acceptances.expired > 0, "hasOld": high.over90 > 0,
      "hasImprovementsOverdue": figures.improvements.overdue > 0,
      "incidents": figures.incidents.count, "prevented": figures.incidents.prevented,
      "detectedIncidents": figures.incidents.detected, "reported": figures.incidents.reported,
      "toDetect": MetricsReport.days(figures.incidents.meanDaysToDetect),
      "toContain": MetricsReport.days(figures.incidents.meanDaysToContain),
      "toResolve": MetricsReport.days(figures.incidents.meanDaysToResolve),
      "coverage": figures.coverage.map { ["share": MetricsReport.percent($0.share)] as TemplateContext },
      "objectives": figures.objectives.map { ["share": MetricsReport.percent($0.share)] as TemplateContext },
    ]
  }

  static func oldest(_ oldest: Figures.Oldest?, set: QuestionSet) -> TemplateContext? {
    oldest.map {
      [
        "workload": $0.workload, "workloadHref": Paths.workload($0.workload), "practice": $0.practice,
        "href": ScorecardPage.practiceHref($0.practice, set: set), "title": set.practiceTitles[$0.practice] ?? "",
        "opened": $0.opened, "days": $0.days,
      ]
    }
  }

  /// Names written at the end of each family's line, short enough for the chart's margin.
  static let shortNames = [
    "preventative": "Prevent", "detective": "Detect", "response": "Respond", "data-protection": "Data",
  ]

  /// Gate pass rate and reviews on time; open risks; coverage by control family: each a line
  /// per series over the periods, placed at each period's last day (or the build date).
  static func charts(_ report: MetricsReport) -> SafeHTML {
    guard report.periods.count > 1 else { return SafeHTML(trusted: "") }
    let rows = report.periods
    let points = TrendChart.points(
      dates: rows.map { min($0.period.end, report.date) }, labels: rows.map(\.period.label))
    let rates = TrendChart(
      id: "metrics-rates", title: "Gate pass rate of the period's releases, and workloads reviewed on time (%)",
      points: points,
      series: [
        .init(
          name: "Gate pass rate", short: "Passed", cssClass: "series-score",
          values: rows.map(\.figures.releases.passRate)),
        .init(
          name: "Reviewed on time", short: "On time", cssClass: "series-ok",
          values: rows.map(\.figures.reviewedOnTime.share)),
      ], ceiling: 100, unit: " %")
    let risks = TrendChart(
      id: "metrics-risks", title: "Open high and medium risks at each period's end", points: points,
      series: [
        .init(
          name: "Open high risks", short: "High", cssClass: "series-high",
          values: rows.map(\.figures.openHighRisks.total)),
        .init(
          name: "Open medium risks", short: "Medium", cssClass: "series-medium",
          values: rows.map(\.figures.openMediumRisks)),
      ], ceiling: 4)
    let classes = ["series-score", "series-high", "series-ok", "series-medium"]
    let coverage = TrendChart(
      id: "metrics-coverage", title: "Implemented share of applicable practices by control family (%)", points: points,
      series: report.now.coverage.enumerated().map { index, family in
        .init(
          name: family.title, short: shortNames[family.id] ?? family.id,
          cssClass: classes[index % classes.count], values: rows.map { $0.figures.coverage[index].share })
      }, ceiling: 100, unit: " %")
    return SafeHTML(trusted: "<div class=\"charts\">\(rates.figure())\(risks.figure())\(coverage.figure())</div>")
  }
}
