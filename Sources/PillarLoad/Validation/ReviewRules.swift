import PillarDiagnostics
import PillarModel

/// Cross-file checks of one answer file against the question set.
enum ReviewRules {
  // Small arrays searched in order rather than dictionaries: a question has a dozen practices at
  // most, and hashing every id of every answer file was most of this check's time.
  static func check(_ review: Review, in set: QuestionSet) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let owner = set.practiceQuestions
    var answered: [(id: String, location: SourceLocation)] = []
    var marks: [(id: String, mark: Mark)] = []
    for answer in review.answers {
      guard let question = set.question(answer.questionID) else {
        let questionIDs = set.questions.map(\.id)
        diagnostics.append(
          .error(
            "unknown-question",
            "section '\(answer.questionID)' answers no question of the set\(Suggestion.didYouMean(answer.questionID, in: questionIDs)) (a section heading starts with a question id, as in '## \(questionIDs.first ?? "SEC01") …')",
            at: answer.location))
        continue
      }
      if let first = answered.first(where: { $0.id == question.id }) {
        diagnostics.append(
          .error(
            "duplicate-answer", "question \(question.id) is answered twice; first at line \(first.location.line)",
            at: answer.location))
        continue
      }
      answered.append((question.id, answer.location))
      var listed: [(id: String, location: SourceLocation)] = []
      for practice in answer.practices {
        if let first = listed.first(where: { $0.id == practice.practiceID }) {
          diagnostics.append(
            .error(
              "duplicate-practice",
              "practice \(practice.practiceID) is listed twice; first at line \(first.location.line)",
              at: practice.location))
          continue
        }
        listed.append((practice.practiceID, practice.location))
        guard question.practices.contains(where: { $0.id == practice.practiceID }) else {
          let hint: String
          if let home = owner[practice.practiceID] {
            hint = "; it belongs to \(home), move it to the '## \(home)' section"
          } else {
            hint = Suggestion.didYouMean(practice.practiceID, in: question.practices.map(\.id))
          }
          diagnostics.append(
            .error(
              "unknown-practice", "\(question.id) has no practice '\(practice.practiceID)'\(hint)",
              at: practice.location))
          continue
        }
        marks.append((practice.practiceID, practice.mark))
      }
      for practice in question.practices where !listed.contains(where: { $0.id == practice.id }) {
        diagnostics.append(
          .warning(
            "unanswered-practice",
            "practice \(practice.id) (\(practice.title)) is not in the checklist and counts as missing; add it to the checklist as '- [ ] \(practice.id) \(practice.title)', or tick it [x] or [n/a] with a reason",
            at: answer.location))
      }
    }
    for improvement in review.improvements where owner[improvement.practice.id] == nil {
      diagnostics.append(
        .error(
          "unknown-practice",
          "improvement names unknown practice '\(improvement.practice.id)'\(Suggestion.didYouMean(improvement.practice.id, in: owner.keys))",
          at: improvement.practice.location))
    }
    for acceptance in review.acceptances {
      let id = acceptance.practice.id
      guard owner[id] != nil else {
        diagnostics.append(
          .error(
            "unknown-practice", "acceptance names unknown practice '\(id)'\(Suggestion.didYouMean(id, in: owner.keys))",
            at: acceptance.practice.location))
        continue
      }
      if let mark = marks.first(where: { $0.id == id })?.mark, mark != .missing {
        diagnostics.append(
          .warning(
            "acceptance-not-missing", "acceptance for \(id) has no effect: the practice is not marked '[ ]'",
            at: acceptance.practice.location))
      }
      // Accepted on a day it had already run out: the risk was open when the review was signed.
      if DateText.isValid(review.reviewed), acceptance.expires < review.reviewed {
        diagnostics.append(
          .warning(
            "acceptance-expired-at-review",
            "acceptance for \(id) expired on \(acceptance.expires), before this review of \(review.reviewed); renew it with a new expiry and approval, or remove it",
            at: acceptance.practice.location))
      }
    }
    diagnostics += WorkbookValidator.duplicates(
      review.acceptances, id: \.practice.id, location: \.practice.location, what: "acceptance for practice")
    return diagnostics
  }
}
