import PillarModel
import PillarScoring
import PillarTemplate

/// `executive.html`: one page for the CTO and CISO: posture now and over time, objectives,
/// the open risks that recur across workloads, what is blocked from production, and what is
/// overdue or about to expire.
enum ExecutivePage {
  /// Acceptances expiring within this many days are flagged.
  static let expiryWindowDays = 60

  static func spec(_ organisation: Organisation) -> PageSpec {
    let set = organisation.questionSet
    let timeline = Timeline.posture(organisation)
    var context = DashboardPage.totals(organisation)
    context["postureChartHtml"] = DashboardPage.postureCharts(timeline)
    context["timeline"] = timeline.reversed().map { point -> TemplateContext in
      [
        "date": point.date, "workloads": point.workloads, "score": Format.score(point.averageScore),
        "hri": point.highRisks, "mri": point.mediumRisks, "failing": point.failing,
      ]
    }
    context["objectives"] = DashboardPage.objectiveCoverage(organisation)
    context["topRisks"] = topRisks(organisation)
    context["overdue"] = organisation.latest.flatMap { summary, _ in
      summary.plan.filter(\.overdue).map { item -> TemplateContext in
        [
          "practice": item.practice, "href": ScorecardPage.practiceHref(item.practice, set: set),
          "title": set.practiceTitles[item.practice] ?? "", "owner": item.owner, "due": item.due,
          "workload": summary.name, "workloadHref": Paths.workload(summary.id),
        ]
      }
    }
    let horizon = DateMath.adding(days: expiryWindowDays, to: organisation.today)
    context["expiring"] = organisation.latest.flatMap { summary, _ in
      summary.acceptances.filter { $0.expires <= horizon }.map { item -> TemplateContext in
        [
          "workload": summary.name, "workloadHref": Paths.workload(summary.id), "practice": item.practice,
          "href": ScorecardPage.practiceHref(item.practice, set: set), "approver": item.approver,
          "expires": item.expires, "expired": item.expires < organisation.today,
        ]
      }
    }
    context["expiryWindowDays"] = expiryWindowDays
    Format.addHasFlags(&context, for: ["topRisks", "overdue", "expiring", "failing"])
    return PageSpec(
      path: Paths.executive, title: "Executive summary", template: "executive", context: context, section: "executive")
  }

  /// Open practices at the latest releases, grouped by practice: high first, then by how many
  /// workloads leave them open.
  static func topRisks(_ organisation: Organisation, limit: Int = 10) -> [TemplateContext] {
    var open: [String: (practice: ScorecardRecord.Practice, question: String, risk: Risk, workloads: [String])] = [:]
    for (summary, card) in organisation.latest {
      for question in card.questions {
        for practice in question.practices where Format.isOpen(stateNamed: practice.state) {
          let risk = Risk.allCases.first { $0.name == practice.risk } ?? .low
          var entry = open[practice.id] ?? (practice, question.id, risk, [])
          entry.risk = max(entry.risk, risk)
          entry.workloads.append(summary.name)
          open[practice.id] = entry
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
        "workloads": entry.workloads.sorted().joined(separator: ", "),
      ]
    }
  }
}
