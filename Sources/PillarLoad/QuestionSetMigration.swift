import PillarDiagnostics
import PillarModel

/// Carries an answer file written against an older version of the question set over to the
/// current one: renamed practice ids are renamed and moved to the question that now owns them,
/// and the file is reported with the exact edits that bring it up to date.
package enum QuestionSetMigration {
  package static func migrate(_ review: inout Review, to set: QuestionSet) -> [Diagnostic] {
    let current = set.lens.version
    guard let written = review.questionSetVersion, written.id != current, !current.isEmpty else { return [] }
    guard let steps = VersionMapping.chain(from: written.id, to: current, in: set.mappings) else {
      return [
        .warning(
          "outdated-question-set",
          "answers were written against question set \(written.id) and no mapping in questions/mappings.md leads to \(current); review them against \(current) and set question-set: \"\(current)\"",
          at: written.location)
      ]
    }
    var owner: [String: String] = [:]
    for question in set.questions {
      for practice in question.practices { owner[practice.id] = question.id }
    }
    var edits: [String] = []
    var moved: [String: [PracticeAnswer]] = [:]
    for index in review.answers.indices {
      var kept: [PracticeAnswer] = []
      for var answer in review.answers[index].practices {
        let renamed = VersionMapping.rename(answer.practiceID, through: steps)
        if renamed != answer.practiceID {
          edits.append("\(answer.practiceID) → \(renamed) (line \(answer.location.line))")
          answer.practiceID = renamed
        }
        if let home = owner[renamed], home != review.answers[index].questionID {
          moved[home, default: []].append(answer)
        } else {
          kept.append(answer)
        }
      }
      review.answers[index].practices = kept
    }
    for (questionID, answers) in moved.sorted(by: { $0.key < $1.key }) {
      if let index = review.answers.firstIndex(where: { $0.questionID == questionID }) {
        review.answers[index].practices += answers
      } else {
        review.answers.append(
          QuestionAnswer(
            questionID: questionID, practices: answers, notes: MarkdownText("", at: review.location),
            location: review.location))
      }
    }
    for index in review.improvements.indices {
      review.improvements[index].practice.id = VersionMapping.rename(
        review.improvements[index].practice.id, through: steps)
    }
    for index in review.acceptances.indices {
      review.acceptances[index].practice.id = VersionMapping.rename(
        review.acceptances[index].practice.id, through: steps)
    }
    let fix = edits.isEmpty ? "no practice id changed for this file" : "rename \(edits.joined(separator: ", "))"
    return [
      .warning(
        "outdated-question-set",
        "answers were written against question set \(written.id), the set is now \(current): set question-set: \"\(current)\" and \(fix)",
        at: written.location)
    ]
  }
}
