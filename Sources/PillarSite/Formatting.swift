import PillarMarkdown
import PillarModel
import PillarRecords
import PillarScoring
import PillarTemplate

/// Small, shared pieces of template contexts.
enum Format {
  /// Markdown as HTML: libcmark's safe output (no raw HTML, refused links made text), the one
  /// kind of user text that reaches a page as markup.
  static func html(_ text: MarkdownText?) -> SafeHTML {
    guard let text, !text.isBlank else { return SafeHTML(trusted: "") }
    return SafeHTML(trusted: text.html ?? CommonMark.html(text.source))
  }

  // Risks and states are shown on every practice of every page: their contexts are made once.
  // Sendable values, made once and shared by every thread.
  private static let risks: [String: TemplateContext] = [
    "unanswered": ["label": "Unanswered", "class": "unanswered"], "none": ["label": "No risk", "class": "none"],
    "low": ["label": "Low", "class": "low"], "medium": ["label": "Medium", "class": "medium"],
    "high": ["label": "High", "class": "high"],
  ]

  private static let states: [String: TemplateContext] = [
    "implemented": ["label": "Implemented", "class": "implemented", "symbol": "✓"],
    "missing": ["label": "Missing", "class": "missing", "symbol": "✗"],
    "not-applicable": ["label": "Not applicable", "class": "na", "symbol": "–"],
    "risk-accepted": ["label": "Risk accepted", "class": "accepted", "symbol": "!"],
    "acceptance-expired": ["label": "Acceptance expired", "class": "missing", "symbol": "✗"],
    "not-listed": ["label": "Not answered", "class": "missing", "symbol": "?"],
    "unanswered": ["label": "Unanswered", "class": "unanswered", "symbol": "?"],
  ]

  // By level, so the contexts made per practice look a risk up without hashing its name.
  private static let riskByLevel = Risk.allCases.map { risks[$0.name]! }
  private static let unansweredRisk = risks["unanswered"]!

  static func risk(_ risk: Risk?) -> TemplateContext { risk.map { riskByLevel[$0.rawValue] } ?? unansweredRisk }

  static func state(_ state: PracticeState) -> TemplateContext { self.state(named: state.name) }

  static func state(named name: String) -> TemplateContext { states[name] ?? states["unanswered"]! }

  static func status(_ status: GroupStatus) -> TemplateContext {
    ["label": status.title, "class": status.rawValue, "met": status.isMet]
  }

  static func gate(_ verdict: GateVerdict) -> TemplateContext { gate(passes: verdict.passes, reasons: verdict.reasons) }

  static func gate(passes: Bool, reasons: [String]) -> TemplateContext {
    [
      "passes": passes, "label": passes ? "Passes" : "Fails", "class": passes ? "pass" : "fail",
      "reasons": reasons.joined(separator: ", "),
    ]
  }

  /// Sets `hasKey` for each list in `keys`, true when the list is not empty: templates show a
  /// heading only when there is something under it.
  static func addHasFlags(_ context: inout TemplateContext, for keys: [String]) {
    for key in keys {
      var isEmpty = true
      if case .list(let items)? = context[key]?.templateValue { isEmpty = items.isEmpty }
      context["has" + key.prefix(1).uppercased() + key.dropFirst()] = !isEmpty
    }
  }

  static func score(_ score: Int?) -> String { score.map(String.init) ?? "n/a" }

  /// A summary of a scorecard shared by the dashboard, workload and scorecard pages.
  static func summary(_ card: Scorecard, review: Review) -> TemplateContext {
    summary(WorkloadSummary.Release(card, review: review), workload: card.workloadID, reasons: card.gate.reasons)
  }

  static func summary(_ release: WorkloadSummary.Release, workload: String, reasons: [String]) -> TemplateContext {
    [
      "release": release.release, "reviewed": release.reviewed, "score": score(release.score),
      "scoreValue": release.score ?? 0, "scoreSort": release.score ?? -1, "hri": release.highRisks,
      "mri": release.mediumRisks,
      "unanswered": release.unanswered, "gate": gate(passes: release.passes, reasons: reasons),
      "href": Paths.scorecard(workload, release.release), "hasHri": release.highRisks > 0,
      "hasMri": release.mediumRisks > 0, "hasUnanswered": release.unanswered > 0,
    ]
  }

}
