import PillarDiagnostics

/// How a practice is marked in an answer file's checklist.
package enum Mark: Sendable, Hashable {
  case implemented
  case missing
  case notApplicable(reason: String)
}

/// One checklist line: `- [x] SEC03-BP02 Grant least privilege access`.
package struct PracticeAnswer: Sendable, Hashable {
  package var practiceID: String
  package var mark: Mark
  /// Lines indented under the item: evidence for this one practice.
  package var note: MarkdownText?
  package var location: SourceLocation
  /// The destinations of the links in the item (its note, mostly), read from the parser's
  /// link nodes: where a reviewer goes to see the practice in place. Empty: the tick cites no
  /// evidence.
  package var evidence: [String]

  package init(
    practiceID: String, mark: Mark, note: MarkdownText?, location: SourceLocation, evidence: [String] = []
  ) {
    self.evidence = evidence
    self.practiceID = practiceID
    self.mark = mark
    self.note = note
    self.location = location
  }
}

/// The section of an answer file that answers one question.
package struct QuestionAnswer: Sendable, Hashable {
  package var questionID: String
  package var practices: [PracticeAnswer]
  package var notes: MarkdownText
  package var location: SourceLocation

  package init(questionID: String, practices: [PracticeAnswer], notes: MarkdownText, location: SourceLocation) {
    self.questionID = questionID
    self.practices = practices
    self.notes = notes
    self.location = location
  }
}

/// An item of the improvement plan.
package struct Improvement: Sendable, Hashable {
  package var practice: Reference
  package var owner: String
  package var due: String
  package var note: String

  package init(practice: Reference, owner: String, due: String, note: String) {
    self.practice = practice
    self.owner = owner
    self.due = due
    self.note = note
  }
}

/// A risk somebody with the authority to do so has accepted, until it expires.
package struct Acceptance: Sendable, Hashable {
  package var practice: Reference
  package var approver: String
  package var reason: String
  package var expires: String

  package init(practice: Reference, approver: String, reason: String, expires: String) {
    self.practice = practice
    self.approver = approver
    self.reason = reason
    self.expires = expires
  }
}

/// An answer file: a workload's answers at one release (a milestone).
package struct Review: Sendable {
  package var workloadID: String
  package var release: String
  /// `YYYY-MM-DD`.
  package var reviewed: String
  package var reviewers: [String]
  /// The question set version the file says it answers, and where it says so.
  package var questionSetVersion: Reference?
  package var summary: MarkdownText
  package var answers: [QuestionAnswer]
  package var improvements: [Improvement]
  package var acceptances: [Acceptance]
  package var location: SourceLocation
  /// Where the `reviewed` date is written, for diagnostics about it.
  package var reviewedLocation: SourceLocation

  package init(
    workloadID: String, release: String, reviewed: String, reviewers: [String], questionSetVersion: Reference?,
    summary: MarkdownText, answers: [QuestionAnswer], improvements: [Improvement], acceptances: [Acceptance],
    location: SourceLocation, reviewedLocation: SourceLocation? = nil
  ) {
    self.reviewedLocation = reviewedLocation ?? location
    self.workloadID = workloadID
    self.release = release
    self.reviewed = reviewed
    self.reviewers = reviewers
    self.questionSetVersion = questionSetVersion
    self.summary = summary
    self.answers = answers
    self.improvements = improvements
    self.acceptances = acceptances
    self.location = location
  }

  package func answer(for questionID: String) -> QuestionAnswer? { answers.first { $0.questionID == questionID } }
}
