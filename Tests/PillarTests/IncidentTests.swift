import Foundation
import PillarCommands
import PillarModel
import PillarScoring
import Testing

/// Incident reviews acting on the workbook (docs/format.md, `incidents/<id>.md`), on the basic
/// fixture: shop's releases are reviewed 2026-03-01, 2026-09-01 and 2026-10-01, and its latest
/// (2026.10) implements everything but Q01-BP02.
@Suite struct IncidentTests {
  static func incident(
    severity: String = "high", workloads: String = "[shop]", started: String = "2026-09-10",
    detected: String = "2026-09-12",
    contributed: String = "[Q02-BP01]", actions: String = "", extra: String = ""
  ) -> String {
    """
    ---
    title: Checkout session tokens written to an application log
    severity: \(severity)
    workloads: \(workloads)
    started: \(started)
    detected: \(detected)
    contained: \(detected)
    resolved: 2026-10-20
    caught: detected
    helped: [Q02-BP02]
    contributed: \(contributed)
    \(actions.isEmpty ? "actions: []" : "actions:\n\(actions)")
    \(extra)
    ---
    ## Summary
    Session tokens were logged for ten days; the alerting found them.

    ## Timeline
    Logged from 2026-09-10, alert on 2026-09-12, rotated the same day.

    ## What went well
    The alert fired within the hour.

    ## What we learned
    Central logging was not in place for the checkout service.

    ## Actions
    See the follow-up actions.

    """
  }

  static let rotateAction = """
      - practice: Q01-BP02
        owner: web-team
        due: 2026-10-15
        note: Rotate session signing keys automatically.
    """

  @Test func validIncidentIsReadAndItsActionJoinsThePlanOverdueAfterItsDate() throws {
    let bench = try Workbench()
    try bench.write("incidents/INC-A.md", Self.incident(actions: Self.rotateAction))
    let checked = try bench.checked()
    #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty, "\(checked.diagnostics)")
    #expect(checked.workbook.incidents.map(\.id) == ["INC-A"])
    let shop = try #require(checked.evaluation.workloads.first { $0.workload.id == "shop" })
    // It joins the first release reviewed on or after the incident was detected (2026.10), not before.
    #expect(!shop.plans[1].contains { $0.incident == "INC-A" })
    let planned = try #require(shop.plans[2].first { $0.incident == "INC-A" })
    #expect(planned.improvement.practice.id == "Q01-BP02")
    #expect(planned.listedIn == "2026.10")
    #expect(planned.isOverdue)
    let early = try bench.checked(date: "2026-10-10")
    let earlyShop = early.evaluation.workloads.first { $0.workload.id == "shop" }
    #expect(earlyShop?.plans[2].first { $0.incident == "INC-A" }?.isOverdue == false)
  }

