import PillarDiagnostics
import PillarModel
import PillarScoring

/// Everything a check reports at a place in a file: each diagnostic, and each open risk of a
/// checked release at its checklist line. What the GitHub and SARIF formats print.
struct Finding {
  enum Level: String {
    case error
    case warning
    case note
  }

  /// A practice id for a risk, a diagnostic id otherwise.
  var ruleID: String
  var level: Level
  var title: String
  var message: String
  var location: SourceLocation
  /// Set for risks: the practice the rule is about.
  var practice: BestPractice?
  var questionID: String?

  static func all(_ outcome: CheckOutcome) -> [Finding] {
    var findings = outcome.diagnostics.map { diagnostic in
      Finding(
        ruleID: diagnostic.id,
        level: diagnostic.severity == .error ? .error : diagnostic.severity == .warning ? .warning : .note,
        title: diagnostic.id, message: diagnostic.summary, location: diagnostic.location)
    }
    for target in outcome.targets {
      let file = target.review.location.path
      let level = target.result.workload.classification.id
      for question in target.card.questions {
        guard let answer = question.answer else {
          // Blocking when the policy fails on unanswered questions, or when the question holds a
          // practice the classification requires (that counts as a missing high-risk practice).
          let required = question.practices.filter(\.isOpen).map(\.practice.id)
          let blocks = outcome.checked.config.policy.failOnUnanswered || !required.isEmpty
          let why =
            required.isEmpty
            ? ""
            : "; it holds \(required.joined(separator: ", ")), required at the \(level) classification, so it is a high risk"
          findings.append(
            Finding(
              ruleID: "unanswered-question", level: blocks ? .error : .warning,
              title: "\(question.question.id) unanswered",
              message:
                "\(question.question.id) \(question.question.title) is not answered; an unanswered question is never 'no risk'\(why)",
              location: target.review.location))
          continue
        }
        for practice in question.practices where practice.isOpen {
          let why =
            switch practice.state {
            case .acceptanceExpired(let acceptance): "its risk acceptance expired on \(acceptance.expires)"
            case .notListed: "it is not in the checklist"
            default: "it is marked missing"
            }
          let required = practice.isRequired ? ", required at the \(level) classification" : ""
          // Which annotations block the release, and how each passes, is said on the annotation.
          let blocks = Blocker.blocks(practice, policy: outcome.checked.evaluation.policy)
          let previous = target.index > 0 ? target.result.scorecards[target.index - 1] : nil
          let since =
            Blocker.regressedSince(previous, practice: practice.practice.id, of: question.question.id)
            .map { "; regressed since \($0)" } ?? ""
          let pass =
            blocks
            ? ". Blocks the release; to pass, implement it and mark it [x], mark it [n/a] with why it does not apply, or record a risk acceptance (approver, reason, expires)"
            : ""
          findings.append(
            Finding(
              ruleID: practice.practice.id,
              level: blocks || practice.risk == .high ? .error : practice.risk == .medium ? .warning : .note,
              title: "\(blocks ? "Blocks: " : "")\(practice.risk.name.capitalized) risk: \(practice.practice.id)",
              message:
                "\(practice.practice.id) \(practice.practice.title): \(why); \(practice.risk.name) risk\(required)\(since) (\(target.result.workload.id) \(target.card.release))\(pass)",
              location: practice.answer?.location
                ?? SourceLocation(path: file, line: answer.location.line, column: answer.location.column),
              practice: practice.practice, questionID: question.question.id))
        }
      }
    }
    for id in outcome.removed {
      findings.append(
        Finding(
          ruleID: "removed-workload", level: .error, title: "\(id) removed without being retired",
          message:
            "workload \(id) was removed; a workload is retired before it is removed: restore reviews/\(id)/, set 'retired: <date>' and 'retired-reason: …' in its workload.md, merge that, then remove it",
          location: SourceLocation(path: "reviews/\(id)/workload.md")))
    }
    // Everything a person reads in an annotation or a code-scanning alert, with controls and
    // bidirectional overrides shown, not obeyed.
    return findings.map { finding in
      var shown = finding
      shown.title = VisibleText.visible(finding.title)
      shown.message = VisibleText.visible(finding.message)
      return shown
    }
  }
}
