import PillarModel

/// The gate switches about incidents (docs/format.md, `incidents/<id>.md`): a release fails while
/// a severe incident's follow-up action is overdue, or when it is the first review after an
/// incident and leaves a contributing practice unaddressed.
enum IncidentGate {
  static func apply(
    _ incidents: [Incident], to cards: inout [Scorecard], reviews: [Review], plans: [[PlannedImprovement]],
    workload: String, set: QuestionSet, today: String, policy: GatePolicy
  ) {
    guard let latest = cards.indices.last else { return }
    if policy.failOnUnaddressedIncidents {
      for incident in incidents {
        guard let first = reviews.firstIndex(where: { !$0.reviewed.isEmpty && $0.reviewed >= incident.detected })
        else { continue }
        let planned = Set(plans[first].map(\.improvement.practice.id))
        let states = cards[first].states
        let unaddressed = incident.contributed.map(\.id).filter { practice in
          switch states[practice] {
          case .implemented?, .riskAccepted?: false
          default: !planned.contains(practice)
          }
        }
        if !unaddressed.isEmpty {
          cards[first].failGate(
            "incident \(incident.id) not addressed: \(unaddressed.joined(separator: ", ")) neither implemented, planned nor accepted",
            set: set)
        }
      }
    }
    if policy.failOnOverdueIncidentActions {
      let states = cards[latest].states
      for incident in incidents where incident.isSevere {
        let overdue = incident.actions.filter { action in
          action.workload == workload && action.improvement.due < today
            && !(states[action.improvement.practice.id]?.isInPlace ?? false)
        }
        if !overdue.isEmpty {
          cards[latest].failGate(
            "\(overdue.count) overdue action\(overdue.count == 1 ? "" : "s") of \(incident.severity.rawValue) incident \(incident.id)",
            set: set)
        }
      }
    }
  }
}

extension Scorecard {
  /// Each practice's state, by id.
  var states: [String: PracticeState] {
    Dictionary(
      questions.flatMap(\.practices).map { ($0.practice.id, $0.state) }, uniquingKeysWith: { first, _ in first })
  }

  /// Fails the gate for `reason`; objectives about the gate follow it.
  mutating func failGate(_ reason: String, set: QuestionSet) {
    gate.passes = false
    gate.reasons.append(reason)
    let aboutTheGate = Set(set.objectives.filter(\.isAboutTheGate).map(\.id))
    for index in objectives.indices where aboutTheGate.contains(objectives[index].id) {
      objectives[index].status = .gateFails
    }
  }
}
