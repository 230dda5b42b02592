import Foundation

/// `pillar metrics --format json`: the schema `pillar-metrics/1`
/// (`docs/schemas/pillar-metrics-1.schema.json`). Every key is always present; a share or mean
/// of nothing is `null`.
extension MetricsReport: Encodable {
  package static let schemaName = "pillar-metrics/1"

  private enum Keys: String, CodingKey {
    case schema, date, by, now, periods, byClassification, byOwner, workloads
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

extension MetricsReport.Cadence: Encodable {
  private enum Keys: String, CodingKey {
    case id, name, owner, classification, lastReviewed, daysSinceReview, reviewEvery, overdue
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(id, forKey: .id)
    try container.encode(name, forKey: .name)
    try container.encode(owner, forKey: .owner)
    try container.encode(classification, forKey: .classification)
    try container.encode(lastReviewed, forKey: .lastReviewed)
    try container.encode(daysSinceReview, forKey: .daysSinceReview)
    try container.encode(reviewEvery, forKey: .reviewEvery)
    try container.encode(overdue, forKey: .overdue)
  }
}

extension Figures: Encodable {
  private enum Keys: String, CodingKey {
    case highRisksClosed, mediumRisksClosed, openHighRisks, openMediumRisks, reviewedOnTime, releases, regressions
    case improvements, acceptances, coverage, objectives
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(highRisksClosed, forKey: .highRisksClosed)
    try container.encode(mediumRisksClosed, forKey: .mediumRisksClosed)
    try container.encode(openHighRisks, forKey: .openHighRisks)
    try container.encode(openMediumRisks, forKey: .openMediumRisks)
    try container.encode(reviewedOnTime, forKey: .reviewedOnTime)
    try container.encode(releases, forKey: .releases)
    try container.encode(regressions, forKey: .regressions)
    try container.encode(improvements, forKey: .improvements)
    try container.encode(acceptances, forKey: .acceptances)
    try container.encode(Self.byID(coverage), forKey: .coverage)
    try container.encode(Self.byID(objectives), forKey: .objectives)
  }

  private static func byID(_ shares: [Share]) -> [String: Int?] {
    Dictionary(uniqueKeysWithValues: shares.map { ($0.id, $0.share) })
  }
}

extension Figures.Closing: Encodable {
  private enum Keys: String, CodingKey { case count, meanDays, medianDays }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(count, forKey: .count)
    try container.encode(meanDays, forKey: .meanDays)
    try container.encode(medianDays, forKey: .medianDays)
  }
}

extension Figures.OpenRisks: Encodable {
  private enum Keys: String, CodingKey { case total, days0to30, days31to90, over90, oldest }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(total, forKey: .total)
    try container.encode(days0to30, forKey: .days0to30)
    try container.encode(days31to90, forKey: .days31to90)
    try container.encode(over90, forKey: .over90)
    try container.encode(oldest, forKey: .oldest)
  }
}

extension Figures.OnTime: Encodable {
  private enum Keys: String, CodingKey { case workloads, onTime, share }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(workloads, forKey: .workloads)
    try container.encode(onTime, forKey: .onTime)
    try container.encode(share, forKey: .share)
  }
}

extension Figures.Releases: Encodable {
  private enum Keys: String, CodingKey { case reviewed, passed, passRate }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(reviewed, forKey: .reviewed)
    try container.encode(passed, forKey: .passed)
    try container.encode(passRate, forKey: .passRate)
  }
}
