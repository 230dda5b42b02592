import PillarModel

/// What a practice amounts to in one release, after acceptances and their expiry are applied.
public enum PracticeState: Sendable, Hashable {
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
  public var isOpen: Bool {
    switch self {
    case .missing, .acceptanceExpired, .notListed: true
    case .implemented, .notApplicable, .riskAccepted, .unanswered: false
    }
  }

  public var name: String {
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

public struct PracticeResult: Sendable {
  public var practice: BestPractice
  public var state: PracticeState
  /// Required at the workload's classification (`required-from` at or below it).
  public var isRequired: Bool
  /// The risk left open by this practice: its own level, raised to high when it is required.
  public var risk: Risk
  public var answer: PracticeAnswer?

  /// Whether the practice leaves its risk open: by its state, or as a practice the workload's
  /// classification requires whose question is unanswered (a required control that nobody
  /// vouched for is missing, so leaving the question out never hides it).
  public var isOpen: Bool { state.isOpen || (isRequired && state == .unanswered) }
}

public struct QuestionResult: Sendable {
  public var question: Question
  public var answer: QuestionAnswer?
  public var practices: [PracticeResult]
  /// nil when the question is unanswered: unanswered is never "no risk". An unanswered question
  /// that holds a practice required at the workload's classification is high.
  public var risk: Risk?

  public var isAnswered: Bool { answer != nil }
}

/// A status for a group of questions (a control family, an objective): the worst risk among
/// them, or unanswered when any is unanswered and none is high.
public enum GroupStatus: String, Sendable, Hashable {
  case met
  case lowRisk = "low-risk"
  case mediumRisk = "medium-risk"
  case highRisk = "high-risk"
  case unanswered
  case notMeasured = "not-measured"
  /// An objective about the gate, in a release that fails the gate.
  case gateFails = "gate-fails"

  public var title: String {
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
  public var isMet: Bool { self == .met || self == .lowRisk }
}

public struct GroupResult: Sendable {
  public var id: String
  public var title: String
  public var questionIDs: [String]
  public var status: GroupStatus
}

public struct GateVerdict: Sendable, Hashable {
  public var passes: Bool
  /// Why it fails, one line each, for people.
  public var reasons: [String]
}

/// A release's scorecard.
public struct Scorecard: Sendable {
  public var workloadID: String
  public var release: String
  public var classification: String
  public var questions: [QuestionResult]
  /// High-risk issues: questions whose risk is high, counted once per question.
  public var highRisks: Int
  /// Medium-risk issues: questions whose risk is medium.
  public var mediumRisks: Int
  public var lowRisks: Int
  public var unanswered: Int
  /// 0–100, nil when no practice applies.
  public var score: Int?
  public var families: [GroupResult]
  public var objectives: [GroupResult]
  public var gate: GateVerdict
  public var expiredAcceptances: [Acceptance]
  /// The answer file names an older question set version than the current one.
  public var isOutdated: Bool
}
