import PillarModel
import PillarScoring
import PillarTemplate

/// `objectives/index.html`: the organisation's objectives, each as What / How / Why, so the
/// whole organisation reads the same commitments.
enum ObjectivesPage {
  static func spec(_ organisation: Organisation) -> PageSpec {
    let objectives = organisation.questionSet.objectives.map { objective -> TemplateContext in
      var entry = ObjectivePage.base(objective, organisation: organisation)
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
  static func base(_ objective: Objective, organisation: Organisation) -> TemplateContext {
    let statuses = organisation.latest.compactMap { summary, card in
      card.objectives.first { $0.id == objective.id }.flatMap { GroupStatus(rawValue: $0.status) }.map {
        (summary, card, $0)
      }
    }
    return [
      "id": objective.id, "title": objective.title, "whatHtml": Format.html(objective.rationale.what),
      "howHtml": Format.html(objective.rationale.how), "whyHtml": Format.html(objective.rationale.why),
      "met": statuses.count { $0.2.isMet }, "total": statuses.count,
      "questions": organisation.questionSet.questions(measuring: objective.id).map {
        ["id": $0.id, "title": $0.title, "href": Paths.question($0.id)]
      },
      "workloads": statuses.map { summary, card, status -> TemplateContext in
        [
          "name": summary.name, "status": Format.status(status), "href": Paths.scorecard(summary.id, card.release),
          "release": card.release,
        ]
      },
    ]
  }

  static func spec(_ objective: Objective, organisation: Organisation) -> PageSpec {
    PageSpec(
      path: Paths.objective(objective.id), title: "\(objective.id) \(objective.title)", template: "objective",
      context: base(objective, organisation: organisation), section: "objectives")
  }
}
