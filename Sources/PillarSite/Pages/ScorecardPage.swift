import PillarModel
import PillarScoring
import PillarTemplate

/// `workloads/<id>/<release>.html`: one release's answers, risks and verdict.
enum ScorecardPage {
  static func spec(_ result: Evaluation.WorkloadResult, index: Int, evaluation: SiteContext) -> PageSpec {
    let set = evaluation.questionSet
    let card = result.scorecards[index]
    let review = result.workload.reviews[index]
    let workload = result.workload
    var context = WorkloadPage.identity(workload, set: set)
    context["card"] = Format.summary(card, review: review)
    context["reviewers"] = review.reviewers.joined(separator: ", ")
    context["questionSetVersion"] = review.questionSetVersion?.id ?? ""
    context["summaryHtml"] = Format.html(review.summary)
    context["families"] = card.families.map(group)
    context["objectives"] = card.objectives.map(group)
    context["openRisks"] = openRisks(card)
    context["hasOpenRisks"] = card.questions.contains { $0.practices.contains(where: \.isOpen) }
    context["hasImprovements"] = !result.plans[index].isEmpty
    context["hasAcceptances"] = !review.acceptances.isEmpty
    // An incident that names a practice the latest answers mark implemented asks to review it.
    let isLatest = index == result.scorecards.count - 1
    let reReview = isLatest ? result.reReview : [:]
    // The scanner's findings are about now: they judge the latest answers only.
    let evidence = isLatest ? Dictionary(result.evidence.map { ($0.practiceID, $0) }) { first, _ in first } : [:]
    context["questions"] = card.questions.map {
      question($0, reReview: reReview, references: evaluation.references, evidence: evidence)
    }
    context["evidenceSources"] = isLatest ? evaluation.evidenceSources(for: result.evidence) : []
    context["hasEvidence"] = isLatest && !result.evidence.isEmpty
    // Contents: questions with an open risk first (high, medium, low), then unanswered, then the rest.
    let rank = { (result: QuestionResult) -> Int in
      guard let risk = result.risk else { return 1 }
      return risk == .none ? 0 : 1 + risk.rawValue * 2
    }
    context["toc"] = card.questions.enumerated().sorted { (rank($1.1), $0.0) < (rank($0.1), $1.0) }.map { _, result in
      [
        "id": result.question.id, "title": result.question.title, "risk": Format.risk(result.risk),
        "answered": result.isAnswered,
      ] as TemplateContext
    }
    let threats = index < result.threats.count ? result.threats[index] : []
    context["threats"] = WorkloadPage.threats(threats, set: set)
    context["hasThreats"] = !threats.isEmpty
    context["improvements"] = result.plans[index].map { improvement(_: $0, set: set) }
    if index > 0 {
      let previous = result.workload.reviews[index - 1].release
      context["previous"] = ["release": previous, "deltaHref": Paths.delta(workload.id, to: review.release)]
    }
    if index + 1 < result.scorecards.count {
      let next = result.workload.reviews[index + 1].release
      context["next"] = ["release": next, "deltaHref": Paths.delta(workload.id, to: next)]
    }
    context["acceptances"] = review.acceptances.map { item -> TemplateContext in
      [
        "practice": item.practice.id, "href": practiceHref(item.practice.id, set: set), "approver": item.approver,
        "reason": item.reason, "expires": item.expires, "expired": item.expires < evaluation.today,
      ]
    }
    return PageSpec(
      path: Paths.scorecard(workload.id, review.release), title: "\(workload.name) \(review.release)",
      template: "scorecard", context: context, section: "dashboard", usesScript: true,
      searchable: index == result.scorecards.count - 1)
  }

  static func improvement(_ item: PlannedImprovement, set: QuestionSet) -> TemplateContext {
    [
      "practice": item.improvement.practice.id, "href": practiceHref(item.improvement.practice.id, set: set),
      "title": set.questions.lazy.compactMap { $0.practice(item.improvement.practice.id) }.first?.title ?? "",
      "owner": item.improvement.owner, "due": item.improvement.due, "note": item.improvement.note,
      "overdue": item.isOverdue, "carried": item.isCarried, "listedIn": item.listedIn,
      "incident": item.incident ?? "", "incidentHref": item.incident.map(Paths.incident) ?? "",
    ]
  }

  static func group(_ group: GroupResult) -> TemplateContext {
    let href = group.id.hasPrefix("OBJ") ? Paths.objective(group.id) : ""
    return [
      "id": group.id, "title": group.title, "status": Format.status(group.status), "href": href,
      "questions": group.questionIDs.joined(separator: ", "),
    ]
  }

  /// Open risks, high first, then by question: what the team should fix next.
  static func openRisks(_ card: Scorecard) -> [TemplateValue] {
    // Positions are sorted, not the (question, practice) pairs: each pair is a large value, and
    // sorting them copied both at every move.
    var open: [(question: Int, practice: Int)] = []
    for (q, result) in card.questions.enumerated() {
      for (p, practice) in result.practices.enumerated() where practice.isOpen { open.append((q, p)) }
    }
    return open.map { position in
      let practice = card.questions[position.question].practices[position.practice]
      return (position, practice.risk.rawValue, practice.practice.id)
    }
    .sorted { ($0.1, $1.2) > ($1.1, $0.2) }
    .map { position, _, _ in
      let question = card.questions[position.question].question
      let practice = card.questions[position.question].practices[position.practice]
      return OpenRiskRow(
        id: practice.practice.id, title: practice.practice.title, risk: Format.risk(practice.risk),
        required: practice.isRequired, href: "\(Paths.question(question.id))#\(practice.practice.id)",
        state: Format.state(practice.state)
      ).templateValue
    }
  }

