/// What makes a release fail the path-to-production gate. By default a release fails on any
/// high risk; the other switches make the gate stricter.
public struct GatePolicy: Sendable, Hashable {
  public var failOnMedium: Bool
  public var failOnUnanswered: Bool
  public var failOnExpiredAcceptance: Bool
  public var failOnOutdated: Bool

  public init(
    failOnMedium: Bool = false, failOnUnanswered: Bool = false, failOnExpiredAcceptance: Bool = false,
    failOnOutdated: Bool = false
  ) {
    self.failOnMedium = failOnMedium
    self.failOnUnanswered = failOnUnanswered
    self.failOnExpiredAcceptance = failOnExpiredAcceptance
    self.failOnOutdated = failOnOutdated
  }

  public static let standard = GatePolicy()
}
