import PillarModel
import PillarScoring

/// `objectives/index.html`: the organisation's objectives, each as What / How / Why, so the
/// whole organisation reads the same commitments.
enum ObjectivesPage {
  static func spec(_ evaluation: Evaluation) -> PageSpec {
    let objectives = evaluation.questionSet.objectives.map { objective -> [String: Any] in
      var entry = ObjectivePage.base(objective, evaluation: evaluation)
      entry["href"] = Paths.objective(objective.id)
      return entry
    }
    return PageSpec(
      path: Paths.objectives, title: "Security objectives", template: "objectives", context: ["objectives": objectives],
      section: "objectives")
  }
}

/// `objectives/<id>.html`: one objective, the questions that measure it, and which workloads meet it.
enum ObjectivePage {
  static func base(_ objective: Objective, evaluation: Evaluation) -> [String: Any] {
    let statuses = evaluation.workloads.compactMap { result in
      result.latest?.objectives.first { $0.id == objective.id }.map { (result, $0.status) }
    }
    return [
      "id": objective.id, "title": objective.title, "whatHtml": Format.html(objective.rationale.what),
      "howHtml": Format.html(objective.rationale.how), "whyHtml": Format.html(objective.rationale.why),
      "met": statuses.count { $0.1.isMet }, "total": statuses.count,
      "questions": evaluation.questionSet.questions(measuring: objective.id).map {
        ["id": $0.id, "title": $0.title, "href": Paths.question($0.id)]
      },
      "workloads": statuses.map { result, status -> [String: Any] in
        [
          "name": result.workload.name, "status": Format.status(status),
          "href": Paths.scorecard(result.workload.id, result.latest?.release ?? ""),
          "release": result.latest?.release ?? "",
        ]
      },
    ]
  }

  static func spec(_ objective: Objective, evaluation: Evaluation) -> PageSpec {
    PageSpec(
      path: Paths.objective(objective.id), title: "\(objective.id) \(objective.title)", template: "objective",
      context: base(objective, evaluation: evaluation), section: "objectives")
  }
}