  static func question(
    _ result: QuestionResult, reReview: [String: [String]] = [:], references: [String: String] = [:],
    evidence: [String: PracticeEvidence] = [:]
  ) -> TemplateContext {
    let rows = result.practices.map { practice -> (row: TemplateValue, folded: Bool) in
      var reason = ""
      switch practice.state {
      case .notApplicable(let text): reason = text
      case .riskAccepted(let acceptance):
        reason = "Accepted by \(acceptance.approver) until \(acceptance.expires): \(acceptance.reason)"
      case .acceptanceExpired(let acceptance):
        reason = "Acceptance by \(acceptance.approver) expired on \(acceptance.expires)"
      default: break
      }
      let flagged = reReview[practice.practice.id] ?? []
      let row = PracticeRow(
        id: practice.practice.id, title: practice.practice.title, state: Format.state(practice.state),
        risk: Format.risk(practice.practice.risk), required: practice.isRequired, open: practice.isOpen,
        openRisk: Format.risk(practice.risk), reason: reason, noteHtml: Format.html(practice.answer?.note),
        href: "\(Paths.question(result.question.id))#\(practice.practice.id)",
        // Required here and lower otherwise: the label says both, as the score weighs it high.
        escalated: practice.isRequired && practice.risk != practice.practice.risk,
        reReview: flagged.joined(separator: ", "), reReviewHref: flagged.first.map(Paths.incident) ?? "",
        references: references[practice.practice.id] ?? "",
        evidence: EvidenceText.line(evidence[practice.practice.id]),
        evidenceLabel: EvidenceText.label(evidence[practice.practice.id]),
        evidenceClass: EvidenceText.badge(evidence[practice.practice.id])
      ).templateValue
      // Folded when in place, unless an incident or the scanner asks for a second look.
      let disputed = evidence[practice.practice.id]?.judgement == .contradicted
      return (row, practice.state == .implemented && flagged.isEmpty && !disputed)
    }
    return [
      "id": result.question.id, "title": result.question.title, "href": Paths.question(result.question.id),
      "risk": Format.risk(result.risk), "answered": result.isAnswered,
      "unansweredRisk": !result.isAnswered && result.risk != nil, "notesHtml": Format.html(result.answer?.notes),
      // Values, not contexts, so the lists are used as built (see `Array.templateValue`). Practices
      // in place are folded, unless an incident asks to review them.
      "practices": rows.filter { !$0.folded }.map(\.row), "folded": rows.filter(\.folded).map(\.row),
      "foldedCount": rows.count(where: \.folded), "hasFolded": rows.contains(where: \.folded),
    ]
  }

  static func practiceHref(_ id: String, set: QuestionSet) -> String {
    guard let question = set.practiceQuestions[id] else { return "" }
    return "\(Paths.question(question))#\(id)"
  }
}

/// A practice's row on a scorecard, by name. Made for every practice of every scorecard, so it
/// becomes a shaped context (keys made once) — the only place its names and values are paired.
struct PracticeRow: TemplateRepresentable {
  var id: String
  var title: String
  var state: TemplateContext
  var risk: TemplateContext
  var required: Bool
  var open: Bool
  var openRisk: TemplateContext
  var reason: String
  var noteHtml: SafeHTML
  var href: String
  var escalated: Bool
  /// Incidents naming this practice as contributing while it is marked implemented.
  var reReview: String
  var reReviewHref: String
  /// Its framework references in words (`SiteContext.references`).
  var references: String
  /// What the scanner found for it, in words, and the judgement's label and badge class.
  var evidence: String
  var evidenceLabel: String
  var evidenceClass: String

  private static let shape = TemplateShape(
    "id", "title", "state", "risk", "required", "open", "openRisk", "reason", "noteHtml", "href", "escalated",
    "reReview", "reReviewHref", "references", "evidence", "evidenceLabel", "evidenceClass")

  var templateValue: TemplateValue {
    .object(
      TemplateContext(
        Self.shape,
        [
          .text(id), .text(title), .object(state), .object(risk), .flag(required), .flag(open), .object(openRisk),
          .text(reason), .html(noteHtml), .text(href), .flag(escalated), .text(reReview), .text(reReviewHref),
          .text(references), .text(evidence), .text(evidenceLabel), .text(evidenceClass),
        ]))
  }
}

/// An open risk's line on a scorecard, by name (see `PracticeRow`).
struct OpenRiskRow: TemplateRepresentable {
  var id: String
  var title: String
  var risk: TemplateContext
  var required: Bool
  var href: String
  var state: TemplateContext

  private static let shape = TemplateShape("id", "title", "risk", "required", "href", "state")

  var templateValue: TemplateValue {
    .object(
      TemplateContext(
        Self.shape, [.text(id), .text(title), .object(risk), .flag(required), .text(href), .object(state)]))
  }
}
