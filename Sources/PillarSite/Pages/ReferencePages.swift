import PillarModel
import PillarRecords
import PillarScoring
import PillarTemplate

/// `threat-models/<id>.html`: a reusable threat model template and the practices that mitigate
/// each threat.
enum ThreatModelPage {
  static func spec(_ model: ThreatModel, organisation: Organisation) -> PageSpec {
    let set = organisation.questionSet
    let users = organisation.latest.filter { $0.summary.threatModels.contains(model.id) }.map(\.summary)
    let context: TemplateContext = [
      "id": model.id, "title": model.title, "assetsHtml": Format.html(model.assets),
      "boundariesHtml": Format.html(model.trustBoundaries), "threatsHtml": Format.html(model.threatsText),
      "threats": model.threats.map { threat -> TemplateContext in
        let open = users.filter { $0.threats.contains("\(model.id) \(threat.id) open") }
        return [
          "id": threat.id, "title": threat.title, "openCount": open.count, "users": users.count,
          "stride": threat.stride.map(\.title).joined(separator: ", "),
          "priority": threat.priority.map { Format.risk($0) } ?? "", "hasPriority": threat.priority != nil,
          "prerequisites": threat.prerequisites ?? "", "impact": threat.impact ?? "",
          "hasOpen": !open.isEmpty,
          "openIn": open.map { ["name": $0.name, "href": Paths.workload($0.id)] as TemplateContext },
          "mitigations": threat.mitigations.map { reference -> TemplateContext in
            let practice = set.questions.lazy.compactMap { $0.practice(reference.id) }.first
            return [
              "id": reference.id, "title": practice?.title ?? "",
              "href": ScorecardPage.practiceHref(reference.id, set: set),
            ]
          },
        ]
      },
      "workloads": organisation.workloads.filter { $0.threatModels.contains(model.id) }.map {
        ["name": $0.name, "href": Paths.workload($0.id)]
      },
      "coverage": StrideCategory.allCases.map { category in
        let count = model.threats.count { $0.stride.contains(category) }
        return "\(category.title.lowercased()) \(count == 0 ? "none" : String(count))"
      }.joined(separator: ", "),
    ]
    return PageSpec(
      path: Paths.threatModel(model.id), title: "Threat model: \(model.title)", template: "threat-model",
      context: context,
      section: "threat-models", searchable: true)
  }
}

/// `threat-models/index.html`: every template, how many threats it holds and who uses it.
enum ThreatModelsPage {
  static func spec(_ organisation: Organisation) -> PageSpec {
    let context: TemplateContext = [
      "models": organisation.questionSet.threatModels.map { model -> TemplateContext in
        [
          "title": model.title, "href": Paths.threatModel(model.id), "threats": model.threats.count,
          "workloads": organisation.workloads.filter { $0.threatModels.contains(model.id) }.map {
            ["name": $0.name, "href": Paths.workload($0.id)] as TemplateContext
          },
        ]
      }
    ]
    return PageSpec(
      path: Paths.threatModels, title: "Threat models", template: "threat-models", context: context,
      section: "threat-models")
  }
}

/// `classification.html`: the levels, what belongs at each, and what each level requires.
enum ClassificationPage {
  static func spec(_ organisation: Organisation) -> PageSpec {
    let set = organisation.questionSet
    let levels = set.levels.map { level -> TemplateContext in
      let practices = set.questions.flatMap(\.practices)
      let required = practices.filter { $0.requiredFrom?.id == level.id }
      let promises = level.promises.map { promise -> TemplateContext in
        [
          "area": promise.area ?? "", "text": promise.text,
          "practices": promise.practices.compactMap { reference -> TemplateContext? in
            guard let practice = practices.first(where: { $0.id == reference.id }) else { return nil }
            // Why the gate keeps it here: required from this level (or below), or high everywhere.
            let why =
              set.isRequired(practice, at: level)
              ? "required from \(practice.requiredFrom.flatMap { set.level($0.id)?.title } ?? level.title)"
              : "high risk at every level"
            return [
              "id": practice.id, "title": practice.title, "why": why,
              "href": ScorecardPage.practiceHref(practice.id, set: set),
            ]
          },
        ]
      }
      return [
        "id": level.id, "title": level.title, "descriptionHtml": Format.html(level.description),
        "promises": promises, "hasPromises": !promises.isEmpty,
        "evidenceRequired": set.requiresEvidence(at: level), "reviewEvery": level.reviewEvery,
        "required": required.map {
          ["id": $0.id, "title": $0.title, "href": ScorecardPage.practiceHref($0.id, set: set)]
        },
        "workloads": organisation.workloads.filter { $0.classification == level.id }.map {
          ["name": $0.name, "href": Paths.workload($0.id)]
        },
      ]
    }
    let context: TemplateContext = [
      "levels": levels, "scaleHtml": ScaleChart.classification(set),
      "threatModels": set.threatModels.map { ["title": $0.title, "href": Paths.threatModel($0.id)] },
    ]
    return PageSpec(
      path: Paths.classification, title: "Data classification", template: "classification", context: context,
      section: "classification")
  }
}

/// `glossary.html`: what each figure on the site counts, and the gate policy its verdicts
/// were reached under. Every figure's label links here.
enum GlossaryPage {
  static func spec(_ organisation: Organisation) -> PageSpec {
    let policy = organisation.policy
    let rules = GatePolicy.switchNames.filter { policy[keyPath: $0.path] }.map { name, _ -> TemplateContext in
      ["key": name, "text": GatePolicy.describe(name)]
    }
    let context: TemplateContext = [
      "rules": rules, "relaxed": policy.relaxed.joined(separator: ", "), "isRelaxed": !policy.relaxed.isEmpty,
      "threatsFrom": policy.failOnOpenThreatsFrom.flatMap { organisation.questionSet.level($0)?.title } ?? "",
      "acceptedFrom": policy.failOnAcceptedRequiredFrom.flatMap { organisation.questionSet.level($0)?.title } ?? "",
    ]
    return PageSpec(
      path: Paths.glossary, title: "How to read these numbers", template: "glossary", context: context,
      section: "glossary")
  }
}
