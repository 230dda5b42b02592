import Foundation
import PillarCommands
import PillarModel
import PillarScoring
import Testing

/// Threat models per workload (docs/scoring.md, "Threats"), on the basic fixture: shop names the
/// template `web` (TM-1, mitigated by Q01-BP01) and here gets its own threats. Its releases mark:
///
/// | practice | 2026.1 | 2026.9 | 2026.10 |
/// | --- | --- | --- | --- |
/// | Q01-BP01 | x | x | x |
/// | Q01-BP02 | – | – | – |
/// | Q01-BP03 | x | x | x |
/// | Q02-BP01 | – | – | x |
/// | Q03-BP02 | n/a | unanswered | n/a |
@Suite struct ThreatTests {
  static let own = """
    ---
    title: Shop specifics
    threats:
      - id: SHOP-1
        title: Gift cards brute-forced at checkout
        mitigations: [Q01-BP01, Q01-BP03]
      - id: SHOP-2
        title: Stolen session reused from another country
        mitigations: [Q01-BP02, Q02-BP01]
      - id: SHOP-3
        title: Long-lived payment provider key leaked
        mitigations: [Q01-BP02]
      - id: SHOP-4
        title: Order exports shared with the wrong partner
        mitigations: [Q03-BP02]
    ---
    ## Assets
    Orders and gift cards.
    ## Trust boundaries
    The payment provider.
    ## Threats
    See the list.

    """

  /// The hand-computed table: the state of each threat at each release.
  static let expected: [String: [String: ThreatState]] = [
    "2026.1": [
      "TM-1": .mitigated, "SHOP-1": .mitigated, "SHOP-2": .open, "SHOP-3": .open,
      // Not applicable alone: nothing implemented, so not mitigated.
      "SHOP-4": .open,
    ],
    "2026.9": [
      "TM-1": .mitigated, "SHOP-1": .mitigated, "SHOP-2": .open, "SHOP-3": .open,
      // Unanswered: not implemented.
      "SHOP-4": .open,
    ],
    "2026.10": [
      "TM-1": .mitigated, "SHOP-1": .mitigated, "SHOP-2": .partlyMitigated, "SHOP-3": .open, "SHOP-4": .open,
    ],
  ]

  @Test func mitigationStatesMatchTheHandComputedTable() throws {
    let bench = try Workbench()
    try bench.write("reviews/shop/threat-model.md", Self.own)
    let checked = try bench.checked()
    #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty, "\(checked.diagnostics)")
    let shop = try #require(checked.evaluation.workloads.first { $0.workload.id == "shop" })
    #expect(shop.workload.reviews.map(\.release) == ["2026.1", "2026.9", "2026.10"], "threat-model.md is no release")
    for (index, review) in shop.workload.reviews.enumerated() {
      let states = Dictionary(uniqueKeysWithValues: shop.threats[index].map { ($0.threat.id, $0.state) })
      #expect(states == Self.expected[review.release], "\(review.release)")
      // Open first, then partly mitigated, then mitigated.
      let order = shop.threats[index].map(\.state)
      #expect(
        order == order.sorted { ThreatState.allCases.firstIndex(of: $0)! < ThreatState.allCases.firstIndex(of: $1)! })
    }
  }

  @Test func openThreatsFailTheGateFromTheChosenLevel() throws {
    let bench = try Workbench()
    try bench.write("reviews/shop/threat-model.md", Self.own)
    let base = ["check", "--root", bench.root.path, "--date", "2026-11-01", "--workload", "shop"]
    let fails = try Run.pillar(base + ["--fail-on-open-threats-from", "public"])
    #expect(fails.status == 1, "\(fails.stdout)")
    #expect(fails.stdout.contains("2 open threats (SHOP-3, SHOP-4) at Public or above"), "\(fails.stdout)")
    // shop is public: a rule from internal up does not reach it.
    let above = try Run.pillar(base + ["--fail-on-open-threats-from", "internal"])
    #expect(!above.stdout.contains("open threat"), "\(above.stdout)")
    let plain = try Run.pillar(base)
    #expect(!plain.stdout.contains("open threat"))
    let typo = try Run.pillar(base + ["--fail-on-open-threats-from", "pubic"])
    #expect(typo.status == 2)
    #expect(typo.stdout.contains("open-threats-from 'pubic' is not a level; did you mean 'public'?"), "\(typo.stdout)")
  }

  @Test func ownThreatsAreCheckedAgainstTheQuestionSetAndTheTemplates() throws {
    let bench = try Workbench()
    try bench.write(
      "reviews/shop/threat-model.md",
      Self.own.replacingOccurrences(of: "SHOP-1", with: "TM-1").replacingOccurrences(
        of: "[Q01-BP02]", with: "[Q01-BP2]"))
    let lines = try bench.diagnostics()
    #expect(
      lines.contains { $0.contains("threat 'TM-1' is also a threat of a template this workload names") }, "\(lines)")
    #expect(lines.contains { $0.contains("practice 'Q01-BP2' does not exist; did you mean 'Q01-BP02'?") }, "\(lines)")
  }

  @Test func pagesListOpenThreatsFirstAndTemplatesCountTheWorkloadsLeavingThemOpen() throws {
    let bench = try Workbench()
    try bench.write("reviews/shop/threat-model.md", Self.own)
    try bench.write(
      "reviews/shop/workload.md",
      try bench.read("reviews/shop/workload.md").replacingOccurrences(
        of: "threat-model: web", with: "threat-models: [web]"))
    let (run, site) = try bench.build()
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("workloads/shop/index.html"), encoding: .utf8)
    let open = try #require(page.range(of: "SHOP-3"))
    let mitigated = try #require(page.range(of: "Gift cards brute-forced"))
    #expect(open.lowerBound < mitigated.lowerBound, "open threats come first")
    let template = try String(contentsOf: site.appendingPathComponent("threat-models/web.html"), encoding: .utf8)
    #expect(template.contains("0 of 1 workloads"))
  }
}
