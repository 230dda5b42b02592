import ArgumentParser
import PillarDiagnostics
import PillarModel
import PillarScoring

/// The result of a check, before it is printed in one format or another.
struct CheckOutcome {
  struct Target {
    var result: Evaluation.WorkloadResult
    var index: Int
    var card: Scorecard { result.scorecards[index] }
    var review: Review { result.workload.reviews[index] }
  }

  var checked: CheckedWorkbook
  var diagnostics: [Diagnostic]
  /// The releases the gate was run on; empty when the input is invalid.
  var targets: [Target]
  /// Workloads in scope that have no answer file.
  var unreviewed: [Workload]
  /// Retired workloads in scope: no longer gated.
  var retired: [Workload] = []
  /// Workloads whose folder a change removed without retiring them first (`--changed-since`).
  var removed: [String] = []
  /// The commit a change-scoped check compares with.
  var base: String?
  /// Verdicts that differ under the base's `questions/` and `pillar.yml` (see `PolicySnapshot`).
  var policyChanges: [String] = []

  var isValid: Bool { !diagnostics.hasErrors }
  var failing: [Target] { targets.filter { !$0.card.gate.passes } }
  var exitCode: Int32 { !isValid ? 2 : failing.isEmpty && removed.isEmpty ? 0 : 1 }

  /// - Parameter withdrawn: per workload, questions answered at the base commit and unanswered
  ///   now; each fails its workload's latest release, whatever the policy.
  init(_ checked: CheckedWorkbook, scope: CheckScope, removed: [String] = [], withdrawn: [String: [String]] = [:])
    throws
  {
    self.removed = removed
    base = scope.base
    self.checked = checked
    diagnostics = checked.diagnostics.filter { scope.covers(path: $0.location.path) }
    var targets: [Target] = []
    var unreviewed: [Workload] = []
    var retired: [Workload] = []
    for var result in checked.evaluation.workloads {
      if let questions = withdrawn[result.workload.id], !result.scorecards.isEmpty {
        let last = result.scorecards.count - 1
        result.scorecards[last].gate.passes = false
        result.scorecards[last].gate.reasons.append(
          "answers taken out since the base: \(questions.joined(separator: ", ")) (taking an answer out is a regression)"
        )
      }
      let releases = result.workload.reviews.map(\.release)
      if result.workload.retirement != nil && scope.releases[result.workload.id] == nil {
        retired.append(result.workload)
        continue
      }
      if let wanted = scope.releases[result.workload.id] {
        for release in wanted.sorted() where !releases.contains(release) {
          throw ValidationError("\(result.workload.id) has no release '\(release)'")
        }
        targets += releases.indices.filter { wanted.contains(releases[$0]) }.map { Target(result: result, index: $0) }
      } else if releases.isEmpty {
        unreviewed.append(result.workload)
      } else {
        targets.append(Target(result: result, index: releases.count - 1))
      }
    }
    let found = Set(checked.evaluation.workloads.map(\.workload.id))
    if let missing = scope.explicit.subtracting(found).sorted().first {
      throw ValidationError("there is no workload '\(missing)' (no folder reviews/\(missing) with a workload.md)")
    }
    // Invalid input gets no verdicts: a workload whose files do not parse must never read as a pass.
    self.targets = diagnostics.hasErrors ? [] : targets
    self.unreviewed = unreviewed
    self.retired = retired
  }
}
