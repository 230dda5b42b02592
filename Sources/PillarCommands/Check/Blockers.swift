import PillarDiagnostics
import PillarModel
import PillarScoring

/// What keeps a failing release off the path to production, each at its place in the answer
/// file, so the person who reads a red check knows what to change: the open practices the policy
/// fails on (with the release they regressed since, when they did) and the unanswered questions.
struct Blocker {
  var location: SourceLocation
  var text: String

  /// How any blocking practice passes, said once under the list.
  static let waysToPass =
    "to pass, for each practice: implement it and mark it [x]; or mark it [n/a] with why it does not apply; or record a risk acceptance (practice, approver, reason, expires) in the front matter. Answer each question with its '## ID' section."

  static func all(for target: CheckOutcome.Target, policy: GatePolicy, siteURL: String?) -> [Blocker] {
    let card = target.card
    let file = target.review.location.path
    let previous = target.index > 0 ? target.result.scorecards[target.index - 1] : nil
    let level = target.result.workload.classification.id
    var blockers: [Blocker] = []
    for question in card.questions {
      if !question.isAnswered && (policy.failOnUnanswered || question.risk == .high) {
        blockers.append(
          Blocker(
            location: SourceLocation(path: file),
            text:
              "\(question.question.id) \(question.question.title): unanswered; add its '## \(question.question.id)' section"
          ))
      }
      for practice in question.practices where blocks(practice, policy: policy) {
        var words = ["\(practice.state.name), \(practice.risk.name) risk"]
        if practice.isRequired { words.append("required at \(level)") }
        if let release = regressedSince(previous, practice: practice.practice.id, of: question.question.id) {
          words.append("regressed since \(release)")
        }
        let guidance = (siteURL ?? "") + "questions/\(question.question.id).html#\(practice.practice.id)"
        blockers.append(
          Blocker(
            location: practice.answer?.location ?? question.answer?.location ?? SourceLocation(path: file),
            text:
              "\(practice.practice.id) \(practice.practice.title): \(words.joined(separator: ", ")); guidance: \(guidance)"
          ))
      }
    }
    return blockers
  }

  /// The earlier release when the practice was implemented there (an open practice that was is a
  /// regression), or nil.
  static func regressedSince(_ previous: Scorecard?, practice: String, of question: String) -> String? {
    let was = previous?.questions.first { $0.question.id == question }?.practices
      .contains { $0.practice.id == practice && $0.state == .implemented }
    return was == true ? previous?.release : nil
  }

  /// Whether an open practice is one the policy fails the release on.
  static func blocks(_ practice: PracticeResult, policy: GatePolicy) -> Bool {
    let notInPlace: Bool
    switch practice.state {
    case .implemented, .notApplicable, .unanswered: notInPlace = false
    default: notInPlace = true
    }
    if policy.failOnMissingRequired && practice.isRequired && notInPlace { return true }
    guard practice.isOpen, practice.state != .unanswered else { return false }
    if case .acceptanceExpired = practice.state, policy.failOnExpiredAcceptance { return true }
    return (policy.failOnHigh && practice.risk == .high) || (policy.failOnMedium && practice.risk == .medium)
  }
}
