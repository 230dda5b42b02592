import PillarModel
import PillarScoring

/// `index.html`: every workload's current posture, for the people who own the whole estate.
enum DashboardPage {
  static func spec(_ evaluation: Evaluation) -> PageSpec {
    let set = evaluation.questionSet
    let latest = evaluation.workloads.compactMap { result in result.latest.map { (result, $0) } }
    let rows = evaluation.workloads.map { result -> [String: Any] in
      var row = WorkloadPage.identity(result.workload, set: set)
      if let card = result.latest, let review = result.workload.latest {
        row["latest"] = Format.summary(card, review: review)
      }
      return row
    }
    let objectives = set.objectives.map { objective -> [String: Any] in
      let met = latest.count { _, card in card.objectives.first { $0.id == objective.id }?.status.isMet == true }
      return [
        "id": objective.id, "title": objective.title, "href": Paths.objective(objective.id), "met": met,
        "total": latest.count, "percent": latest.isEmpty ? 0 : met * 100 / latest.count,
      ]
    }
    let failing = latest.filter { !$0.1.gate.passes }.map { result, card -> [String: Any] in
      [
        "name": result.workload.name, "href": Paths.scorecard(card.workloadID, card.release), "release": card.release,
        "reasons": card.gate.reasons.joined(separator: ", "),
      ]
    }
    let scores = latest.compactMap(\.1.score)
    let context: [String: Any] = [
      "lensName": set.lens.name, "lensVersion": set.lens.version,
      "workloadCount": evaluation.workloads.count, "releaseCount": evaluation.releaseCount,
      "passing": latest.count { $0.1.gate.passes }, "failingCount": failing.count, "failing": failing,
      "hri": latest.reduce(0) { $0 + $1.1.highRisks }, "mri": latest.reduce(0) { $0 + $1.1.mediumRisks },
      "unanswered": latest.reduce(0) { $0 + $1.1.unanswered },
      "averageScore": scores.isEmpty ? "n/a" : String(scores.reduce(0, +) / scores.count),
      "workloads": rows, "objectives": objectives, "hasWorkloads": !rows.isEmpty,
    ]
    return PageSpec(
      path: Paths.dashboard, title: "Security posture", template: "dashboard", context: context, section: "dashboard")
  }
}
