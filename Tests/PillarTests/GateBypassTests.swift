import Foundation
import Testing

@testable import PillarCommands

/// The gate as a pull request meets it, in a scratch git repository: the easy ways out of a red
/// check (deleting the failing answers, deleting the workload) fail with a message that names
/// them, and a change is measured from where it left its base branch.
@Suite struct GateBypassTests {
  /// A repository with the fixture committed on main, and a branch `change` checked out.
  static func repository() throws -> Workbench {
    let bench = try Workbench()
    try bench.git("init", "-q", "-b", "main")
    try bench.git("add", ".")
    try bench.commit(on: "2026-10-20")
    try bench.git("checkout", "-q", "-b", "change")
    return bench
  }

  func check(_ bench: Workbench, _ extra: [String] = []) throws -> Run {
    try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01", "--changed-since", "main"] + extra)
  }

  @Test func deletingTheFailingAnswersFailsUnderEveryPolicy() throws {
    let bench = try Self.repository()
    let file = "reviews/shop/2026.10.md"
    let text = try bench.read(file)
    let start = try #require(text.range(of: "## Q02"))
    let end = try #require(text.range(of: "## Q03"))
    try bench.write(file, String(text[..<start.lowerBound]) + String(text[end.lowerBound...]))
    for extra in [[], ["--no-fail-on-unanswered"]] {
      let run = try check(bench, extra)
      #expect(run.status == 1, "\(extra): \(run.stdout)")
      #expect(
        run.stdout.contains("answers taken out since the base: Q02 (taking an answer out is a regression)"),
        "\(run.stdout)")
    }
    let diff = try Run.pillar(["diff", "--root", bench.root.path, "--date", "2026-11-01", "--against", "main"])
    #expect(diff.stdout.contains("Q02-BP02"), "\(diff.stdout)")
    #expect(!diff.stdout.contains("other changes"), "\(diff.stdout)")
    // The comment links each regressed practice to its guidance on the published site.
    try bench.write("pillar.yml", "site-url: https://posture.example/\n")
    let comment = try Run.pillar([
      "diff", "--root", bench.root.path, "--date", "2026-11-01", "--against", "main", "--format", "markdown",
    ])
    #expect(
      comment.stdout.contains("- [Q02-BP02](https://posture.example/questions/Q02.html#Q02-BP02) Alert on findings: "),
      "\(comment.stdout)")
  }

  @Test func deletingAWorkloadFailsUnlessItWasRetiredFirst() throws {
    let bench = try Self.repository()
    try bench.remove("reviews/ledger")
    let removed = try check(bench)
    #expect(removed.status == 1)
    #expect(
      removed.stdout.contains(
        "ledger  removed since"), "\(removed.stdout)")
    #expect(removed.stdout.contains("a workload is retired before it is removed; restore reviews/ledger/"))
    let github = try check(bench, ["--format", "github"])
    #expect(github.stdout.hasPrefix("::error title=Pillar%3A the path-to-production gate fails::1 failing: ledger."))
    #expect(
      github.stdout.contains(
        "\n::error file=reviews/ledger/workload.md,line=1,col=1,title=ledger removed without being retired::"))
    // Retired on main first, then removed: the change passes.
    try bench.git("checkout", "-q", "--", "reviews/ledger")
    try bench.git("checkout", "-q", "main")
    try bench.write(
      "reviews/ledger/workload.md",
      try bench.read("reviews/ledger/workload.md").replacingOccurrences(
        of: "classification: confidential\n",
        with: "classification: confidential\nretired: 2026-10-30\nretired-reason: replaced by the new ledger\n"))
    try bench.git("commit", "-q", "-am", "retire ledger")
    let retired = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01"])
    #expect(
      retired.stdout.contains("RETIRED  ledger since 2026-10-30: replaced by the new ledger"), "\(retired.stdout)")
    #expect(retired.status == 0, "a retired workload is no longer gated: \(retired.stdout)")
    try bench.git("checkout", "-q", "-b", "remove")
    try bench.remove("reviews/ledger")
    #expect(try check(bench).status == 0)
  }

  /// main moved on after the branch was made (another team broke shop there): the change is
  /// measured from the merge base, so shop is not blamed on it; `main...HEAD` reads the same.
  @Test func aChangeIsMeasuredFromTheMergeBase() throws {
    let bench = try Self.repository()
    try bench.write("reviews/ledger/2026.1.md", try bench.read("reviews/ledger/2026.1.md") + "\nMore notes.\n")
    try bench.git("commit", "-q", "-am", "ledger notes")
    try bench.git("checkout", "-q", "main")
    try bench.write(
      "reviews/shop/2026.10.md",
      try bench.read("reviews/shop/2026.10.md").replacingOccurrences(
        of: "- [x] Q02-BP01", with: "- [ ] Q02-BP01"))
    try bench.git("commit", "-q", "-am", "shop regresses on main")
    try bench.git("checkout", "-q", "change")
    for revision in ["main", "main...HEAD"] {
      let run = try Run.pillar([
        "check", "--root", bench.root.path, "--date", "2026-11-01", "--changed-since", revision,
      ])
      #expect(run.stdout.contains("ledger 2026.1"), "\(revision): \(run.stdout)")
      #expect(!run.stdout.contains("shop"), "\(revision): \(run.stdout)")
    }
  }

  @Test func aShallowCloneSaysHowToFetchTheBase() throws {
    let bench = try Self.repository()
    try bench.write("reviews/ledger/2026.1.md", try bench.read("reviews/ledger/2026.1.md") + "\nMore notes.\n")
    try bench.git("commit", "-q", "-am", "ledger notes")
    let clone = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: clone) }
    let run = try Run.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["git", "clone", "-q", "--depth", "1", "--branch", "change", "file://\(bench.root.path)", clone.path])
    #expect(run.status == 0, "\(run.stderr)")
    let check = try Run.pillar(["check", "--root", clone.path, "--date", "2026-11-01", "--changed-since", "HEAD~1"])
    #expect(check.status == 64)
    #expect(
      check.stderr.contains(
        "'HEAD~1' is not in this clone, which is shallow; fetch the whole history (with actions/checkout, 'fetch-depth: 0'"
      ), "\(check.stderr)")
    let github = try Run.pillar([
      "check", "--root", clone.path, "--date", "2026-11-01", "--changed-since", "HEAD~1", "--format", "github",
    ])
    #expect(github.status == 64)
    #expect(
      github.stdout.hasPrefix(
        "::error title=Pillar%3A the check could not run::'HEAD~1' is not in this clone, which is shallow"))
  }
}

