import Foundation
import PillarModel
import PillarScoring

/// A scorecard as plain, encodable values: the shape of `pillar check --format json`,
/// `pillar export` and the site's `data/` files, documented in docs/schemas/.
package struct ScorecardRecord: Codable, Sendable, Equatable {
  package struct Gate: Codable, Sendable, Equatable {
    package var passes: Bool
    package var reasons: [String]
  }

  package struct Practice: Codable, Sendable, Equatable {
    package var id: String
    package var title: String
    package var state: State
    /// The risk left open when missing, after classification escalation.
    package var risk: RiskName
    package var required: Bool
    package var reason: String?
    /// The checklist line in the answer file, when the practice is listed.
    package var line: Int?
  }

  package struct Question: Codable, Sendable, Equatable {
    package var id: String
    package var title: String
    package var control: String
    package var risk: RiskName
    package var practices: [Practice]
  }

  package struct Group: Codable, Sendable, Equatable {
    package var id: String
    package var title: String
    package var status: GroupStatus
  }

  /// A practice's state as records, exports and the cache name it.
  package enum State: String, Codable, Sendable, Equatable {
    case implemented
    case missing
    case notApplicable = "not-applicable"
    case riskAccepted = "risk-accepted"
    case acceptanceExpired = "acceptance-expired"
    case notListed = "not-listed"
    case unanswered

    /// Whether the practice's risk is open: by its state, or as a required practice of an
    /// unanswered question (as `PracticeResult.isOpen` decides).
    package func isOpen(required: Bool) -> Bool {
      switch self {
      case .missing, .acceptanceExpired, .notListed: true
      case .unanswered: required
      case .implemented, .notApplicable, .riskAccepted: false
      }
    }
  }

  /// A risk by name: a practice's risk if missing, or a question's risk (`unanswered` for a
  /// question with no answer and no open required practice).
  package enum RiskName: String, Codable, Sendable, Equatable {
    case none
    case low
    case medium
    case high
    case unanswered

    package init(_ risk: Risk?) {
      switch risk {
      case nil: self = .unanswered
      case .none?: self = .none
      case .low?: self = .low
      case .medium?: self = .medium
      case .high?: self = .high
      }
    }

    package var risk: Risk? {
      switch self {
      case .none: Risk.none
      case .low: .low
      case .medium: .medium
      case .high: .high
      case .unanswered: nil
      }
    }
  }

  package var workload: String
  package var name: String
  package var owner: String
  package var classification: String
  package var release: String
  package var reviewed: String
  package var file: String
  package var questionSet: String?
  package var latest: Bool
  package var score: Int?
  package var highRisks: Int
  package var mediumRisks: Int
  package var lowRisks: Int
  package var unanswered: Int
  package var gate: Gate
  package var controlFamilies: [Group]
  package var objectives: [Group]
  package var questions: [Question]

  package init(_ card: Scorecard, review: Review, workload: Workload, latest: Bool) {
    self.workload = workload.id
    self.name = workload.name
    self.owner = workload.owner
    self.classification = workload.classification.id
    self.release = card.release
    self.reviewed = review.reviewed
    self.file = review.location.path
    self.questionSet = review.questionSetVersion?.id
    self.latest = latest
    self.score = card.score
    self.highRisks = card.highRisks
    self.mediumRisks = card.mediumRisks
    self.lowRisks = card.lowRisks
    self.unanswered = card.unanswered
    self.gate = Gate(passes: card.gate.passes, reasons: card.gate.reasons)
    self.controlFamilies = card.families.map { Group(id: $0.id, title: $0.title, status: $0.status) }
    self.objectives = card.objectives.map { Group(id: $0.id, title: $0.title, status: $0.status) }
    self.questions = card.questions.map { result in
      Question(
        id: result.question.id, title: result.question.title, control: result.question.control.rawValue,
        risk: RiskName(result.risk),
        practices: result.practices.map { practice in
          var reason: String?
          switch practice.state {
          case .notApplicable(let text): reason = text
          case .riskAccepted(let acceptance), .acceptanceExpired(let acceptance): reason = acceptance.reason
          default: reason = nil
          }
          return Practice(
            id: practice.practice.id, title: practice.practice.title, state: State(rawValue: practice.state.name)!,
            risk: RiskName(practice.risk),
            required: practice.isRequired, reason: reason, line: practice.answer?.location.line)
        })
    }
  }

  /// Every workload's latest release, or every release.
  package static func records(_ evaluation: Evaluation, allReleases: Bool) -> [ScorecardRecord] {
    evaluation.workloads.flatMap { result in
      let indices =
        allReleases
        ? Array(result.scorecards.indices) : (result.scorecards.isEmpty ? [] : [result.scorecards.count - 1])
      return indices.map { index in
        ScorecardRecord(
          result.scorecards[index], review: result.workload.reviews[index], workload: result.workload,
          latest: index == result.scorecards.count - 1)
      }
    }
  }

  /// Sorted keys and no escaped slashes: stable bytes, so published data diffs cleanly.
  package static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }
}
