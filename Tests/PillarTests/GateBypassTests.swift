import Foundation
import Testing

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
    #expect(
      github.stdout.hasPrefix(
        "::error file=reviews/ledger/workload.md,line=1,col=1,title=ledger removed without being retired::"))
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
  }
}
