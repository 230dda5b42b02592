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

  var isValid: Bool { !diagnostics.hasErrors }
  var failing: [Target] { targets.filter { !$0.card.gate.passes } }
  var exitCode: Int32 { !isValid ? 2 : failing.isEmpty ? 0 : 1 }

  init(_ checked: CheckedWorkbook, scope: CheckScope) throws {
    self.checked = checked
    diagnostics = checked.diagnostics.filter { scope.covers(path: $0.location.path) }
    var targets: [Target] = []
    var unreviewed: [Workload] = []
    for result in checked.evaluation.workloads {
      let releases = result.workload.reviews.map(\.release)
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
  }
}
