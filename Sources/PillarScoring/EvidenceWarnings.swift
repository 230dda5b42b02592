import PillarDiagnostics
import PillarModel

/// The warnings `check` gives where a workload's latest answers and the scanner disagree.
package enum EvidenceWarnings {
  package static func of(_ result: Evaluation.WorkloadResult, sources: [EvidenceIndex.Source]) -> [Diagnostic] {
    result.evidence.compactMap { evidence -> Diagnostic? in
      guard let location = evidence.location else { return nil }
      let failing = evidence.checks.filter { $0.failed > 0 }
      let scan = evidence.checks.first.map { sources[$0.source] }
      let provenance = scan.map { " in \($0.path) (scanned \($0.scanned))" } ?? ""
      let stale =
        evidence.isStale ? "; the scan is older than the review by more than the stale limit, so it does not gate" : ""
      switch evidence.judgement {
      case .contradicted:
        let checks = failing.prefix(3).map { "\($0.id) on \($0.failed) resource\($0.failed == 1 ? "" : "s")" }
        return .warning(
          "evidence-disagrees",
          "'\(evidence.practiceID)' is marked implemented, but \(failing.count) check\(failing.count == 1 ? "" : "s") mapped to it failed\(provenance): \(checks.joined(separator: ", "))\(stale); fix it, or untick it with an improvement",
          at: location)
      case .suggestsReview:
        return .warning(
          "evidence-suggests",
          "'\(evidence.practiceID)' is marked missing, but \(evidence.checks.count == 1 ? "the one check" : "every one of the \(evidence.checks.count) checks") mapped to it passed\(provenance); review it again: it may be in place",
          at: location)
      case .confirmed, .cannotJudge:
        return nil
      }
    }
  }
}
