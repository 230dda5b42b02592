import PillarDiagnostics

/// A best practice of a question, and the risk left open when a workload does not follow it.
public struct BestPractice: Sendable, Hashable {
  public var id: String
  public var title: String
  public var risk: Risk
  /// From this classification level up, missing the practice is a high risk.
  public var requiredFrom: Reference?
  public var guidance: MarkdownText?
  public var location: SourceLocation

  public init(
    id: String, title: String, risk: Risk, requiredFrom: Reference?, guidance: MarkdownText?,
    location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.risk = risk
    self.requiredFrom = requiredFrom
    self.guidance = guidance
    self.location = location
  }
}

public struct Question: Sendable {
  public var id: String
  public var title: String
  public var area: String
  public var control: ControlFamily
  public var objectives: [Reference]
  public var practices: [BestPractice]
  public var rationale: Rationale
  public var introduction: MarkdownText
  public var location: SourceLocation

  public init(
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

  public func practice(_ id: String) -> BestPractice? { practices.first { $0.id == id } }
}
