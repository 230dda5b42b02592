import Foundation
import Testing

/// The path-to-production gate as CI runs it: each policy switch from flags and from pillar.yml,
/// scopes, and `--changed-since`.
@Suite struct GateTests {
  /// shop's latest release passes by default; each switch makes a changed copy fail.
  struct Switch: CustomTestStringConvertible, Sendable {
    var flag: String
    var yaml: String
    var setup: @Sendable (Workbench) throws -> Void
    var reason: String
    var testDescription: String { flag }
  }

  static let switches: [Switch] = [
    Switch(
      flag: "--fail-on-medium", yaml: "medium-risks",
      setup: {
        try $0.write(
          "reviews/shop/2026.10.md",
          try $0.read("reviews/shop/2026.10.md").replacingOccurrences(
            of: "- [x] Q02-BP02 Alert on findings", with: "- [ ] Q02-BP02 Alert on findings"))
      },
      reason: "1 medium-risk issue"),
    Switch(
      flag: "--fail-on-missing-required", yaml: "missing-required",
      setup: { bench in
        // Required from confidential and accepted: no open high risk, but still a missing required practice.
        try bench.write(
          "reviews/shop/workload.md", "---\nname: Shop front\nowner: web-team\nclassification: confidential\n---\n")
      },
      reason: "1 missing required practice"),
    Switch(
      flag: "--fail-on-expired-acceptances", yaml: "expired-acceptances",
      setup: {
        try $0.write(
          "reviews/shop/2026.10.md",
          try $0.read("reviews/shop/2026.10.md").replacingOccurrences(
            of: "expires: 2027-01-31", with: "expires: 2026-10-31"))
      },
      reason: "1 expired risk acceptance"),
    Switch(
      flag: "--fail-on-outdated-question-set", yaml: "outdated-question-set",
      setup: {
        try $0.write(
          "reviews/shop/2026.10.md",
          try $0.read("reviews/shop/2026.10.md").replacingOccurrences(
            of: "question-set: \"1.0\"", with: "question-set: \"0.9\""))
      },
      reason: "answers written against question set 0.9"),
  ]

  func check(_ bench: Workbench, _ extra: [String] = []) throws -> Run {
    try Run.pillar(["check", "--root", bench.root.path, "--workload", "shop", "--date", "2026-11-01"] + extra)
  }

  @Test(arguments: switches)
  func eachSwitchPassesByDefaultAndFailsWhenOn(_ policy: Switch) throws {
    let bench = try Workbench()
    try policy.setup(bench)
    let loose = try check(bench)
    #expect(loose.status == 0, "\(loose.stdout)\(loose.stderr)")
    let strict = try check(bench, [policy.flag])
    #expect(strict.status == 1, "\(strict.stdout)")
    #expect(strict.stdout.contains("FAIL  shop 2026.10"))
    #expect(strict.stdout.contains(policy.reason), "\(strict.stdout)")
    // The same switch from pillar.yml, and a flag that turns it off again.
    try bench.write("pillar.yml", "gate:\n  \(policy.yaml): true\n")
    #expect(try check(bench).status == 1)
    let off = "--no-" + policy.flag.dropFirst(2)
    #expect(try check(bench, [off]).status == 0)
  }

  /// The default fails closed; relaxing it is possible, and then said beside every verdict.
  @Test func theDefaultFailsOnHighRisksAndUnansweredQuestionsAndCanBeRelaxed() throws {
    let bench = try Workbench()
    let ledger = ["check", "--root", bench.root.path, "--workload", "ledger", "--date", "2026-11-01"]
    let strict = try Run.pillar(ledger)
    #expect(strict.status == 1)
    #expect(strict.stdout.contains("(1 high-risk issue, 1 unanswered question)"))
    let highOff = try Run.pillar(ledger + ["--no-fail-on-high"])
    #expect(highOff.status == 1)
    #expect(highOff.stdout.contains("(1 unanswered question)"))
    let relaxed = try Run.pillar(ledger + ["--no-fail-on-high", "--no-fail-on-unanswered"])
    #expect(relaxed.status == 0)
    #expect(relaxed.stdout.contains("verdicts under a relaxed policy (high-risks: false, unanswered: false)"))
    // The same from pillar.yml, shown on the site's pages.
    try bench.write("pillar.yml", "gate:\n  unanswered: false\n  high-risks: false\n")
    #expect(try Run.pillar(ledger).status == 0)
    let (build, site) = try bench.build()
    #expect(build.status == 0, "\(build.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("workloads/ledger/2026.1.html"), encoding: .utf8)
    #expect(page.contains("under a relaxed policy (high-risks: false, unanswered: false)"))
  }

