import PillarMarkdown
import PillarModel
import PillarScoring

/// Small, shared pieces of template contexts.
enum Format {
  static func html(_ text: MarkdownText?) -> String {
    guard let text, !text.isBlank else { return "" }
    return CommonMark.html(text.source)
  }

  static func risk(_ risk: Risk?) -> [String: Any] {
    guard let risk else { return ["label": "Unanswered", "class": "unanswered"] }
    switch risk {
    case .none: return ["label": "No risk", "class": "none"]
    case .low: return ["label": "Low", "class": "low"]
    case .medium: return ["label": "Medium", "class": "medium"]
    case .high: return ["label": "High", "class": "high"]
    }
  }

  static func state(_ state: PracticeState) -> [String: Any] {
    switch state {
    case .implemented: ["label": "Implemented", "class": "implemented", "symbol": "✓"]
    case .missing: ["label": "Missing", "class": "missing", "symbol": "✗"]
    case .notApplicable: ["label": "Not applicable", "class": "na", "symbol": "–"]
    case .riskAccepted: ["label": "Risk accepted", "class": "accepted", "symbol": "!"]
    case .acceptanceExpired: ["label": "Acceptance expired", "class": "missing", "symbol": "✗"]
    case .notListed: ["label": "Not answered", "class": "missing", "symbol": "?"]
    case .unanswered: ["label": "Unanswered", "class": "unanswered", "symbol": "?"]
    }
  }

  static func status(_ status: GroupStatus) -> [String: Any] {
    ["label": status.title, "class": status.rawValue, "met": status.isMet]
  }

  static func gate(_ verdict: GateVerdict) -> [String: Any] {
    [
      "passes": verdict.passes, "label": verdict.passes ? "Passes" : "Fails",
      "class": verdict.passes ? "pass" : "fail", "reasons": verdict.reasons.joined(separator: ", "),
    ]
  }

  static func score(_ score: Int?) -> String { score.map(String.init) ?? "n/a" }

  /// A summary of a scorecard shared by the dashboard, workload and scorecard pages.
  static func summary(_ card: Scorecard, review: Review) -> [String: Any] {
    [
      "release": card.release, "reviewed": review.reviewed, "score": score(card.score),
      "scoreValue": card.score ?? 0, "hri": card.highRisks, "mri": card.mediumRisks, "unanswered": card.unanswered,
      "gate": gate(card.gate), "href": Paths.scorecard(card.workloadID, card.release),
      "hasHri": card.highRisks > 0, "hasMri": card.mediumRisks > 0, "hasUnanswered": card.unanswered > 0,
    ]
  }

  static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
}
