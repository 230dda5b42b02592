import PillarModel

/// How far a release's answers mitigate one threat (docs/scoring.md, "Threats").
package enum ThreatState: String, Sendable, Hashable, Codable, CaseIterable {
  case open
  case partlyMitigated = "partly-mitigated"
  case mitigated

  package var title: String {
    switch self {
    case .open: "Open"
    case .partlyMitigated: "Partly mitigated"
    case .mitigated: "Mitigated"
    }
  }
}

package struct ThreatResult: Sendable {
  package var model: String
  package var modelTitle: String
  /// The workload's own threat model, not a template.
  package var isOwn: Bool
  package var threat: Threat
  package var state: ThreatState
  /// Mitigating practices not implemented (nor not applicable) in the release.
  package var missing: [String]
}

package enum ThreatAssessment {
  /// Every threat of the workload's models at one release, open first, then partly mitigated,
  /// each group in the models' order.
  package static func assess(_ workload: Workload, in set: QuestionSet, card: Scorecard) -> [ThreatResult] {
    let states = card.states
    let results = workload.threatModels(in: set).flatMap { model in
      model.threats.map { threat -> ThreatResult in
        var implemented = 0
        var missing: [String] = []
        for mitigation in threat.mitigations {
          switch states[mitigation.id] {
          case .implemented?: implemented += 1
          case .notApplicable?: break
          default: missing.append(mitigation.id)
          }
        }
        let state: ThreatState =
          missing.isEmpty && implemented > 0 ? .mitigated : implemented > 0 ? .partlyMitigated : .open
        return ThreatResult(
          model: model.id, modelTitle: model.title, isOwn: model.id == workload.ownThreatModel?.id, threat: threat,
          state: state, missing: missing)
      }
    }
    let order: [ThreatState] = [.open, .partlyMitigated, .mitigated]
    return order.flatMap { state in results.filter { $0.state == state } }
  }
}
