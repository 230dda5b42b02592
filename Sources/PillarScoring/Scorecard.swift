import PillarModel

/// What a practice amounts to in one release, after acceptances and their expiry are applied.
package enum PracticeState: Sendable, Hashable {
  case implemented
  case missing
  case notApplicable(reason: String)
  case riskAccepted(Acceptance)
  /// An acceptance past its expiry date: the practice counts as missing again.
  case acceptanceExpired(Acceptance)
  /// The question was answered but this practice was left out of its checklist: counts as missing.
  case notListed
  /// The question has no answer at all.
  case unanswered

  /// Whether the risk of the practice is open.
  package var isOpen: Bool {
    switch self {
    case .missing, .acceptanceExpired, .notListed: true
    case .implemented, .notApplicable, .riskAccepted, .unanswered: false
    }
  }

  package var name: String {
    switch self {
    case .implemented: "implemented"
    case .missing: "missing"
    case .notApplicable: "not-applicable"
    case .riskAccepted: "risk-accepted"
    case .acceptanceExpired: "acceptance-expired"
    case .notListed: "not-listed"
    case .unanswered: "unanswered"
    }
  }
}

package struct PracticeResult: Sendable {
  package var practice: BestPractice
  package var state: PracticeState
  /// Required at the workload's classification (`required-from` at or below it).
  package var isRequired: Bool
  /// The risk left open by this practice: its own level, raised to high when it is required.
  package var risk: Risk
  package var answer: PracticeAnswer?

  /// Whether the practice leaves its risk open: by its state, or as a practice the workload's
  /// classification requires whose question is unanswered (a required control that nobody
  /// vouched for is missing, so leaving the question out never hides it).
  package var isOpen: Bool { state.isOpen || (isRequired && state == .unanswered) }
}

package struct QuestionResult: Sendable {
  package var question: Question
  package var answer: QuestionAnswer?
  package var practices: [PracticeResult]
  /// nil when the question is unanswered: unanswered is never "no risk". An unanswered question
  /// that holds a practice required at the workload's classification is high.
  package var risk: Risk?

  package var isAnswered: Bool { answer != nil }
}

/// A status for a group of questions (a control family, an objective): the worst risk among
/// them, or unanswered when any is unanswered and none is high.
package enum GroupStatus: String, Sendable, Hashable, Codable {
  case met
  case lowRisk = "low-risk"
  case mediumRisk = "medium-risk"
  case highRisk = "high-risk"
  case unanswered
  case notMeasured = "not-measured"
  /// An objective about the gate, in a release that fails the gate.
  case gateFails = "gate-fails"

  package var title: String {
    switch self {
    case .met: "Met"
    case .lowRisk: "Met, low risks"
    case .mediumRisk: "Medium risks"
    case .highRisk: "High risks"
    case .unanswered: "Unanswered"
    case .notMeasured: "Not measured"
    case .gateFails: "Fails the gate"
    }
  }

  /// Met means every measuring question is answered and none leaves a medium or high risk.
  package var isMet: Bool { self == .met || self == .lowRisk }
}

package struct GroupResult: Sendable {
  package var id: String
  package var title: String
  package var questionIDs: [String]
  package var status: GroupStatus
}

package struct GateVerdict: Sendable, Hashable {
  package var passes: Bool
  /// Why it fails, one line each, for people.
  package var reasons: [String]
}

/// A release's scorecard.
package struct Scorecard: Sendable {
  package var workloadID: String
  package var release: String
  package var classification: String
  package var questions: [QuestionResult]
  /// High-risk issues: questions whose risk is high, counted once per question.
  package var highRisks: Int
  /// Medium-risk issues: questions whose risk is medium.
  package var mediumRisks: Int
  package var lowRisks: Int
  package var unanswered: Int
  /// 0–100, nil when no practice applies.
  package var score: Int?
  package var families: [GroupResult]
  package var objectives: [GroupResult]
  package var gate: GateVerdict
  package var expiredAcceptances: [Acceptance]
  /// The answer file names an older question set version than the current one.
  package var isOutdated: Bool
}
