import Foundation
import PillarModel

/// A scorecard as plain, encodable values: the shape of `pillar check --format json`,
/// `pillar export` and the site's `data/` files, documented in docs/schemas/.
public struct ScorecardRecord: Codable, Sendable, Equatable {
  public struct Gate: Codable, Sendable, Equatable {
    public var passes: Bool
    public var reasons: [String]
  }

  public struct Practice: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// implemented, missing, not-applicable, risk-accepted, acceptance-expired, not-listed, unanswered
    public var state: String
    /// The risk left open when missing, after classification escalation.
    public var risk: String
    public var required: Bool
    public var reason: String?
    /// The checklist line in the answer file, when the practice is listed.
    public var line: Int?
  }

  public struct Question: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var control: String
    /// none, low, medium, high or unanswered
    public var risk: String
    public var practices: [Practice]
  }

  public struct Group: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var status: String
  }

  public var workload: String
  public var name: String
  public var owner: String
  public var classification: String
  public var release: String
  public var reviewed: String
  public var file: String
  public var questionSet: String?
  public var latest: Bool
  public var score: Int?
  public var highRisks: Int
  public var mediumRisks: Int
  public var lowRisks: Int
  public var unanswered: Int
  public var gate: Gate
  public var controlFamilies: [Group]
  public var objectives: [Group]
  public var questions: [Question]

  public init(_ card: Scorecard, review: Review, workload: Workload, latest: Bool) {
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
    self.controlFamilies = card.families.map { Group(id: $0.id, title: $0.title, status: $0.status.rawValue) }
    self.objectives = card.objectives.map { Group(id: $0.id, title: $0.title, status: $0.status.rawValue) }
    self.questions = card.questions.map { result in
      Question(
        id: result.question.id, title: result.question.title, control: result.question.control.rawValue,
        risk: result.risk?.name ?? "unanswered",
        practices: result.practices.map { practice in
          var reason: String?
          switch practice.state {
          case .notApplicable(let text): reason = text
          case .riskAccepted(let acceptance), .acceptanceExpired(let acceptance): reason = acceptance.reason
          default: reason = nil
          }
          return Practice(
            id: practice.practice.id, title: practice.practice.title, state: practice.state.name,
            risk: practice.risk.name,
            required: practice.isRequired, reason: reason, line: practice.answer?.location.line)
        })
    }
  }

  /// Every workload's latest release, or every release.
  public static func records(_ evaluation: Evaluation, allReleases: Bool) -> [ScorecardRecord] {
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
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }
}
