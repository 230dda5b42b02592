import PillarDiagnostics

/// A best practice of a question, and the risk left open when a workload does not follow it.
package struct BestPractice: Sendable, Hashable {
  package var id: String
  package var title: String
  package var risk: Risk
  /// From this classification level up, missing the practice is a high risk.
  package var requiredFrom: Reference?
  package var guidance: MarkdownText?
  package var location: SourceLocation
  /// The layer of defence in depth it protects, if it protects one (`layer:`).
  package var layer: DefenceLayer?
  /// The level the framework the question set follows gives it (`source-risk:`, the framework
  /// named by the lens's `risk-source`); nil when the practice is the organisation's own.
  package var sourceRisk: Risk?
  /// Why `risk` differs from `sourceRisk` (`risk-note:`): the house reason, shown on its page.
  package var riskNote: String?
  /// The lens choice it came from (`lens:`), when it was imported.
  package var lens: PracticeLens?
  /// The framework controls it addresses (`references:`, `docs/frameworks.md`).
  package var references: [ControlReference] = []

  package init(
    id: String, title: String, risk: Risk, requiredFrom: Reference?, guidance: MarkdownText?,
    location: SourceLocation, layer: DefenceLayer? = nil
  ) {
    self.layer = layer
    self.id = id
    self.title = title
    self.risk = risk
    self.requiredFrom = requiredFrom
    self.guidance = guidance
    self.location = location
  }
}

package struct Question: Sendable {
  package var id: String
  package var title: String
  package var area: String
  package var control: ControlFamily
  package var objectives: [Reference]
  package var practices: [BestPractice]
  package var rationale: Rationale
  package var introduction: MarkdownText
  package var location: SourceLocation
  /// Lens risk rules (`risk-rules:`): when present they give the question's risk in place of
  /// its highest open practice (`docs/lenses.md`).
  package var riskRules: [RiskRule] = []
  /// The lens question it came from (`lens:`), when it was imported.
  package var lens: QuestionLens?

  package init(
    id: String, title: String, area: String, control: ControlFamily, objectives: [Reference],
    practices: [BestPractice], rationale: Rationale, introduction: MarkdownText, location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.area = area
    self.control = control
    self.objectives = objectives
    self.practices = practices
    self.rationale = rationale
    self.introduction = introduction
    self.location = location
  }

  package func practice(_ id: String) -> BestPractice? { practices.first { $0.id == id } }
}

/// The layers of defence in depth, from the outside in (a workload page draws them in this order).
package enum DefenceLayer: String, Sendable, Hashable, CaseIterable {
  case edge, network, compute, application, data, identity

  package var title: String {
    switch self {
    case .edge: "Edge"
    case .network: "Network"
    case .compute: "Compute"
    case .application: "Application"
    case .data: "Data"
    case .identity: "Identity"
    }
  }
}