extension GateBypassTests {
  /// A failing release says what blocks it, where, whether it regressed and since when, and how
  /// to pass.
  @Test func aFailingReleaseSaysWhatToDo() throws {
    let bench = try Workbench()
    let file = "reviews/shop/2026.10.md"
    try bench.write(file, try bench.read(file).replacingOccurrences(of: "- [x] Q01-BP01", with: "- [ ] Q01-BP01"))
    let run = try Run.pillar([
      "check", "--root", bench.root.path, "--workload", "shop", "--date", "2026-11-01", "--site-url",
      "https://posture.example/",
    ])
    #expect(run.status == 1)
    #expect(
      run.stdout.split(separator: "\n").map(String.init) == [
        "FAIL  shop 2026.10  score 64  HRI 1  MRI 0  unanswered 0  (1 high-risk issue)",
        "  reviews/shop/2026.10.md:20:7: Q01-BP01 Use strong sign-in: missing, high risk, regressed since 2026.9; guidance: https://posture.example/questions/Q01.html#Q01-BP01",
        "  \(Blocker.waysToPass)",
        "checked 1 workload, 1 release: 0 errors, 0 warnings; 1 failing the gate",
      ])
  }
}

extension GateBypassTests {
  /// GitHub shows ten annotations of a kind: the summary error comes first, errors before the
  /// rest, ten of each at most with a line counting the others, and the job summary is written.
  @Test func githubOutputIsCappedAndSummarised() throws {
    let bench = try Workbench()
    let many = [(1, 3), (2, 2), (3, 2)].map { question, practices in
      "## Q0\(question) x\n" + (1...practices).map { "- [ ] Q0\(question)-BP0\($0) t\n" }.joined()
    }
    for id in ["a1", "a2", "a3", "a4"] {
      try bench.write(
        "reviews/\(id)/workload.md", "---\nname: \(id)\nowner: o\nclassification: confidential\n---\nA.\n")
      try bench.write(
        "reviews/\(id)/1.md",
        "---\nrelease: \"1\"\nreviewed: 2026-10-01\nreviewers: [r]\n---\nFirst.\n\n" + many.joined(separator: "\n"))
    }
    let summary = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: summary) }
    let run = try Run.pillar(
      ["check", "--root", bench.root.path, "--date", "2026-11-01", "--format", "github"],
      environment: ["GITHUB_STEP_SUMMARY": summary.path])
    #expect(run.status == 1)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.first?.hasPrefix(
        "::error title=Pillar%3A the path-to-production gate fails::5 failing: a1 1, a2 1, a3 1, a4 1, ledger 2026.1.")
        == true, "\(lines.first ?? "")")
    let errors = lines.filter { $0.hasPrefix("::error file=") }
    #expect(errors.count == 10)
    #expect(
      lines.contains {
        $0.hasPrefix("::error title=Pillar::and ") && $0.hasSuffix(" more; the report below lists them")
      })
    let firstWarning = lines.firstIndex { $0.hasPrefix("::warning") } ?? lines.count
    #expect((lines.lastIndex { $0.hasPrefix("::error") } ?? 0) < firstWarning)
    let page = try String(contentsOf: summary, encoding: .utf8)
    #expect(page.hasPrefix("## Pillar: path-to-production gate\n\n| Workload | Release | Verdict |"))
    #expect(page.contains("| a1 | 1 | **fail** | 3 | 0 | 0 |"))
    #expect(
      page.contains("### a1 1\n\n- `reviews/a1/1.md:9` Q01-BP01 Use strong sign-in: missing, high risk; guidance: "),
      "\(page)")
  }
}