  /// An answer file with front matter and no sections never passes, under any policy, at any
  /// classification; a required practice of an unanswered question is a high risk.
  @Test func anAnswerFileThatAnswersNothingNeverPasses() throws {
    let bench = try Workbench()
    try bench.write(
      "reviews/ledger/2026.2.md", "---\nrelease: \"2026.2\"\nreviewed: 2026-10-01\nreviewers: [a]\n---\nNothing yet.\n")
    let args = ["check", "--root", bench.root.path, "--workload", "ledger", "--date", "2026-11-01"]
    let strict = try Run.pillar(args)
    #expect(strict.status == 1)
    // ledger is confidential: Q01-BP02 is required from confidential, so Q01 counts as a high risk.
    #expect(
      strict.stdout.contains(
        "FAIL  ledger 2026.2  score 0  HRI 1  MRI 0  unanswered 3  (answers no question, 1 high-risk issue)"),
      "\(strict.stdout)")
    let relaxed = try Run.pillar(args + ["--no-fail-on-high", "--no-fail-on-unanswered"])
    #expect(relaxed.status == 1)
    #expect(relaxed.stdout.contains("(answers no question)"))
    // The site says the same, with the reason.
    let (build, site) = try bench.build()
    #expect(build.status == 0, "\(build.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("workloads/ledger/2026.2.html"), encoding: .utf8)
    #expect(
      page.contains(
        "<span class=\"tile-value\">Fails</span><span class=\"tile-label\">path to production: answers no question, 1 high-risk issue <a"
      ))
  }

  @Test func invalidPillarYmlIsInvalidInput() throws {
    let bench = try Workbench()
    try bench.write("pillar.yml", "gate:\n  medium-risk: yes\n")
    let run = try check(bench)
    #expect(run.status == 2)
    #expect(
      run.stdout.contains(
        "pillar.yml:2:3: error: unknown field 'medium-risk'; did you mean 'medium-risks'? [unknown-field]"))
  }

  @Test func pathsAndWorkloadsLimitTheCheck() throws {
    let bench = try Workbench()
    let file = bench.root.appendingPathComponent("reviews/shop/2026.9.md").path
    let run = try Run.pillar(["check", "--root", bench.root.path, file])
    #expect(run.status == 1)
    #expect(run.stdout.contains("FAIL  shop 2026.9"))
    #expect(!run.stdout.contains("ledger"))
    let folder = try Run.pillar([
      "check", "--root", bench.root.path, bench.root.appendingPathComponent("reviews/shop").path,
    ])
    #expect(folder.status == 0)
    let unknown = try Run.pillar(["check", "--root", bench.root.path, "--workload", "nope"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("there is no workload 'nope'"))
    // Errors in other workloads do not fail a check scoped away from them.
    try bench.write("reviews/ledger/2026.1.md", "---\nrelease: 1\n---\n")
    #expect(try Run.pillar(["check", "--root", bench.root.path, "--workload", "shop"]).status == 0)
    #expect(try Run.pillar(["check", "--root", bench.root.path]).status == 2)
  }

  @Test func changedSinceChecksOnlyWhatAPullRequestTouched() throws {
    let bench = try Workbench()
    try bench.git("init", "-q")
    try bench.git("add", "-A")
    try bench.git("commit", "-q", "-m", "base")
    let nothing = try Run.pillar(["check", "--root", bench.root.path, "--changed-since", "HEAD"])
    #expect(nothing.status == 0)
    #expect(nothing.stdout == "checked 0 workloads, 0 releases: 0 errors, 0 warnings; 0 failing the gate\n")
    // An uncommitted change to shop only: ledger (which fails) is not checked.
    try bench.write("reviews/shop/2026.10.md", try bench.read("reviews/shop/2026.10.md") + "\nMore notes.\n")
    let shop = try Run.pillar(["check", "--root", bench.root.path, "--changed-since", "HEAD"])
    #expect(shop.status == 0)
    #expect(shop.stdout.contains("PASS  shop 2026.10"))
    #expect(!shop.stdout.contains("ledger"))
    // A change to the question set affects every workload.
    try bench.write("questions/Q02-logging.md", try bench.read("questions/Q02-logging.md") + "\nMore guidance.\n")
    let all = try Run.pillar(["check", "--root", bench.root.path, "--changed-since", "HEAD"])
    #expect(all.status == 1)
    #expect(all.stdout.contains("FAIL  ledger 2026.1"))
    let bad = try Run.pillar(["check", "--root", bench.root.path, "--changed-since", "nope"])
    #expect(bad.status == 64)
  }
}
