import PillarModel
import PillarRecords
import PillarScoring
import PillarTemplate

/// `index.html`: every workload's current posture, for the people who own the whole estate.
enum DashboardPage {
  static func spec(_ organisation: Organisation) -> PageSpec {
    var context = totals(organisation)
    context["workloads"] = organisation.workloads.map { summary -> TemplateContext in
      var row = identity(summary, set: organisation.questionSet)
      // What the script sorts and filters by (docs/templates.md); the page reads the same without it.
      row["tagsText"] = summary.tags.joined(separator: "\n")
      row["classificationRank"] = organisation.questionSet.level(summary.classification)?.rank ?? -1
      row["verdict"] =
        summary.retiredOn != nil
        ? "retired" : summary.releases.isEmpty ? "none" : summary.releases.last!.passes ? "pass" : "fail"
      if let release = summary.releases.last {
        var latest = Format.summary(release, workload: summary.id, reasons: summary.latest?.gate.reasons ?? [])
        if summary.retiredOn != nil {
          latest["gate"] = ["label": "Retired", "class": "retired", "passes": false, "reasons": ""] as TemplateContext
        } else if let cadence = ReviewCadence(
          lastReviewed: release.reviewed,
          reviewEvery: ReviewCadence.reviewEvery(summary.classification, in: organisation.questionSet),
          asOf: organisation.today), cadence.isOverdue
        {
          latest["reviewOverdue"] = true
        }
        row["latest"] = latest
      }
      return row
    }
    context["hasWorkloads"] = !organisation.workloads.isEmpty
    // The values each filter offers, sorted (the script shows them; the table lists everyone).
    let set = organisation.questionSet
    context["filters"] = [
      ("owner", "Owner", Set(organisation.workloads.map(\.owner)).sorted().map { ($0, $0) }),
      (
        "classification", "Classification",
        set.levels.filter { level in organisation.workloads.contains { $0.classification == level.id } }
          .map { ($0.id, $0.title) }
      ),
      ("verdict", "Gate", [("pass", "Passes"), ("fail", "Fails"), ("retired", "Retired"), ("none", "No review")]),
      ("tag", "Tag", Set(organisation.workloads.flatMap(\.tags)).sorted().map { ($0, $0) }),
    ].filter { !$0.2.isEmpty }.map { key, title, values -> TemplateContext in
      [
        "key": key, "title": title,
        "values": values.map { ["value": $0.0, "label": $0.1] as TemplateContext },
      ]
    }
    context["objectives"] = objectiveCoverage(organisation)
    // How the scanner's findings judge the latest answers, across the workloads they cover.
    let judged = organisation.latest.compactMap(\.summary.evidence)
    context["hasEvidence"] = !judged.isEmpty
    let total = WorkloadSummary.EvidenceCounts(total: judged)
    context["evidence"] =
      [
        "workloads": judged.count, "confirmed": total.confirmed, "contradicted": total.contradicted,
        "suggests": total.suggestsReview, "cannotJudge": total.cannotJudge,
      ] as TemplateContext
    context["postureChartHtml"] = postureCharts(Timeline.posture(organisation))
    return PageSpec(
      path: Paths.dashboard, title: "Security posture", template: "dashboard", context: context, section: "dashboard",
      usesScript: true)
  }

  static func identity(_ summary: WorkloadSummary, set: QuestionSet) -> TemplateContext {
    WorkloadPage.identity(
      id: summary.id, name: summary.name, owner: summary.owner, classification: summary.classification, set: set)
  }

  /// Counts over every workload's latest release, shared with the executive summary.
  static func totals(_ organisation: Organisation) -> TemplateContext {
    let set = organisation.questionSet
    let latest = organisation.latest
    let failing = latest.filter { !$0.card.gate.passes }.map { summary, card -> TemplateContext in
      [
        "name": summary.name, "href": Paths.scorecard(summary.id, card.release), "release": card.release,
        "reasons": card.gate.reasons.joined(separator: ", "), "owner": summary.owner,
      ]
    }
    let scores = organisation.averagedScores
    let hri = latest.reduce(0) { $0 + $1.card.highRisks }
    return [
      "lensName": set.lens.name, "lensVersion": set.lens.version, "today": organisation.today,
      "workloadCount": organisation.workloads.count, "releaseCount": organisation.releaseCount,
      "passing": latest.count { $0.card.gate.passes }, "failingCount": failing.count, "failing": failing,
      "hri": hri, "mri": latest.reduce(0) { $0 + $1.card.mediumRisks },
      // Flags, not counts: a template section shows for any number, 0 included.
      "hasFailing": !failing.isEmpty, "hasHri": hri > 0,
      "unanswered": latest.reduce(0) { $0 + $1.card.unanswered },
      "averageScore": scores.isEmpty ? "n/a" : String(scores.reduce(0, +) / scores.count),
      "averageCovers": scores.count, "averageOf": latest.count,
    ]
  }

  static func objectiveCoverage(_ organisation: Organisation) -> [TemplateContext] {
    let latest = organisation.latest
    return organisation.questionSet.objectives.map { objective in
      let met = latest.count { _, card in
        card.objectives.first { $0.id == objective.id }?.status.isMet == true
      }
      return [
        "id": objective.id, "title": objective.title, "href": Paths.objective(objective.id), "met": met,
        "total": latest.count, "percent": latest.isEmpty ? 0 : met * 100 / latest.count,
      ]
    }
  }

  /// The organisation's average score and total risks over time, as two inline SVG charts.
  static func postureCharts(_ timeline: [PosturePoint]) -> SafeHTML {
    guard timeline.count > 1 else { return SafeHTML(trusted: "") }
    let points = TrendChart.points(dates: timeline.map(\.date))
    let score = TrendChart(
      id: "org-score", title: "Average score of the latest releases over time", points: points,
      series: [
        TrendChart.Series(
          name: "Average score", short: "Score", cssClass: "series-score", values: timeline.map(\.averageScore))
      ],
      ceiling: 100)
    let risks = TrendChart(
      id: "org-risks", title: "High- and medium-risk issues across workloads over time", points: points,
      series: [
        TrendChart.Series(
          name: "High-risk issues", short: "High", cssClass: "series-high", values: timeline.map(\.highRisks)),
        TrendChart.Series(
          name: "Medium-risk issues", short: "Medium", cssClass: "series-medium", values: timeline.map(\.mediumRisks)),
      ], ceiling: 4)
    // Every label of a chart is escaped by `TrendChart`; the markup is Pillar's own.
    return SafeHTML(trusted: "<div class=\"charts\">\(score.figure())\(risks.figure())</div>")
  }
}
