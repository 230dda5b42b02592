import PillarModel
import PillarRecords
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
  /// What both pages show of an objective: its text, how many workloads meet it, the questions.
  static func base(_ objective: Objective, organisation: Organisation) -> TemplateContext {
    base(objective, statuses: statuses(objective, organisation: organisation), set: organisation.questionSet)
  }

  private static func base(_ objective: Objective, statuses: [Status], set: QuestionSet) -> TemplateContext {
    [
      "id": objective.id, "title": objective.title, "whatHtml": Format.html(objective.rationale.what),
      "howHtml": Format.html(objective.rationale.how), "whyHtml": Format.html(objective.rationale.why),
      "met": statuses.count { $0.status.isMet }, "total": statuses.count,
      "questions": set.questions(measuring: objective.id).map {
        ["id": $0.id, "title": $0.title, "href": Paths.question($0.id)]
      },
    ]
  }

  static func spec(_ objective: Objective, organisation: Organisation) -> PageSpec {
    let statuses = statuses(objective, organisation: organisation)
    var context = base(objective, statuses: statuses, set: organisation.questionSet)
    // Only the objective's own page lists the workloads: the index shows every objective, and
    // lists there would be built for nothing (its template shows counts).
    context["workloads"] = statuses.map { row in
      ["name": row.name, "status": Format.status(row.status), "href": row.href, "release": row.release]
        as TemplateContext
    }
    return PageSpec(
      path: Paths.objective(objective.id), title: "\(objective.id) \(objective.title)", template: "objective",
      context: context, section: "objectives", searchable: true)
  }

  /// A workload's standing on the objective: a small row, not its summary (copies of whole
  /// summaries were most of the time of these pages).
  private struct Status {
    var name: String
    var href: String
    var release: String
    var status: GroupStatus
  }

  private static func statuses(_ objective: Objective, organisation: Organisation) -> [Status] {
    organisation.latest.compactMap { summary, card in
      card.objectives.first { $0.id == objective.id }.map {
        Status(
          name: summary.name, href: Paths.scorecard(summary.id, card.release), release: card.release,
          status: $0.status)
      }
    }
  }
}
