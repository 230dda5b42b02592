import PillarModel

/// What changed between two releases of a workload: the input of delta pages and `pillar diff`.
package struct Delta: Sendable {
  package enum Change: String, Sendable, Hashable {
    /// Open before (or not applicable), implemented now.
    case newlyImplemented = "newly-implemented"
    /// Implemented before, open now: posture went backwards.
    case regression
    /// Not open before (n/a or accepted), open now.
    case newlyMissing = "newly-missing"
    case newlyNotApplicable = "newly-not-applicable"
    /// Any other change of state, such as a missing practice becoming risk-accepted.
    case other
  }

  package struct PracticeChange: Sendable {
    package var questionID: String
    package var practice: BestPractice
    package var from: PracticeState
    package var to: PracticeState
    package var change: Change
    /// The risk the practice leaves open now (for regressions and new gaps) or left open before.
    package var risk: Risk
  }

  package struct RiskChange: Sendable {
    package var question: Question
    /// nil: unanswered.
    package var from: Risk?
    package var to: Risk?

    /// The risk got lower, or went away.
    package var isResolved: Bool { (from ?? .none) > (to ?? .none) && to != nil }
    package var isIntroduced: Bool { (to ?? .none) > (from ?? .none) }
  }

  package var workloadID: String
  package var from: Scorecard
  package var to: Scorecard
  package var practices: [PracticeChange]
  package var risks: [RiskChange]
  /// Questions whose notes, or whose practices' notes, changed.
  package var notesChanged: [String]
  package var summaryChanged: Bool

  package var scoreChange: Int? { from.score.flatMap { old in to.score.map { $0 - old } } }
  package var highRiskChange: Int { to.highRisks - from.highRisks }
  package var mediumRiskChange: Int { to.mediumRisks - from.mediumRisks }
  package var unansweredChange: Int { to.unanswered - from.unanswered }

  package var regressions: [PracticeChange] { practices.filter { $0.change == .regression } }
  package var newHighRisks: [RiskChange] { risks.filter { $0.to == .high && $0.from != .high } }
  package var resolvedRisks: [RiskChange] { risks.filter(\.isResolved) }
  package var introducedRisks: [RiskChange] { risks.filter(\.isIntroduced) }
  package var isEmpty: Bool { practices.isEmpty && risks.isEmpty && notesChanged.isEmpty && !summaryChanged }
}

extension Delta {
  /// The delta from `old` to `new`, two scorecards of the same question set.
  package static func between(_ old: Scorecard, _ new: Scorecard, oldReview: Review, newReview: Review) -> Delta {
    var practices: [PracticeChange] = []
    var risks: [RiskChange] = []
    var notes: [String] = []
    for (before, after) in zip(old.questions, new.questions) where before.question.id == after.question.id {
      if before.risk != after.risk {
        risks.append(RiskChange(question: after.question, from: before.risk, to: after.risk))
      }
      if !sameText(before.answer?.notes.source, after.answer?.notes.source)
        || zip(before.practices, after.practices).contains(where: {
          !sameText($0.answer?.note?.source, $1.answer?.note?.source)
        })
      {
        notes.append(after.question.id)
      }
      for (was, now) in zip(before.practices, after.practices) where !sameState(was.state, now.state) {
        guard let change = classify(was.state, now.state) else { continue }
        let risk = now.state.isOpen ? now.risk : was.risk
        practices.append(
          PracticeChange(
            questionID: after.question.id, practice: now.practice, from: was.state, to: now.state, change: change,
            risk: risk))
      }
    }
    return Delta(
      workloadID: new.workloadID, from: old, to: new, practices: practices, risks: risks, notesChanged: notes,
      summaryChanged: !sameText(oldReview.summary.source, newReview.summary.source))
  }

  /// States compared as a reader sees them: an acceptance carried into the next release by
  /// `pillar new` is the same acceptance, though it is written at another line of another file
  /// (comparing positions too showed a spurious "risk-accepted → risk-accepted").
  static func sameState(_ was: PracticeState, _ now: PracticeState) -> Bool {
    switch (was, now) {
    case (.riskAccepted(let a), .riskAccepted(let b)), (.acceptanceExpired(let a), .acceptanceExpired(let b)):
      a.practice.id == b.practice.id && a.approver == b.approver && a.reason == b.reason && a.expires == b.expires
    default: was == now
    }
  }

  /// nil when the change is only between two ways of not being answered.
  static func classify(_ was: PracticeState, _ now: PracticeState) -> Change? {
    switch (was, now) {
    case (.unanswered, .unanswered): return nil
    case (_, .implemented): return .newlyImplemented
    // Taking a question's answer out is not a way to pass: deleting the failing sections of an
    // answer file showed as "other changes" before.
    case (_, .unanswered): return .regression
    case (.implemented, _) where now.isOpen: return .regression
    case (_, _) where now.isOpen && !was.isOpen: return .newlyMissing
    case (_, .notApplicable): return .newlyNotApplicable
    default: return .other
    }
  }

  /// Whether two texts are the same once runs of ASCII white space are folded into one space and
  /// dropped at both ends, so re-wrapping a paragraph is not a change. Compares the folded bytes
  /// as they come, without building either: this runs for every note of every pair of releases.
  package static func sameText(_ old: String?, _ new: String?) -> Bool {
    var left = FoldedBytes((old ?? "").utf8.makeIterator())
    var right = FoldedBytes((new ?? "").utf8.makeIterator())
    while true {
      let byte = left.next()
      guard byte == right.next() else { return false }
      if byte == nil { return true }
    }
  }
}

/// A text's bytes with each run of ASCII white space read as one space, and none at the ends.
private struct FoldedBytes: IteratorProtocol {
  var bytes: String.UTF8View.Iterator
  var pending: UInt8?
  var started = false

  init(_ bytes: String.UTF8View.Iterator) { self.bytes = bytes }

  mutating func next() -> UInt8? {
    if let byte = pending {
      pending = nil
      return byte
    }
    var space = false
    while let byte = bytes.next() {
      if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
        space = started
        continue
      }
      started = true
      if space {
        pending = byte
        return 0x20
      }
      return byte
    }
    return nil
  }
}