extension GateBypassTests {
  /// A pull request that lowers a practice's risk, or turns a gate switch off, no longer passes
  /// its own check quietly: the flipped verdict is reported, and with --policy-from the base's
  /// rules decide.
  @Test(arguments: ["questions", "pillar.yml"])
  func changingTheRulesIsReportedAndCanBeJudgedByTheBase(_ what: String) throws {
    let bench = try Workbench()
    let file = "reviews/shop/2026.10.md"
    try bench.write(file, try bench.read(file).replacingOccurrences(of: "- [x] Q02-BP01", with: "- [ ] Q02-BP01"))
    try bench.git("init", "-q", "-b", "main")
    try bench.git("add", ".")
    try bench.commit(on: "2026-10-20")
    try bench.git("checkout", "-q", "-b", "change")
    if what == "questions" {
      let question = "questions/Q02-logging.md"
      let text = try bench.read(question)
      let practice = try #require(text.range(of: "id: Q02-BP01"))
      // The level and its stated source both, or `check` refuses the unexplained difference.
      let risk = try #require(
        text.range(of: "risk: high\n    source-risk: high", range: practice.upperBound..<text.endIndex))
      try bench.write(question, text.replacingCharacters(in: risk, with: "risk: low\n    source-risk: low"))
    } else {
      try bench.write("pillar.yml", "gate:\n  high-risks: false\n")
    }
    let own = try Run.pillar([
      "check", "--root", bench.root.path, "--date", "2026-11-01", "--changed-since", "main", "--workload", "shop",
    ])
    #expect(own.stdout.contains("PASS  shop 2026.10"), "\(own.stdout)")
    #expect(
      own.stdout.contains(
        "POLICY  shop 2026.10: passes under this change's questions/ and pillar.yml, fails under those of "),
      "\(own.stdout)")
    let judged = try Run.pillar([
      "check", "--root", bench.root.path, "--date", "2026-11-01", "--changed-since", "main", "--workload", "shop",
      "--policy-from", "main",
    ])
    #expect(judged.status == 1, "\(judged.stdout)")
    #expect(judged.stdout.contains("FAIL  shop 2026.10"))
    #expect(judged.stdout.contains("fails under those of main; judged by main's (--policy-from)"), "\(judged.stdout)")
  }
}