  @Test func contributingPracticeMarkedImplementedBeforeTheIncidentIsFlaggedForReReview() throws {
    let bench = try Workbench()
    // Detected after shop's latest review (2026-10-01), which marks Q03-BP01 implemented.
    try bench.write(
      "incidents/INC-R.md", Self.incident(detected: "2026-10-20", contributed: "[Q03-BP01, Q01-BP02]"))
    let lines = try bench.diagnostics()
    #expect(
      lines.contains(
        "reviews/shop/2026.10.md:32:7: warning: 'Q03-BP01' is marked implemented, but incident 'INC-R' (incidents/INC-R.md:11) names it as contributing; review it again and say what changed [re-review]"
      ), "\(lines)")
    // Q01-BP02 is marked missing: nothing to re-review there.
    #expect(!lines.contains { $0.contains("'Q01-BP02' is marked implemented") })
    let (run, site) = try bench.build()
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("workloads/shop/2026.10.html"), encoding: .utf8)
    #expect(page.contains(">Re-review: incident INC-R</a>"))
    // An earlier release is not flagged: the flag is about the answers in force.
    let older = try String(contentsOf: site.appendingPathComponent("workloads/shop/2026.9.html"), encoding: .utf8)
    #expect(!older.contains("Re-review"))
  }

  @Test func overdueIncidentActionsFailTheGateOnlyWhenAskedAndOnlyWhenOverdue() throws {
    let bench = try Workbench()
    try bench.write("incidents/INC-A.md", Self.incident(actions: Self.rotateAction))
    let flag = "--fail-on-overdue-incident-actions"
    let fails = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01", "--workload", "shop", flag])
    #expect(fails.status == 1, "\(fails.stdout)")
    #expect(fails.stdout.contains("1 overdue action of high incident INC-A"))
    let plain = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01", "--workload", "shop"])
    #expect(!plain.stdout.contains("overdue action"))
    // Not yet due.
    let early = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-10-10", "--workload", "shop", flag])
    #expect(!early.stdout.contains("overdue action"), "\(early.stdout)")
    // A low-severity incident's late action does not block a release.
    try bench.write("incidents/INC-A.md", Self.incident(severity: "low", actions: Self.rotateAction))
    let low = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01", "--workload", "shop", flag])
    #expect(!low.stdout.contains("overdue action"), "\(low.stdout)")
  }

  /// ledger's only release (2026.1, reviewed 2026-05-01) leaves Q01-BP03 missing and plans
  /// nothing: it is the first review after an incident detected on 2026-04-20.
  @Test func firstReviewAfterAnIncidentMustAddressEachContributingPractice() throws {
    let bench = try Workbench()
    let flag = "--fail-on-unaddressed-incidents"
    let base = ["check", "--root", bench.root.path, "--date", "2026-11-01", "--workload", "ledger"]
    let incident = { (actions: String) in
      Self.incident(
        severity: "low", workloads: "[ledger]", started: "2026-04-18", detected: "2026-04-20",
        contributed: "[Q01-BP03, Q01-BP01]", actions: actions)
    }
    try bench.write("incidents/INC-U.md", incident(""))
    let fails = try Run.pillar(base + [flag])
    #expect(fails.status == 1, "\(fails.stdout)")
    #expect(
      fails.stdout.contains("incident INC-U not addressed: Q01-BP03 neither implemented, planned nor accepted"),
      "\(fails.stdout)")
    let plain = try Run.pillar(base)
    #expect(!plain.stdout.contains("not addressed"))
    // A follow-up action plans it: addressed.
    try bench.write(
      "incidents/INC-U.md",
      incident(
        """
          - practice: Q01-BP03
            owner: finance-eng
            due: 2026-06-30
        """))
    let planned = try Run.pillar(base + [flag])
    #expect(!planned.stdout.contains("not addressed"), "\(planned.stdout)")
  }

  @Test(arguments: [
    (
      "workloads: [shopp]",
      "incidents/INC-X.md:4:13: error: workload 'shopp' does not exist under reviews/; did you mean 'shop'? [unknown-workload]"
    ),
    (
      "contributed: [Q02-BP9]", "error: practice 'Q02-BP9' does not exist in the question set; did you mean 'Q02-BP01'?"
    ),
    ("severity: hight", "incidents/INC-X.md:3:11: error: 'hight' is not a severity; did you mean 'high'?"),
    (
      "detected: 2026-09-01",
      "incidents/INC-X.md:6:11: error: 'detected' (2026-09-01) is before 'started' (2026-09-10); dates follow the incident [date-order]"
    ),
    (
      "resolved: 2026-12-01",
      "incidents/INC-X.md:1:1: error: the incident is dated 2026-12-01, after the build date 2026-11-01; check the year, or build with --date [incident-in-future]"
    ),
    ("colour: red", "error: unknown field 'colour'"),
  ])
  func mistakesAreReportedWhereTheyAre(_ line: String, _ expected: String) throws {
    let bench = try Workbench()
    var text = Self.incident()
    let key = String(line.prefix { $0 != ":" })
    if let range = text.range(of: "\n\(key): [^\n]*", options: .regularExpression) {
      text.replaceSubrange(range, with: "\n\(line)")
    } else {
      text = text.replacingOccurrences(of: "\ncaught:", with: "\n\(line)\ncaught:")
    }
    try bench.write("incidents/INC-X.md", text)
    let lines = try bench.diagnostics()
    #expect(lines.contains { $0.contains(expected) }, "\(lines)")
  }

  @Test func anActionOfAnIncidentWithSeveralWorkloadsNamesItsWorkload() throws {
    let bench = try Workbench()
    try bench.write("incidents/INC-M.md", Self.incident(workloads: "[shop, ledger]", actions: Self.rotateAction))
    let lines = try bench.diagnostics()
    #expect(
      lines.contains { $0.contains("this action needs 'workload: <id>': the incident involves 2 workloads") },
      "\(lines)")
  }

  @Test func pagesShowTheIncidentWhereItMatters() throws {
    let bench = try Workbench()
    try bench.write("incidents/INC-A.md", Self.incident(actions: Self.rotateAction))
    let (run, site) = try bench.build()
    #expect(run.status == 0, "\(run.stderr)")
    func page(_ path: String) throws -> String {
      try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }
    let incident = try page("incidents/INC-A.html")
    #expect(incident.contains("Checkout session tokens written to an application log"))
    #expect(incident.contains("(2 days after it started)"))
    #expect(incident.contains(">Overdue</span>"))
    #expect(try page("incidents/index.html").contains("href=\"../incidents/INC-A.html\""))
    #expect(try page("workloads/shop/index.html").contains("Incidents that involved this workload"))
    #expect(try page("questions/Q02.html").contains("Incidents that involved this practice"))
    #expect(try page("workloads/shop/2026.10.html").contains("follow-up of <a href=\"../../incidents/INC-A.html\">"))
    #expect(try page("executive.html").contains("Incidents reviewed: 1, of which <strong>0 prevented</strong>"))
  }

  @Test func metricsCountIncidentsAndHowFastTheyWereHandled() throws {
    let bench = try Workbench()
    try bench.write("incidents/INC-A.md", Self.incident(actions: Self.rotateAction))
    let run = try Run.pillar(["metrics", "--root", bench.root.path, "--date", "2026-11-01", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let incidents = try #require((json["now"] as? [String: Any])?["incidents"] as? [String: Any])
    // Started 2026-09-10, detected and contained 2026-09-12, resolved 2026-10-20.
    #expect(incidents["count"] as? Int == 1)
    #expect(incidents["detected"] as? Int == 1)
    #expect(incidents["meanDaysToDetect"] as? Double == 2)
    #expect(incidents["meanDaysToContain"] as? Double == 2)
    #expect(incidents["meanDaysToResolve"] as? Double == 40)
    let contributors = try #require(incidents["contributors"] as? [[String: Any]])
    #expect(contributors.first?["practice"] as? String == "Q02-BP01")
  }

  @Test func newScaffoldsAnIncidentThatCannotPassUntilFilledIn() throws {
    let bench = try Workbench()
    let run = try Run.pillar(["new", "--root", bench.root.path, "--date", "2026-11-01", "--incident", "INC-9", "shop"])
    #expect(run.status == 0, "\(run.stderr)")
    let text = try bench.read("incidents/INC-9.md")
    #expect(text.contains("workloads: [shop]"))
    let lines = try bench.diagnostics()
    #expect(lines.contains { $0.hasPrefix("incidents/INC-9.md:2:") && $0.contains("[placeholder]") }, "\(lines)")
    #expect(lines.contains { $0.contains("incidents/INC-9.md") && $0.contains("'TODO: what happened") })
    let again = try Run.pillar(["new", "--root", bench.root.path, "--incident", "INC-9"])
    #expect(again.status == 64)
  }
}
