import PillarModel
import PillarScoring

/// What every page knows besides its own subject: the question set, the build date and the
/// gate policy its verdicts were reached under.
public struct SiteContext: Sendable {
  public var questionSet: QuestionSet
  public var today: String
  public var policy: GatePolicy

  public init(questionSet: QuestionSet, today: String, policy: GatePolicy) {
    self.questionSet = questionSet
    self.today = today
    self.policy = policy
  }
}
