import PillarModel
import PillarRecords
import PillarScoring
import PillarTemplate

/// `questions/index.html`: the question set at a glance, by area.
enum QuestionsPage {
  static func spec(_ organisation: Organisation) -> PageSpec {
    let set = organisation.questionSet
    var areas: [String] = []
    for question in set.questions where !areas.contains(question.area) { areas.append(question.area) }
    let context: TemplateContext = [
      "lensName": set.lens.name, "lensVersion": set.lens.version, "introHtml": Format.html(set.lens.introduction),
      "practiceCount": set.questions.reduce(0) { $0 + $1.practices.count },
      "questionCount": set.questions.count, "riskSource": set.lens.riskSource ?? "",
      "hasFrameworks": !FrameworkPage.shown(set).isEmpty,
      "frameworks": FrameworkPage.shown(set).map {
        ["title": $0.title, "href": Paths.framework($0.id)] as TemplateContext
      },
      "areas": areas.map { area in
        [
          "title": area,
          "questions": set.questions.filter { $0.area == area }.map { question -> TemplateContext in
            [
              "id": question.id, "title": question.title, "href": Paths.question(question.id),
              "control": question.control.title,
              "practiceCount": question.practices.count, "high": question.practices.count { $0.risk == .high },
            ]
          },
        ] as TemplateContext
      },
    ]
    return PageSpec(
      path: Paths.questions, title: "Questions", template: "questions", context: context, section: "questions")
  }
}

/// `questions/<id>.html`: What / How / Why, the practices with their guidance, and how many
/// workloads follow each one at their latest release.
enum QuestionPage {
  static func spec(_ question: Question, organisation: Organisation) -> PageSpec {
    let set = organisation.questionSet
    // Each workload's answers to this question, its practices in the question's order, made
    // once: each practice's pass over every workload reads a small row, not the workload's whole
    // summary (copying those was most of the time of these pages).
    struct Answer {
      var name: String
      var href: String
      var release: String
      var risk: ScorecardRecord.RiskName
      var practices: [(state: ScorecardRecord.State, required: Bool)?]
    }
    let results = organisation.latest.compactMap { summary, card -> Answer? in
      guard let result = card.questions.first(where: { $0.id == question.id }) else { return nil }
      return Answer(
        name: summary.name, href: Paths.scorecard(summary.id, card.release), release: card.release, risk: result.risk,
        practices: question.practices.map { practice in
          result.practices.first { $0.id == practice.id }.map { ($0.state, $0.required) }
        })
    }
    let practices = question.practices.indices.map { index -> TemplateContext in
      let practice = question.practices[index]
      let states = results.compactMap { $0.practices[index]?.state }
      let implemented = states.count { $0 == .implemented }
      let applicable = states.count { $0 != .notApplicable && $0 != .unanswered }
      let level = practice.requiredFrom.flatMap { set.level($0.id) }
      // Who misses it: each workload whose latest release leaves it open, linked to its answer.
      let missing = results.compactMap { answer -> TemplateContext? in
        guard let row = answer.practices[index], row.state.isOpen(required: row.required) else { return nil }
        return [
          "name": answer.name, "href": "\(answer.href)#\(question.id)", "release": answer.release,
          "state": Format.state(named: row.state.rawValue),
        ]
      }
      let incidents = organisation.incidents.filter { incident in
        (incident.contributed + incident.helped).contains { $0.id == practice.id }
      }
      return [
        "id": practice.id, "title": practice.title, "risk": Format.risk(practice.risk),
        "requiredFrom": level?.title ?? "", "guidanceHtml": Format.html(practice.guidance),
        "riskNote": practice.riskNote ?? "", "sourceRisk": practice.sourceRisk?.name ?? "",
        "references": FrameworkPage.references(practice, set: set), "hasReferences": !practice.references.isEmpty,
        "riskSource": set.lens.riskSource ?? "the framework",
        "implemented": implemented, "applicable": applicable,
        "percent": applicable == 0 ? 0 : implemented * 100 / applicable,
        "incidents": incidents.map { IncidentPage.line($0, practice: practice.id) },
        "missingIn": missing, "hasMissing": !missing.isEmpty, "missingCount": missing.count,
        "hasIncidents": !incidents.isEmpty,
      ]
    }
    let workloads = results.map { answer -> TemplateContext in
      ["name": answer.name, "href": answer.href, "release": answer.release, "risk": Format.risk(answer.risk.risk)]
    }
    let context: TemplateContext = [
      "id": question.id, "title": question.title, "area": question.area, "control": question.control.title,
      "introHtml": Format.html(question.introduction), "whatHtml": Format.html(question.rationale.what),
      "howHtml": Format.html(question.rationale.how), "whyHtml": Format.html(question.rationale.why),
      "objectives": question.objectives.compactMap { set.objective($0.id) }.map {
        ["id": $0.id, "title": $0.title, "href": Paths.objective($0.id)]
      },
      "practices": practices, "workloads": workloads, "workloadCount": results.count,
      "hasWorkloads": !results.isEmpty, "hasObjectives": !question.objectives.isEmpty,
    ]
    return PageSpec(
      path: Paths.question(question.id), title: "\(question.id) \(question.title)", template: "question",
      context: context,
      section: "questions", searchable: true)
  }
}
