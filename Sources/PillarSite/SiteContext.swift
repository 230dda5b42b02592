import PillarModel
import PillarScoring

/// What every page knows besides its own subject: the question set and the build date.
public struct SiteContext: Sendable {
  public var questionSet: QuestionSet
  public var today: String

  public init(questionSet: QuestionSet, today: String) {
    self.questionSet = questionSet
    self.today = today
  }
}
