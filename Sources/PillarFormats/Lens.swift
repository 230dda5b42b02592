import PillarModel

/// A Well-Architected Tool custom lens, as its JSON format describes it (`schemaVersion`
/// 2021-11-01; `docs/lenses.md`). Only what Pillar carries over; unknown keys are reported by
/// the reader, never kept.
package struct Lens: Sendable, Hashable, Encodable {
  package var schemaVersion = "2021-11-01"
  package var name: String
  package var description: String
  package var pillars: [Pillar]

  package struct Link: Sendable, Hashable, Encodable {
    package var displayText: String
    package var url: String?
  }

  package struct Resource: Sendable, Hashable, Encodable {
    package var type: String
    package var content: [Link]
  }

  package struct Choice: Sendable, Hashable, Encodable {
    package var id: String
    package var title: String
    package var helpfulResource: Link?
    package var improvementPlan: Link?
    package var additionalResources: [Resource]?
  }

  package struct RiskRule: Sendable, Hashable, Encodable {
    package var condition: String
    package var risk: String
  }

  package struct Question: Sendable, Hashable, Encodable {
    package var id: String
    package var title: String
    package var description: String?
    package var helpfulResource: Link?
    package var choices: [Choice]
    package var riskRules: [RiskRule]
  }

  package struct Pillar: Sendable, Hashable, Encodable {
    package var id: String
    package var name: String
    package var questions: [Question]
  }

  /// The Tool's risks and Pillar's: the Tool has no low risk.
  package static func risk(named name: String) -> PillarModel.Risk? {
    switch name {
    case "HIGH_RISK": .high
    case "MEDIUM_RISK": .medium
    case "NO_RISK": PillarModel.Risk.none
    default: nil
    }
  }

  package static func name(of risk: PillarModel.Risk) -> String {
    switch risk {
    case .high: "HIGH_RISK"
    case .medium: "MEDIUM_RISK"
    case .low, .none: "NO_RISK"
    }
  }
}
