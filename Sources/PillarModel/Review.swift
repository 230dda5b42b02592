import PillarDiagnostics

/// How a practice is marked in an answer file's checklist.
public enum Mark: Sendable, Hashable {
  case implemented
  case missing
  case notApplicable(reason: String)
}

/// One checklist line: `- [x] SEC03-BP02 Grant least privilege access`.
public struct PracticeAnswer: Sendable, Hashable {
  public var practiceID: String
  public var mark: Mark
  /// Lines indented under the item: evidence for this one practice.
  public var note: MarkdownText?
  public var location: SourceLocation

  public init(practiceID: String, mark: Mark, note: MarkdownText?, location: SourceLocation) {
    self.practiceID = practiceID
    self.mark = mark
    self.note = note
    self.location = location
  }
}

/// The section of an answer file that answers one question.
public struct QuestionAnswer: Sendable, Hashable {
  public var questionID: String
  public var practices: [PracticeAnswer]
  public var notes: MarkdownText
  public var location: SourceLocation

  public init(questionID: String, practices: [PracticeAnswer], notes: MarkdownText, location: SourceLocation) {
    self.questionID = questionID
    self.practices = practices
    self.notes = notes
    self.location = location
  }
}

/// An item of the improvement plan.
public struct Improvement: Sendable, Hashable {
  public var practice: Reference
  public var owner: String
  public var due: String
  public var note: String

  public init(practice: Reference, owner: String, due: String, note: String) {
    self.practice = practice
    self.owner = owner
    self.due = due
    self.note = note
  }
}

/// A risk somebody with the authority to do so has accepted, until it expires.
public struct Acceptance: Sendable, Hashable {
  public var practice: Reference
  public var approver: String
  public var reason: String
  public var expires: String

  public init(practice: Reference, approver: String, reason: String, expires: String) {
    self.practice = practice
    self.approver = approver
    self.reason = reason
    self.expires = expires
  }
}

/// An answer file: a workload's answers at one release (a milestone).
public struct Review: Sendable {
  public var workloadID: String
  public var release: String
  /// `YYYY-MM-DD`.
  public var reviewed: String
  public var reviewers: [String]
  /// The question set version the file says it answers, and where it says so.
  public var questionSetVersion: Reference?
  public var summary: MarkdownText
  public var answers: [QuestionAnswer]
  public var improvements: [Improvement]
  public var acceptances: [Acceptance]
  public var location: SourceLocation
  /// Where the `reviewed` date is written, for diagnostics about it.
  public var reviewedLocation: SourceLocation

  public init(
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

  public func answer(for questionID: String) -> QuestionAnswer? { answers.first { $0.questionID == questionID } }
}
