import PillarModel
import PillarScoring

/// `index.html`: every workload's current posture, for the people who own the whole estate.
enum DashboardPage {
  static func spec(_ evaluation: Evaluation) -> PageSpec {
    let set = evaluation.questionSet
    var context = totals(evaluation)
    context["workloads"] = evaluation.workloads.map { result -> [String: Any] in
      var row = WorkloadPage.identity(result.workload, set: set)
      if let card = result.latest, let review = result.workload.latest {
        row["latest"] = Format.summary(card, review: review)
      }
      return row
    }
    context["hasWorkloads"] = !evaluation.workloads.isEmpty
    context["objectives"] = objectiveCoverage(evaluation)
    context["postureChartHtml"] = postureCharts(Timeline.posture(evaluation))
    return PageSpec(
      path: Paths.dashboard, title: "Security posture", template: "dashboard", context: context, section: "dashboard")
  }

  /// Counts over every workload's latest release, shared with the executive summary.
  static func totals(_ evaluation: Evaluation) -> [String: Any] {
    let set = evaluation.questionSet
    let latest = evaluation.workloads.compactMap { result in result.latest.map { (result, $0) } }
    let failing = latest.filter { !$0.1.gate.passes }.map { result, card -> [String: Any] in
      [
        "name": result.workload.name, "href": Paths.scorecard(card.workloadID, card.release), "release": card.release,
        "reasons": card.gate.reasons.joined(separator: ", "), "owner": result.workload.owner,
      ]
    }
    let scores = latest.compactMap(\.1.score)
    return [
      "lensName": set.lens.name, "lensVersion": set.lens.version, "today": evaluation.today,
      "workloadCount": evaluation.workloads.count, "releaseCount": evaluation.releaseCount,
      "passing": latest.count { $0.1.gate.passes }, "failingCount": failing.count, "failing": failing,
      "hri": latest.reduce(0) { $0 + $1.1.highRisks }, "mri": latest.reduce(0) { $0 + $1.1.mediumRisks },
      "unanswered": latest.reduce(0) { $0 + $1.1.unanswered },
      "averageScore": scores.isEmpty ? "n/a" : String(scores.reduce(0, +) / scores.count),
    ]
  }

  static func objectiveCoverage(_ evaluation: Evaluation) -> [[String: Any]] {
    let latest = evaluation.workloads.compactMap(\.latest)
    return evaluation.questionSet.objectives.map { objective in
      let met = latest.count { card in card.objectives.first { $0.id == objective.id }?.status.isMet == true }
      return [
        "id": objective.id, "title": objective.title, "href": Paths.objective(objective.id), "met": met,
        "total": latest.count, "percent": latest.isEmpty ? 0 : met * 100 / latest.count,
      ]
    }
  }

  /// The organisation's average score and total risks over time, as two inline SVG charts.
  static func postureCharts(_ timeline: [PosturePoint]) -> String {
    guard timeline.count > 1 else { return "" }
    let labels = timeline.map(\.date)
    let score = TrendChart(
      id: "org-score", title: "Average score of the latest releases over time", labels: labels,
      series: [
        TrendChart.Series(name: "Average score", cssClass: "series-score", values: timeline.map(\.averageScore))
      ],
      ceiling: 100)
    let risks = TrendChart(
      id: "org-risks", title: "High- and medium-risk issues across workloads over time", labels: labels,
      series: [
        TrendChart.Series(name: "High-risk issues", cssClass: "series-high", values: timeline.map(\.highRisks)),
        TrendChart.Series(name: "Medium-risk issues", cssClass: "series-medium", values: timeline.map(\.mediumRisks)),
      ], ceiling: 4)
    return "<div class=\"charts\">\(score.figure())\(risks.figure())</div>"
  }
}
