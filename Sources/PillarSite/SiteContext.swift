import PillarModel
import PillarScoring

/// What every page knows besides its own subject: the question set, the build date and the
/// gate policy its verdicts were reached under.
package struct SiteContext: Sendable {
  package var questionSet: QuestionSet
  package var today: String
  package var policy: GatePolicy

  package init(questionSet: QuestionSet, today: String, policy: GatePolicy) {
    self.questionSet = questionSet
    self.today = today
    self.policy = policy
  }
}
