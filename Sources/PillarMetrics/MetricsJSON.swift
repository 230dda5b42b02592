import Foundation

/// `pillar metrics --format json`: the schema `pillar-metrics/1`
/// (`docs/schemas/pillar-metrics-1.schema.json`). Every key is always present; a share or mean
/// of nothing is `null`.
extension MetricsReport: Encodable {
  package static let schemaName = "pillar-metrics/1"

  private enum Keys: String, CodingKey {
    case schema, date, by, now, periods, byClassification, byOwner, workloads, evidence
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(Self.schemaName, forKey: .schema)
    try container.encode(date, forKey: .date)
    try container.encode(granularity.rawValue, forKey: .by)
    try container.encode(now, forKey: .now)
    try container.encode(periods, forKey: .periods)
    try container.encode(
      Dictionary(uniqueKeysWithValues: byClassification.map { ($0.id, $0) }), forKey: .byClassification)
    try container.encode(Dictionary(uniqueKeysWithValues: byOwner.map { ($0.id, $0) }), forKey: .byOwner)
    try container.encode(workloads, forKey: .workloads)
    // Present only when scanner evidence was given: a report without it is unchanged.
    try container.encodeIfPresent(evidence, forKey: .evidence)
  }

  /// Pretty, sorted keys: the same report always gives the same bytes.
  package func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}

extension MetricsReport.Row: Encodable {
  private enum Keys: String, CodingKey { case period, start, end }

  /// The period's label and days, then its figures at the same level.
  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(period.label, forKey: .period)
    try container.encode(period.start, forKey: .start)
    try container.encode(period.end, forKey: .end)
    try figures.encode(to: encoder)
  }
}

extension MetricsReport.Group: Encodable {
  private enum Keys: String, CodingKey { case now, periods }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(now, forKey: .now)
    try container.encode(periods, forKey: .periods)
  }
}

extension MetricsReport.Cadence: JSONFields {
  var fields: [(String, any Encodable)] {
    [
      ("id", id), ("name", name), ("owner", owner), ("classification", classification),
      ("lastReviewed", lastReviewed), ("daysSinceReview", daysSinceReview), ("reviewEvery", reviewEvery),
      ("overdue", overdue),
    ]
  }
}

extension Figures: JSONFields {
  var fields: [(String, any Encodable)] {
    [
      ("highRisksClosed", highRisksClosed), ("mediumRisksClosed", mediumRisksClosed),
      ("openHighRisks", openHighRisks), ("openMediumRisks", openMediumRisks), ("reviewedOnTime", reviewedOnTime),
      ("releases", releases), ("regressions", regressions), ("improvements", improvements),
      ("acceptances", acceptances), ("coverage", Self.byID(coverage)), ("objectives", Self.byID(objectives)),
      ("incidents", incidents),
    ]
  }

  private static func byID(_ shares: [Share]) -> [String: Int?] {
    Dictionary(uniqueKeysWithValues: shares.map { ($0.id, $0.share) })
  }
}

extension Figures.Incidents: JSONFields {
  var fields: [(String, any Encodable)] {
    [
      ("count", count), ("prevented", prevented), ("detected", detected), ("reported", reported),
      ("meanDaysToDetect", meanDaysToDetect), ("meanDaysToContain", meanDaysToContain),
      ("meanDaysToResolve", meanDaysToResolve), ("contributors", contributors),
    ]
  }
}

extension Figures.Closing: JSONFields {
  var fields: [(String, any Encodable)] { [("count", count), ("meanDays", meanDays), ("medianDays", medianDays)] }
}

extension Figures.OpenRisks: JSONFields {
  var fields: [(String, any Encodable)] {
    [
      ("total", total), ("days0to30", days0to30), ("days31to90", days31to90), ("over90", over90),
      ("oldest", oldest),
    ]
  }
}

extension Figures.OnTime: JSONFields {
  var fields: [(String, any Encodable)] { [("workloads", workloads), ("onTime", onTime), ("share", share)] }
}

extension Figures.Releases: JSONFields {
  var fields: [(String, any Encodable)] { [("reviewed", reviewed), ("passed", passed), ("passRate", passRate)] }
}

/// A value written as a JSON object of these fields, in this order, every one present: an
/// optional without a value is written `null` (synthesized `Encodable` would leave the key out).
protocol JSONFields: Encodable {
  var fields: [(String, any Encodable)] { get }
}

extension JSONFields {
  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: FieldKey.self)
    for (name, value) in fields { try container.encode(value, forKey: FieldKey(stringValue: name)) }
  }
}

struct FieldKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
