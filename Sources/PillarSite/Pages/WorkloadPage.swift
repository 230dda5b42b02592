import PillarModel
import PillarScoring
import PillarTemplate

/// `workloads/<id>/index.html`: a workload's profile and every release it was reviewed at.
enum WorkloadPage {
  static func identity(_ workload: Workload, set: QuestionSet) -> TemplateContext {
    identity(
      id: workload.id, name: workload.name, owner: workload.owner, classification: workload.classification.id, set: set)
  }

  /// The fields every page that names a workload shows about it.
  static func identity(id: String, name: String, owner: String, classification: String, set: QuestionSet)
    -> TemplateContext
  {
    [
      "id": id, "name": name, "owner": owner, "href": Paths.workload(id),
      "classification": set.level(classification)?.title ?? classification, "classificationId": classification,
    ]
  }

  /// When the next review is due, and whether it is overdue (`docs/metrics.md`).
  static func cadenceContext(_ cadence: ReviewCadence) -> TemplateContext {
    [
      "due": cadence.due, "every": cadence.reviewEvery, "overdue": cadence.isOverdue, "days": cadence.daysSince,
      "lastReviewed": cadence.lastReviewed,
    ]
  }

  /// Threats of a release, open first (see `ThreatAssessment`).
  static func threats(_ results: [ThreatResult], set: QuestionSet) -> [TemplateContext] {
    results.map { result in
      [
        "id": result.threat.id, "title": result.threat.title, "model": result.modelTitle,
        "modelHref": result.isOwn ? "" : "\(Paths.threatModel(result.model))#\(result.threat.id)",
        "state": [
          "label": result.state.title,
          "class": result.state == .open ? "high" : result.state == .partlyMitigated ? "medium" : "none",
        ] as TemplateContext,
        "missing": result.missing.map {
          ["id": $0, "href": ScorecardPage.practiceHref($0, set: set)] as TemplateContext
        },
        "hasMissing": !result.missing.isEmpty, "facts": facts(of: result.threat),
      ]
    }
  }

  /// A threat's STRIDE categories and priority, in words ("high priority; spoofing").
  static func facts(of threat: Threat) -> String {
    let priority = threat.priority.map { "\($0.name) priority" }
    let stride = threat.stride.isEmpty ? nil : threat.stride.map(\.title).joined(separator: ", ").lowercased()
    return [priority, stride].compactMap { $0 }.joined(separator: "; ")
  }

  static func spec(_ result: Evaluation.WorkloadResult, evaluation: SiteContext) -> PageSpec {
    let set = evaluation.questionSet
    let workload = result.workload
    var context = identity(workload, set: set)
    context["environments"] = workload.environments.joined(separator: ", ")
    context["tags"] = workload.tags
    context["hasTags"] = !workload.tags.isEmpty
    context["descriptionHtml"] = Format.html(workload.description)
    if let retirement = workload.retirement {
      context["retired"] = ["date": retirement.date, "reason": retirement.reason]
    }
    if workload.retirement == nil, let cadence = ReviewCadence.of(workload, in: set, asOf: evaluation.today) {
      context["cadence"] = cadenceContext(cadence)
    }
    context["incidents"] = result.incidents.sorted { ($0.detected, $0.id) > ($1.detected, $1.id) }.map {
      IncidentPage.line($0)
    }
    context["hasIncidents"] = !result.incidents.isEmpty
    let threats = result.threats.last ?? []
    context["threats"] = Self.threats(threats, set: set)
    context["hasThreats"] = !threats.isEmpty
    if let own = workload.ownThreatModel {
      context["ownThreatModel"] =
        [
          "title": own.title, "assetsHtml": Format.html(own.assets), "boundariesHtml": Format.html(own.trustBoundaries),
          "threatsHtml": Format.html(own.threatsText),
        ] as TemplateContext
    }
    context["openThreats"] = threats.count { $0.state == .open }
    context["threatModels"] = workload.threatModels.compactMap { set.threatModel($0.id) }.map {
      ["title": $0.title, "href": Paths.threatModel($0.id)] as TemplateContext
    }
    context["hasThreatModels"] = !workload.threatModels.isEmpty
    context["releases"] = zip(result.scorecards, workload.reviews).enumerated().reversed().map { index, pair in
      var row = Format.summary(pair.0, review: pair.1)
      if index > 0 { row["deltaHref"] = Paths.delta(workload.id, to: pair.1.release) }
      return row
    }
    if result.scorecards.count > 1 {
      context["trendHtml"] = TrendChart.workload(
        workload.id, releases: workload.reviews.map(\.release), dates: workload.reviews.map(\.reviewed),
        scores: result.scorecards.map(\.score),
        high: result.scorecards.map(\.highRisks), medium: result.scorecards.map(\.mediumRisks))
    }
    if let card = result.latest, let layers = ScaleChart.defenceInDepth(card, id: workload.id) {
      context["layersHtml"] = layers
    }
    if let card = result.latest, let review = workload.latest {
      context["latest"] = Format.summary(card, review: review)
      context["families"] = card.families.map(ScorecardPage.group)
      context["objectives"] = card.objectives.map(ScorecardPage.group)
      let openRisks = ScorecardPage.openRisks(card)
      context["openRisks"] = openRisks
      context["hasOpenRisks"] = !openRisks.isEmpty
    }
    return PageSpec(
      path: Paths.workload(workload.id), title: workload.name, template: "workload", context: context,
      section: "dashboard", searchable: true)
  }
}
