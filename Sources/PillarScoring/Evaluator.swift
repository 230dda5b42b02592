import PillarModel

/// The `evaluate` stage: turns answers into scorecards. Pure: the same workbook, date and
/// policy always give the same scorecards.
package enum Evaluator {
  /// - Parameter today: the build date, `YYYY-MM-DD`, against which acceptances expire.
  /// - Parameter cadence: the workload's review cadence, given for its latest release only: an
  ///   overdue review fails that release when the policy says so.
  package static func scorecard(
    for review: Review, of workload: Workload, in set: QuestionSet, today: String, policy: GatePolicy,
    cadence: ReviewCadence? = nil
  ) -> Scorecard {
    let rank = set.level(workload.classification.id)?.rank ?? 0
    let questions = set.questions.map { question in
      evaluate(
        question, answer: review.answer(for: question.id), acceptances: review.acceptances, classificationRank: rank,
        set: set, today: today)
    }
    let risks = questions.compactMap(\.risk)
    let highRisks = risks.count { $0 == .high }
    let mediumRisks = risks.count { $0 == .medium }
    let unanswered = questions.count { !$0.isAnswered }
    let expired = review.acceptances.filter { $0.expires < today }
    let families = ControlFamily.allCases.compactMap { family -> GroupResult? in
      let members = questions.filter { $0.question.control == family }
      guard !members.isEmpty else { return nil }
      return GroupResult(
        id: family.rawValue, title: family.title, questionIDs: members.map(\.question.id), status: status(of: members))
    }
    var reasons: [String] = []
    // Fails closed: an answer file that answers nothing is not a review, whatever the policy.
    if unanswered == questions.count && !questions.isEmpty { reasons.append("answers no question") }
    // Required practices that are not in place, accepted risks included: this switch is how an
    // organisation says a required control can not be accepted away.
    let missingRequired = questions.flatMap(\.practices).count { practice in
      guard practice.isRequired else { return false }
      switch practice.state {
      case .implemented, .notApplicable, .unanswered: return false
      default: return true
      }
    }
    if policy.failOnHigh && highRisks > 0 { reasons.append("\(highRisks) high-risk issue\(highRisks == 1 ? "" : "s")") }
    if policy.failOnMedium && mediumRisks > 0 {
      reasons.append("\(mediumRisks) medium-risk issue\(mediumRisks == 1 ? "" : "s")")
    }
    if policy.failOnUnanswered && unanswered > 0 && unanswered < questions.count {
      reasons.append("\(unanswered) unanswered question\(unanswered == 1 ? "" : "s")")
    }
    if policy.failOnMissingRequired && missingRequired > 0 {
      reasons.append("\(missingRequired) missing required practice\(missingRequired == 1 ? "" : "s")")
    }
    let outdated = review.questionSetVersion.map { $0.id != set.lens.version } ?? false
    if policy.failOnOutdated && outdated {
      reasons.append("answers written against question set \(review.questionSetVersion?.id ?? "")")
    }
    if policy.failOnExpiredAcceptance && !expired.isEmpty {
      reasons.append("\(expired.count) expired risk acceptance\(expired.count == 1 ? "" : "s")")
    }
    let level = set.level(workload.classification.id)
    if let from = policy.failOnAcceptedRequiredFrom.flatMap({ set.level($0) }), let level, level.rank >= from.rank {
      let accepted = questions.flatMap(\.practices).filter { practice in
        switch practice.state {
        case .riskAccepted, .acceptanceExpired: practice.isRequired
        default: false
        }
      }.map(\.practice.id)
      if !accepted.isEmpty {
        reasons.append(
          "\(accepted.count) required practice\(accepted.count == 1 ? "" : "s") risk-accepted at \(from.title) or above (\(listed(accepted)))"
        )
      }
    }
    if policy.failOnUnevidenced, let level, set.requiresEvidence(at: level) {
      let bare = Evidence.unevidenced(in: review).map(\.practiceID)
      if !bare.isEmpty {
        reasons.append(
          "\(bare.count) practice\(bare.count == 1 ? "" : "s") ticked with no evidence (\(listed(bare)))")
      }
    }
    if policy.failOnOverdueReview, let cadence, cadence.isOverdue {
      reasons.append(
        "review overdue: last reviewed \(cadence.lastReviewed), \(cadence.daysSince) days ago (every \(cadence.reviewEvery) days at this classification)"
      )
    }
    // An objective about the gate agrees with the gate: a release that fails it never meets it.
    let objectives = set.objectives.map { objective in
      let members = questions.filter { result in result.question.objectives.contains { $0.id == objective.id } }
      let status = objective.isAboutTheGate && !reasons.isEmpty ? .gateFails : status(of: members)
      return GroupResult(
        id: objective.id, title: objective.title, questionIDs: members.map(\.question.id), status: status)
    }
    return Scorecard(
      workloadID: workload.id, release: review.release, classification: workload.classification.id,
      questions: questions,
      highRisks: highRisks, mediumRisks: mediumRisks, lowRisks: risks.count { $0 == .low }, unanswered: unanswered,
      score: score(questions), families: families, objectives: objectives,
      gate: GateVerdict(passes: reasons.isEmpty, reasons: reasons), expiredAcceptances: expired,
      isOutdated: outdated)
  }

  /// Ids for a verdict's reason: the first five, then how many more (a reason is one line).
  static func listed(_ ids: [String]) -> String {
    ids.count <= 5 ? ids.joined(separator: ", ") : ids.prefix(5).joined(separator: ", ") + " and \(ids.count - 5) more"
  }

  static func evaluate(
    _ question: Question, answer: QuestionAnswer?, acceptances: [Acceptance], classificationRank: Int, set: QuestionSet,
    today: String
  ) -> QuestionResult {
    let practices = question.practices.map { practice -> PracticeResult in
      let required = practice.requiredFrom.flatMap { set.level($0.id) }.map { $0.rank <= classificationRank } ?? false
      let given = answer?.practices.first { $0.practiceID == practice.id }
      let state: PracticeState
      switch (answer, given?.mark) {
      case (nil, _): state = .unanswered
      case (_, nil): state = .notListed
      case (_, .implemented?): state = .implemented
      case (_, .notApplicable(let reason)?): state = .notApplicable(reason: reason)
      case (_, .missing?):
        if let acceptance = acceptances.first(where: { $0.practice.id == practice.id }) {
          state = acceptance.expires < today ? .acceptanceExpired(acceptance) : .riskAccepted(acceptance)
        } else {
          state = .missing
        }
      }
      return PracticeResult(
        practice: practice, state: state, isRequired: required, risk: required ? .high : practice.risk, answer: given)
    }
    var open = practices.filter(\.isOpen).map(\.risk).max()
    if answer != nil, !question.riskRules.isEmpty {
      // The lens's rules decide, over the practices in place (implemented, not applicable or
      // risk-accepted: none of them leaves a risk open); a required practice still missing at the
      // workload's classification stays high whatever the rules say.
      let inPlace = Set(practices.filter { !$0.isOpen }.map(\.practice.id))
      let ruled = RiskRule.risk(of: question.riskRules) { inPlace.contains($0) } ?? open ?? Risk.none
      let required = practices.contains { $0.isRequired && $0.isOpen } ? Risk.high : Risk.none
      open = max(ruled, required)
    }
    let risk: Risk? = answer == nil ? open : open ?? Risk.none
    return QuestionResult(question: question, answer: answer, practices: practices, risk: risk)
  }

  /// Implemented share of applicable practices, weighted by risk (high 3, medium 2, low 1).
  /// Practices of unanswered questions count as applicable and not implemented; the share is
  /// rounded down so that 100 always means everything applicable is implemented.
  static func score(_ questions: [QuestionResult]) -> Int? {
    var earned = 0
    var possible = 0
    for result in questions.flatMap(\.practices) {
      if case .notApplicable = result.state { continue }
      possible += result.risk.weight
      if result.state == .implemented { earned += result.risk.weight }
    }
    return possible == 0 ? nil : earned * 100 / possible
  }

  static func status(of members: [QuestionResult]) -> GroupStatus {
    guard !members.isEmpty else { return .notMeasured }
    let worst = members.compactMap(\.risk).max() ?? Risk.none
    if worst == .high { return .highRisk }
    if members.contains(where: { !$0.isAnswered }) { return .unanswered }
    switch worst {
    case .none: return .met
    case .low: return .lowRisk
    case .medium: return .mediumRisk
    case .high: return .highRisk
    }
  }
}
