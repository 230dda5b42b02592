import PillarModel
import PillarScoring

/// What every page knows besides its own subject: the question set, the build date and the
/// gate policy its verdicts were reached under.
package struct SiteContext: Sendable {
  package var questionSet: QuestionSet
  package var today: String
  package var policy: GatePolicy
  /// Each practice's framework references in words ("NIST CSF 2.0 PR.AA-01 · CIS v8 6.3"), made
  /// once: every scorecard shows them.
  package let references: [String: String]
  /// The evidence files of this build (`docs/evidence.md`).
  package var evidenceSources: [EvidenceIndex.Source] = []

  package init(questionSet: QuestionSet, today: String, policy: GatePolicy) {
    self.questionSet = questionSet
    self.today = today
    self.policy = policy
    var references: [String: String] = [:]
    for practice in questionSet.questions.flatMap(\.practices) where !practice.references.isEmpty {
      references[practice.id] = practice.references.map { reference in
        "\(questionSet.framework(reference.framework)?.shortTitle ?? reference.framework) \(reference.control)"
      }.joined(separator: " · ")
    }
    self.references = references
  }
}
