import PillarMetrics
import PillarModel
import PillarRecords
import PillarScoring
import PillarTemplate

/// `executive.html`: one page for the CTO and CISO: posture now and over time, objectives,
/// the open risks that recur across workloads, what is blocked from production, and what is
/// overdue or about to expire.
enum ExecutivePage {
  /// Acceptances expiring within this many days are flagged.
  static let expiryWindowDays = 60

  static func spec(_ organisation: Organisation, metrics: MetricsReport) -> PageSpec {
    let set = organisation.questionSet
    let timeline = Timeline.posture(organisation)
    var context = DashboardPage.totals(organisation)
    context["postureChartHtml"] = DashboardPage.postureCharts(timeline)
    context["lead"] = MetricsPage.lead(metrics)
    context["timeline"] = timeline.reversed().map { point -> TemplateContext in
      [
        "date": point.date, "workloads": point.workloads, "score": Format.score(point.averageScore),
        "hri": point.highRisks, "mri": point.mediumRisks, "failing": point.failing,
      ]
    }
    context["objectives"] = DashboardPage.objectiveCoverage(organisation)
    context["topRisks"] = topRisks(organisation)
    let overdue = organisation.latest.flatMap { summary, _ in
      summary.plan.filter(\.overdue).map { item -> TemplateContext in
        [
          "practice": item.practice, "href": ScorecardPage.practiceHref(item.practice, set: set),
          "title": set.practiceTitles[item.practice] ?? "", "owner": item.owner, "due": item.due,
          "workload": summary.name, "workloadHref": Paths.workload(summary.id),
          "incident": item.incident ?? "", "incidentHref": item.incident.map(Paths.incident) ?? "",
        ]
      }
    }
    // What the organisation learned from incidents: how they were caught and how fast.
    let incidents = metrics.now.incidents
    context["incidents"] =
      [
        "count": incidents.count, "prevented": incidents.prevented, "detected": incidents.detected,
        "reported": incidents.reported, "toDetect": MetricsReport.days(incidents.meanDaysToDetect),
        "toContain": MetricsReport.days(incidents.meanDaysToContain),
        "toResolve": MetricsReport.days(incidents.meanDaysToResolve),
        "contributors": incidents.contributors.map { contributor -> TemplateContext in
          [
            "practice": contributor.practice, "href": ScorecardPage.practiceHref(contributor.practice, set: set),
            "title": set.practiceTitles[contributor.practice] ?? "", "count": contributor.incidents,
          ]
        },
        "hasContributors": !incidents.contributors.isEmpty,
      ] as TemplateContext
    context["hasIncidents"] = incidents.count > 0
    let horizon = DateMath.adding(days: expiryWindowDays, to: organisation.today)
    let expiring = organisation.latest.flatMap { summary, _ in
      summary.acceptances.filter { $0.expires <= horizon }.map { item -> TemplateContext in
        [
          "workload": summary.name, "workloadHref": Paths.workload(summary.id), "practice": item.practice,
          "href": ScorecardPage.practiceHref(item.practice, set: set), "approver": item.approver,
          "expires": item.expires, "expired": item.expires < organisation.today,
        ]
      }
    }
    context["expiryWindowDays"] = expiryWindowDays
    context["overdue"] = overdue
    context["expiring"] = expiring
    // Printed, each list shows its first items and says how many there are in all.
    context["overdueCount"] = overdue.count
    context["expiringCount"] = expiring.count
    Format.addHasFlags(&context, for: ["topRisks", "overdue", "expiring", "failing"])
    return PageSpec(
      path: Paths.executive, title: "Executive summary", template: "executive", context: context, section: "executive")
  }

  /// How many workload names a top risk lists before "and N more": the count column has the
  /// whole number, and the question page lists every workload.
  static let namedWorkloads = 12

  /// Open practices at the latest releases, grouped by practice: high first, then by how many
  /// workloads leave them open.
  static func topRisks(_ organisation: Organisation, limit: Int = 10) -> [TemplateContext] {
    struct Open {
      var practice: ScorecardRecord.Practice
      var question: String
      var risk: Risk
      var workloads: [String] = []

      mutating func add(_ workload: String, risk: Risk) {
        workloads.append(workload)
        self.risk = max(self.risk, risk)
      }
    }
    var open: [String: Open] = [:]
    for (summary, card) in organisation.latest {
      for question in card.questions {
        // Open as on the scorecard: required practices of unanswered questions count too.
        for practice in question.practices where practice.state.isOpen(required: practice.required) {
          let risk = practice.risk.risk ?? .low
          // Mutated in place: copying the entry out and back copied its growing list of
          // names on every append, quadratic in the number of workloads.
          open[practice.id, default: Open(practice: practice, question: question.id, risk: risk)]
            .add(summary.name, risk: risk)
        }
      }
    }
    return open.values.sorted {
      ($1.risk, $0.workloads.count, $1.practice.id) < ($0.risk, $1.workloads.count, $0.practice.id)
    }
    .prefix(limit)
    .map { entry in
      [
        "id": entry.practice.id, "title": entry.practice.title, "risk": Format.risk(entry.risk),
        "href": "\(Paths.question(entry.question))#\(entry.practice.id)", "count": entry.workloads.count,
        "workloads": names(entry.workloads),
      ]
    }
  }

  /// The first names in order, then how many more.
  static func names(_ workloads: [String]) -> String {
    let sorted = workloads.sorted()
    let shown = sorted.prefix(namedWorkloads).joined(separator: ", ")
    let more = sorted.count - namedWorkloads
    return more > 0 ? "\(shown) and \(more) more" : shown
  }
}
