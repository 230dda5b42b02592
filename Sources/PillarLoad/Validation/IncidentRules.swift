import PillarDiagnostics
import PillarModel

/// The rules about incident reviews that need the rest of the workbook: the workloads and
/// practices they name exist, no date is after the build date, and a workload's latest answers
/// that an incident contradicts are flagged for re-review.
package enum IncidentRules {
  /// - Parameter workloads: every workload id under `reviews/` (not only those being checked).
  package static func check(_ incidents: [Incident], set: QuestionSet, workloads: [String], buildDate: String)
    -> [Diagnostic]
  {
    var diagnostics: [Diagnostic] = []
    let practices = set.questions.flatMap(\.practices).map(\.id)
    let known = Set(practices)
    let workloadSet = Set(workloads)
    for incident in incidents {
      for reference in incident.workloads where !workloadSet.contains(reference.id) {
        diagnostics.append(
          .error(
            "unknown-workload",
            "workload '\(reference.id)' does not exist under reviews/\(Suggestion.didYouMean(reference.id, in: workloads))",
            at: reference.location))
      }
      let named = incident.helped + incident.contributed + incident.actions.map(\.improvement.practice)
      for reference in named where !known.contains(reference.id) {
        diagnostics.append(
          .error(
            "unknown-practice",
            "practice '\(reference.id)' does not exist in the question set\(Suggestion.didYouMean(reference.id, in: practices))",
            at: reference.location))
      }
      for action in incident.actions where !incident.involves(action.workload) {
        diagnostics.append(
          .error(
            "unknown-workload",
            "action for workload '\(action.workload)', which the incident does not involve; add it to 'workloads' or fix the id",
            at: action.location))
      }
      let dates = [incident.started, incident.detected, incident.contained, incident.resolved].compactMap { $0 }
      if let future = dates.first(where: { $0 > buildDate }) {
        diagnostics.append(
          .error(
            "incident-in-future",
            "the incident is dated \(future), after the build date \(buildDate); check the year, or build with --date",
            at: incident.location))
      }
    }
    return diagnostics
  }

  /// A warning at each latest answer of `workload` that an incident contradicts.
  package static func reReview(_ workload: Workload, incidents: [Incident]) -> [Diagnostic] {
    guard let latest = workload.reviews.last else { return [] }
    return incidents.flatMap { incident in
      incident.contradicts(latest).map { answer in
        .warning(
          "re-review",
          "'\(answer.practiceID)' is marked implemented, but incident '\(incident.id)' (\(incident.contributedLocation.path):\(incident.contributedLocation.line)) names it as contributing; review it again and say what changed",
          at: answer.location)
      }
    }
  }
}
