import PillarDiagnostics
import PillarModel

/// One answer of a workload's latest release held against the scanner's findings for its
/// accounts (`docs/evidence.md`).
package struct PracticeEvidence: Sendable, Hashable {
  package var practiceID: String
  package var judgement: EvidenceJudgement
  package var checks: [EvidenceIndex.Check]
  /// The evidence is older than the answer file's `reviewed` date by more than the policy's
  /// days: shown, but it judges nothing the gate acts on.
  package var isStale: Bool
  package var location: SourceLocation?

  package var passed: Int { checks.reduce(0) { $0 + $1.passed } }
  package var failed: Int { checks.reduce(0) { $0 + $1.failed } }
}

package enum EvidenceAssessment {
  /// Every practice of the latest scorecard against the evidence for the workload's accounts.
  package static func assess(
    _ card: Scorecard, review: Review, workload: Workload, evidence: EvidenceIndex, staleAfter: Int
  ) -> [PracticeEvidence] {
    guard !workload.accounts.isEmpty, !evidence.isEmpty else { return [] }
    let reviewed = DateMath.dayNumber(review.reviewed)
    return card.questions.flatMap(\.practices).map { result in
      let checks = evidence.checks(accounts: workload.accounts, practice: result.practice.id)
      let scanned = checks.compactMap { evidence.sources[$0.source].scanned }.min()
      let stale =
        scanned.flatMap { DateMath.dayNumber($0) }.flatMap { scan in reviewed.map { $0 - scan > staleAfter } } ?? false
      let failed = checks.contains { $0.failed > 0 }
      let judgement: EvidenceJudgement
      switch (result.state, checks.isEmpty) {
      case (_, true): judgement = .cannotJudge
      case (.implemented, false): judgement = failed ? .contradicted : .confirmed
      case (.missing, false), (.riskAccepted, false), (.acceptanceExpired, false), (.notListed, false):
        judgement = failed ? .confirmed : .suggestsReview
      default: judgement = .cannotJudge
      }
      return PracticeEvidence(
        practiceID: result.practice.id, judgement: judgement, checks: checks, isStale: stale,
        location: result.answer?.location)
    }
  }
}
