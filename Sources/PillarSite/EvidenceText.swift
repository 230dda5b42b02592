import PillarModel
import PillarScoring
import PillarTemplate

/// How the site says what a scanner found for an answer (`docs/evidence.md`).
enum EvidenceText {
  static func label(_ evidence: PracticeEvidence?) -> String {
    guard let evidence else { return "" }
    let stale = evidence.isStale ? " (stale scan)" : ""
    switch evidence.judgement {
    case .contradicted: return "Evidence disagrees" + stale
    case .suggestsReview: return "Evidence suggests re-review" + stale
    case .confirmed: return "Evidence confirms" + stale
    case .cannotJudge: return ""
    }
  }

  static func badge(_ evidence: PracticeEvidence?) -> String {
    switch evidence?.judgement {
    case .contradicted?: "high"
    case .suggestsReview?: "medium"
    case .confirmed?: "none"
    default: "unanswered"
    }
  }

  /// "2 checks: 14 resources passed, 1 failed (s3_bucket_default_encryption on payments-raw)".
  static func line(_ evidence: PracticeEvidence?) -> String {
    guard let evidence, !evidence.checks.isEmpty else { return "" }
    let count = evidence.checks.count
    var text =
      "\(count) scanner check\(count == 1 ? "" : "s"): \(evidence.passed) resource\(evidence.passed == 1 ? "" : "s") passed, \(evidence.failed) failed"
    let failing = evidence.checks.filter { $0.failed > 0 }.prefix(3).map { check in
      "\(check.title)\(check.failing.isEmpty ? "" : " on " + check.failing.joined(separator: ", "))"
    }
    if !failing.isEmpty { text += " (" + failing.joined(separator: "; ") + ")" }
    return text
  }
}

extension SiteContext {
  /// The evidence files a workload's judgements came from, with their scan days.
  func evidenceSources(for evidence: [PracticeEvidence]) -> [TemplateContext] {
    let used = Set(evidence.flatMap(\.checks).map(\.source))
    let stale = evidence.contains(where: \.isStale)
    return evidenceSources.enumerated().filter { used.contains($0.offset) }.map { _, source in
      ["path": source.path, "scanned": source.scanned, "stale": stale] as TemplateContext
    }
  }
}
