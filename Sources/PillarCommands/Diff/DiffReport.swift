import PillarModel
import PillarScoring

/// A delta as plain values, the same for the text, Markdown and JSON outputs. Its JSON form is
/// versioned by `schema` (documented in docs/diff.md).
struct DiffReport: Encodable {
  static let schemaName = "pillar-diff/1"

  struct Metric: Encodable {
    var from: Int?
    var to: Int?
    var change: Int?
  }

  struct PracticeItem: Encodable {
    var question: String
    var practice: String
    var title: String
    var from: String
    var to: String
    var risk: String
  }

  struct QuestionItem: Encodable {
    var question: String
    var title: String
    /// "unanswered" when the question has no answer.
    var from: String
    var to: String
  }

  struct WorkloadDelta: Encodable {
    var workload: String
    var name: String
    /// nil for a workload that is new.
    var from: String?
    var to: String?
    var score: Metric
    var highRisks: Metric
    var mediumRisks: Metric
    var unanswered: Metric
    var gateFrom: String?
    var gateTo: String?
    var newHighRisks: [QuestionItem]
    var regressions: [PracticeItem]
    var risksIntroduced: [QuestionItem]
    var risksResolved: [QuestionItem]
    var newlyImplemented: [PracticeItem]
    var newlyMissing: [PracticeItem]
    var newlyNotApplicable: [PracticeItem]
    var otherChanges: [PracticeItem]
    var notesChanged: [String]
    var summaryChanged: Bool

    var isEmpty: Bool {
      from == to && newHighRisks.isEmpty && regressions.isEmpty && risksIntroduced.isEmpty && risksResolved.isEmpty
        && newlyImplemented.isEmpty && newlyMissing.isEmpty && newlyNotApplicable.isEmpty && otherChanges.isEmpty
        && notesChanged.isEmpty && !summaryChanged
    }
  }

  var schema = DiffReport.schemaName
  var base: String
  var deltas: [WorkloadDelta]
}

extension DiffReport.WorkloadDelta {
  init(_ delta: Delta, workload: Workload) {
    func practices(_ kind: Delta.Change) -> [DiffReport.PracticeItem] {
      delta.practices.filter { $0.change == kind }.map {
        .init(
          question: $0.questionID, practice: $0.practice.id, title: $0.practice.title, from: $0.from.name,
          to: $0.to.name,
          risk: $0.risk.name)
      }
    }
    func questions(_ changes: [Delta.RiskChange]) -> [DiffReport.QuestionItem] {
      changes.map {
        .init(
          question: $0.question.id, title: $0.question.title, from: $0.from?.name ?? "unanswered",
          to: $0.to?.name ?? "unanswered")
      }
    }
    self.init(
      workload: workload.id, name: workload.name, from: delta.from.release, to: delta.to.release,
      score: .init(from: delta.from.score, to: delta.to.score, change: delta.scoreChange),
      highRisks: .init(from: delta.from.highRisks, to: delta.to.highRisks, change: delta.highRiskChange),
      mediumRisks: .init(from: delta.from.mediumRisks, to: delta.to.mediumRisks, change: delta.mediumRiskChange),
      unanswered: .init(from: delta.from.unanswered, to: delta.to.unanswered, change: delta.unansweredChange),
      gateFrom: delta.from.gate.passes ? "pass" : "fail", gateTo: delta.to.gate.passes ? "pass" : "fail",
      newHighRisks: questions(delta.newHighRisks), regressions: practices(.regression),
      risksIntroduced: questions(delta.introducedRisks.filter { $0.to != .high }),
      risksResolved: questions(delta.resolvedRisks), newlyImplemented: practices(.newlyImplemented),
      newlyMissing: practices(.newlyMissing), newlyNotApplicable: practices(.newlyNotApplicable),
      otherChanges: practices(.other), notesChanged: delta.notesChanged, summaryChanged: delta.summaryChanged)
  }

  /// A workload that did not exist at the base: everything it has is new.
  init(new card: Scorecard, workload: Workload) {
    let open = card.questions.compactMap { result -> DiffReport.QuestionItem? in
      guard let risk = result.risk, risk >= .medium else { return nil }
      return .init(question: result.question.id, title: result.question.title, from: "unanswered", to: risk.name)
    }
    self.init(
      workload: workload.id, name: workload.name, from: nil, to: card.release,
      score: .init(from: nil, to: card.score, change: nil),
      highRisks: .init(from: nil, to: card.highRisks, change: nil),
      mediumRisks: .init(from: nil, to: card.mediumRisks, change: nil),
      unanswered: .init(from: nil, to: card.unanswered, change: nil), gateFrom: nil,
      gateTo: card.gate.passes ? "pass" : "fail",
      newHighRisks: open.filter { $0.to == "high" }, regressions: [], risksIntroduced: open.filter { $0.to != "high" },
      risksResolved: [], newlyImplemented: [], newlyMissing: [], newlyNotApplicable: [], otherChanges: [],
      notesChanged: [],
      summaryChanged: false)
  }
}
