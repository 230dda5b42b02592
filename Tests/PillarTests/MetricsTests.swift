import Foundation
import PillarModel
import Testing

@testable import PillarMetrics

/// `pillar metrics` on a fixture whose figures were computed by hand from docs/metrics.md before
/// the code was written (Tests/Fixtures/metrics-expected.md shows the arithmetic).
@Suite struct MetricsTests {
  static let root = Repo.fixtures.appendingPathComponent("metrics")
  static let golden = Repo.golden.appendingPathComponent("metrics")

  static func metrics(_ format: String, by: String = "quarter", _ extra: [String] = []) throws -> Run {
    try Run.pillar(
      ["metrics", "--root", root.path, "--date", "2026-11-01", "--by", by, "--format", format] + extra)
  }

  static func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  }

  /// Every key of `expected` has the same value in `actual` (numbers compared as numbers, so
  /// `50.0` and `50` agree); returns the paths that differ.
  static func differences(_ expected: Any, _ actual: Any?, at path: String = "") -> [String] {
    switch expected {
    case let object as [String: Any]:
      guard let actual = actual as? [String: Any] else { return ["\(path): not an object"] }
      return object.keys.sorted().flatMap { differences(object[$0]!, actual[$0], at: "\(path)/\($0)") }
    case let list as [Any]:
      guard let actual = actual as? [Any], actual.count == list.count else { return ["\(path): list length"] }
      return zip(list, actual).enumerated().flatMap { differences($1.0, $1.1, at: "\(path)[\($0)]") }
    case is NSNull:
      return actual is NSNull ? [] : ["\(path): expected null, got \(String(describing: actual))"]
    case let number as NSNumber:
      guard let actual = actual as? NSNumber, !(actual is NSNull), number == actual else {
        return ["\(path): expected \(number), got \(String(describing: actual))"]
      }
      return []
    case let text as String:
      return actual as? String == text ? [] : ["\(path): expected \(text), got \(String(describing: actual))"]
    default:
      return ["\(path): unexpected \(expected)"]
    }
  }

  @Test func jsonGivesTheHandComputedFigures() throws {
    let run = try Self.metrics("json")
    #expect(run.status == 0, "\(run.stderr)")
    let expected = try Self.json(
      String(contentsOf: Repo.fixtures.appendingPathComponent("metrics-expected.json"), encoding: .utf8))
    let differences = Self.differences(expected, try Self.json(run.stdout))
    #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    let schema = Repo.root.appendingPathComponent("docs/schemas/pillar-metrics-1.schema.json")
    let valid = try CheckFormatTests.validate(run.stdout, schema: schema)
    #expect(valid.status == 0, "\(valid.stdout)")
  }

  /// The CSV's rows carry the JSON's figures: each `now` row against the JSON's `now` of its group.
  @Test func csvCarriesTheSameFiguresAsTheJSON() throws {
    let json = try #require(try Self.json(Self.metrics("json").stdout) as? [String: Any])
    let csv = try Self.metrics("csv").stdout.split(separator: "\r\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = try #require(csv.first)
    func value(_ figures: Any?, _ column: String) -> String {
      var node = figures
      for key in column.split(separator: ".") { node = (node as? [String: Any])?[String(key)] }
      switch node {
      case let number as NSNumber: return Figures.days(number.doubleValue)
      case let text as String: return text
      default: return ""
      }
    }
    var checked = 0
    for row in csv.dropFirst() where row.count == header.count {
      let scope: [String: Any]? =
        switch row[0] {
        case "organisation": json
        case "classification": (json["byClassification"] as? [String: Any])?[row[1]] as? [String: Any]
        default: (json["byOwner"] as? [String: Any])?[row[1]] as? [String: Any]
        }
      let figures: Any? =
        row[2] == "now"
        ? scope?["now"] : (scope?["periods"] as? [[String: Any]])?.first { $0["period"] as? String == row[2] }
      #expect(figures != nil, "\(row[0]) \(row[1]) \(row[2])")
      for (column, cell) in zip(header, row).dropFirst(5) {
        #expect(cell == value(figures, column), "\(row[0]) \(row[1]) \(row[2]) \(column)")
        checked += 1
      }
    }
    #expect(checked > 500)
    // A header, then four quarters and now for the organisation, two levels and two owners.
    #expect(csv.count == 1 + 5 * (1 + 2 + 2))
  }

  @Test func textMatchesItsGoldenFile() throws {
    let run = try Self.metrics("text", by: "month")
    #expect(run.status == 0)
    let file = Self.golden.appendingPathComponent("metrics.txt")
    try GoldenTests.expect(run.stdout, matches: file)
    // The README's sample of this output is this output.
    let readme = try String(contentsOf: Repo.root.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "(`Tests/PillarTests/Golden/metrics/metrics.txt`"))
    let block = readme[start.upperBound...].components(separatedBy: "```")[1]
    let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    #expect(lines.count >= 5)
    for line in lines { #expect(run.stdout.contains("  \(line)\n"), "README: \(line)") }
  }

  /// The metrics page shows the command's figures: its table by month row for row, and its lead
  /// figures.
  @Test func pageShowsTheSameFiguresAsTheCommand() throws {
    let output = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let build = try Run.pillar([
      "build", "--root", Self.root.path, "--templates", Repo.templates.path, "--output", output.path, "--date",
      "2026-11-01", "--quiet",
    ])
    #expect(build.status == 0, "\(build.stderr)")
    let html = try String(contentsOf: output.appendingPathComponent("metrics.html"), encoding: .utf8)
    let json = try #require(try Self.json(Self.metrics("json", by: "month").stdout) as? [String: Any])
    let periods = try #require(json["periods"] as? [[String: Any]])
    func figure(_ object: Any?, _ path: String) -> String {
      var node = object
      for key in path.split(separator: ".") { node = (node as? [String: Any])?[String(key)] }
      guard let number = node as? NSNumber else { return "n/a" }
      return Figures.days(number.doubleValue) + (path.hasSuffix("passRate") || path.hasSuffix("share") ? " %" : "")
    }
    let table = html.components(separatedBy: "<h2 id=\"gate-pass-rate\">")[1].components(separatedBy: "</table>")[0]
    let rows = PageConsistencyTests.matches(#"<tr><th scope="row" class="date">([^<]+)</th>(.*?)</tr>"#, in: table)
    #expect(rows.count == periods.count)
    for row in rows {
      let cells = PageConsistencyTests.matches(#"<td class="num">([^<]+)</td>"#, in: row[2]).map { $0[1] }
      let period = periods.first { $0["period"] as? String == row[1] }
      let expected = [
        "releases.reviewed", "releases.passRate", "openHighRisks.total", "openMediumRisks", "highRisksClosed.count",
        "highRisksClosed.medianDays", "regressions", "reviewedOnTime.share",
      ].map { figure(period, $0) }
      let live = figure(period, "acceptances.live") + " / " + figure(period, "acceptances.expired")
      #expect(cells == expected + [live], "\(row[1])")
    }
    let now = json["now"]
    for shown in [
      figure(now, "releases.passRate"), figure(now, "openHighRisks.total"), figure(now, "highRisksClosed.medianDays"),
      figure(now, "reviewedOnTime.share"),
    ] {
      #expect(html.contains("<span class=\"tile-value\">\(shown)</span>"), "\(shown)")
    }
  }

  /// gamma was last reviewed 214 days before the build date, at a 90-day cadence.
  @Test func overdueReviewFailsTheGateOnlyWhenAsked() throws {
    let asked = try Run.pillar([
      "check", "--root", Self.root.path, "--date", "2026-11-01", "--workload", "gamma", "--fail-on-overdue-review",
    ])
    #expect(asked.status == 1)
    #expect(asked.stdout.contains("review overdue: last reviewed 2026-04-01, 214 days ago (every 90 days"))
    let plain = try Run.pillar(["check", "--root", Self.root.path, "--date", "2026-11-01", "--workload", "gamma"])
    #expect(plain.status == 0, "\(plain.stdout)")
  }

  @Test func periodsCoverEveryMonthOrQuarterFromTheFirstReview() {
    let months = Period.all(from: "2024-01-31", through: "2024-03-01", by: .month)
    #expect(months.map(\.label) == ["2024-01", "2024-02", "2024-03"])
    #expect(months[1].end == "2024-02-29")
    let quarters = Period.all(from: "2025-11-15", through: "2026-02-01", by: .quarter)
    #expect(quarters.map(\.label) == ["2025-Q4", "2026-Q1"])
    #expect(quarters.map(\.start) == ["2025-10-01", "2026-01-01"])
    #expect(quarters.map(\.end) == ["2025-12-31", "2026-03-31"])
  }
}

@Suite struct DateMathTests {
  /// Day numbers and dates are inverse over every day from 1970 to 2100, and malformed text
  /// gives no day.
  @Test func dayNumbersRoundTrip() {
    for day in stride(from: 0, to: 47_482, by: 1) {
      #expect(DateMath.dayNumber(DateMath.date(fromDayNumber: day)) == day)
    }
    #expect(DateMath.dayNumber("2026-03-01")! - DateMath.dayNumber("2026-01-10")! == 50)
    for bad in ["", "2026", "2026-01", "2026-01-", "-2026-01-01", "2026-01-01-01", "2026-O1-01", "2026/01/01"] {
      #expect(DateMath.dayNumber(bad) == nil, "\(bad)")
    }
  }

  /// A group's closing times are counted by number of days, not listed; their count, mean and
  /// median are the ones a sorted list gives (`Figures.closing`), whatever the days: odd and even
  /// counts, repeats, negative days (review dates out of release order) and days past the
  /// counted span.
  @Test func closingTimesCountedGiveTheFiguresOfTheList() {
    var generator = SystemRandomNumberGenerator()
    let cases: [[Int]] =
      [[], [5], [3, 1], [0, 0, 7], [-4, 10, 5000, 2], [4095, 4096, -1, 0]]
      + (0..<200).map { _ in
        (0..<Int.random(in: 1...60, using: &generator)).map { _ in
          Int.random(in: 0...9, using: &generator) == 0
            ? Int.random(in: -30...9000, using: &generator) : Int.random(in: 0...400, using: &generator)
        }
      }
    for days in cases {
      // Split among workloads, as the build adds them to a group.
      var group = ClosingTimes()
      var start = 0
      while start < days.count {
        let end = min(days.count, start + Int.random(in: 1...5, using: &generator))
        var workload = ClosingTimes()
        for day in days[start..<end] { workload.append(day) }
        group.absorb(workload)
        start = end
      }
      #expect(group.closing == Figures.closing(days), "\(days)")
    }
  }
}
