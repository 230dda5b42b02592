import PillarModel
import PillarScoring

/// `executive.html`: one page for the CTO and CISO: posture now and over time, objectives,
/// the open risks that recur across workloads, what is blocked from production, and what is
/// overdue or about to expire.
enum ExecutivePage {
  /// Acceptances expiring within this many days are flagged.
  static let expiryWindowDays = 60

  static func spec(_ evaluation: Evaluation) -> PageSpec {
    let set = evaluation.questionSet
    let latest = evaluation.workloads.compactMap { result in result.latest.map { (result, $0) } }
    let timeline = Timeline.posture(evaluation)
    var context = DashboardPage.totals(evaluation)
    context["postureChartHtml"] = DashboardPage.postureCharts(timeline)
    context["timeline"] = timeline.reversed().map { point -> [String: Any] in
      [
        "date": point.date, "workloads": point.workloads, "score": Format.score(point.averageScore),
        "hri": point.highRisks, "mri": point.mediumRisks, "failing": point.failing,
      ]
    }
    context["objectives"] = DashboardPage.objectiveCoverage(evaluation)
    context["topRisks"] = topRisks(
      latest.map(\.1), set: set,
      names: Dictionary(uniqueKeysWithValues: latest.map { ($0.0.workload.id, $0.0.workload.name) }))
    context["overdue"] = latest.flatMap { result, _ in
      (result.plans.last ?? []).filter(\.isOverdue).map { item -> [String: Any] in
        var row = ScorecardPage.improvement(item, set: set)
        row["workload"] = result.workload.name
        row["workloadHref"] = Paths.workload(result.workload.id)
        return row
      }
    }
    let horizon = DateMath.adding(days: expiryWindowDays, to: evaluation.today)
    context["expiring"] = latest.flatMap { result, _ in
      (result.workload.latest?.acceptances ?? []).filter { $0.expires <= horizon }.map { item -> [String: Any] in
        [
          "workload": result.workload.name, "workloadHref": Paths.workload(result.workload.id),
          "practice": item.practice.id, "href": ScorecardPage.practiceHref(item.practice.id, set: set),
          "approver": item.approver, "expires": item.expires, "expired": item.expires < evaluation.today,
        ]
      }
    }
    context["expiryWindowDays"] = expiryWindowDays
    for key in ["topRisks", "overdue", "expiring", "failing"] {
      context["has" + key.prefix(1).uppercased() + key.dropFirst()] = !((context[key] as? [Any])?.isEmpty ?? true)
    }
    return PageSpec(
      path: Paths.executive, title: "Executive summary", template: "executive", context: context, section: "executive")
  }

  /// Open practices at the latest releases, grouped by practice: high first, then by how many
  /// workloads leave them open.
  static func topRisks(_ cards: [Scorecard], set: QuestionSet, names: [String: String], limit: Int = 10) -> [[String:
    Any]]
  {
    var open: [String: (practice: PracticeResult, question: String, workloads: [String])] = [:]
    for card in cards {
      for question in card.questions {
        for practice in question.practices where practice.state.isOpen {
          var entry = open[practice.practice.id] ?? (practice, question.question.id, [])
          if practice.risk > entry.practice.risk { entry.practice = practice }
          entry.workloads.append(names[card.workloadID] ?? card.workloadID)
          open[practice.practice.id] = entry
        }
      }
    }
    return open.values.sorted {
      ($1.practice.risk, $0.workloads.count, $1.practice.practice.id) < (
        $0.practice.risk, $1.workloads.count, $0.practice.practice.id
      )
    }
    .prefix(limit)
    .map { entry in
      [
        "id": entry.practice.practice.id, "title": entry.practice.practice.title,
        "risk": Format.risk(entry.practice.risk),
        "href": "\(Paths.question(entry.question))#\(entry.practice.practice.id)", "count": entry.workloads.count,
        "workloads": entry.workloads.sorted().joined(separator: ", "),
      ]
    }
  }
}
