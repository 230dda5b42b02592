/// What makes a release fail the path-to-production gate. By default a release fails on any
/// high risk; the other switches make the gate stricter (or, for `failOnHigh`, looser).
public struct GatePolicy: Sendable, Hashable, Codable {
  public var failOnHigh: Bool
  public var failOnMedium: Bool
  public var failOnUnanswered: Bool
  /// Missing practices that the workload's classification requires (`required-from`).
  public var failOnMissingRequired: Bool
  public var failOnExpiredAcceptance: Bool
  /// Answer files written against an older question set version.
  public var failOnOutdated: Bool

  public init(
    failOnHigh: Bool = true, failOnMedium: Bool = false, failOnUnanswered: Bool = false,
    failOnMissingRequired: Bool = false, failOnExpiredAcceptance: Bool = false, failOnOutdated: Bool = false
  ) {
    self.failOnHigh = failOnHigh
    self.failOnMedium = failOnMedium
    self.failOnUnanswered = failOnUnanswered
    self.failOnMissingRequired = failOnMissingRequired
    self.failOnExpiredAcceptance = failOnExpiredAcceptance
    self.failOnOutdated = failOnOutdated
  }

  public static let standard = GatePolicy()

  /// The switches by the names `pillar.yml` and the command line use.
  public static var switchNames: [(name: String, path: WritableKeyPath<GatePolicy, Bool>)] {
    [
      ("high-risks", \.failOnHigh), ("medium-risks", \.failOnMedium), ("unanswered", \.failOnUnanswered),
      ("missing-required", \.failOnMissingRequired), ("expired-acceptances", \.failOnExpiredAcceptance),
      ("outdated-question-set", \.failOnOutdated),
    ]
  }
}
