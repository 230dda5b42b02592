import Foundation
import Testing

/// `pillar diff` in its three formats (golden files under Golden/diff/, re-recorded with
/// PILLAR_RECORD=1) and against a git revision in a temporary repository.
@Suite struct DiffTests {
  static let folder = Repo.golden.appendingPathComponent("diff")

  @Test(arguments: [("text", "txt"), ("markdown", "md"), ("json", "json")])
  func formatsMatchTheirGoldenFiles(_ format: String, _ ext: String) throws {
    let run = try Run.pillar([
      "diff", "shop", "--root", Repo.fixtures.appendingPathComponent("basic").path, "--format", format,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let file = Self.folder.appendingPathComponent("shop.\(ext)")
    try GoldenTests.expect(run.stdout, matches: file)
  }

  @Test func jsonIsValidAndVersioned() throws {
    let run = try Run.pillar([
      "diff", "shop", "2026.1", "2026.10", "--root", Repo.fixtures.appendingPathComponent("basic").path, "--format",
      "json",
    ])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "pillar-diff/1")
    let delta = try #require((object["deltas"] as? [[String: Any]])?.first)
    #expect(delta["from"] as? String == "2026.1")
    #expect(delta["to"] as? String == "2026.10")
  }

  @Test func unknownWorkloadOrReleaseIsAUsageError() throws {
    let root = Repo.fixtures.appendingPathComponent("basic").path
    let workload = try Run.pillar(["diff", "shopp", "--root", root])
    #expect(workload.status == 64)
    #expect(workload.stderr.contains("no workload 'shopp'; did you mean 'shop'?"))
    let release = try Run.pillar(["diff", "shop", "2026.1", "2027.1", "--root", root])
    #expect(release.stderr.contains("shop has no release '2027.1'; releases: 2026.1, 2026.9, 2026.10"))
  }

  @Test func againstAGitRevisionShowsHowAPullRequestChangesPosture() throws {
    let bench = try Workbench()
    try bench.git("init", "-q")
    try bench.git("add", "-A")
    try bench.git("commit", "-q", "-m", "base")
    // The pull request: a new release of shop that regresses, and a new workload.
    try bench.write("reviews/shop/2026.11.md", DeltaTests.regressionRelease)
    try bench.write("reviews/cart/workload.md", "---\nname: Cart\nowner: web\nclassification: public\n---\n")
    try bench.write(
      "reviews/cart/1.md",
      "---\nrelease: \"1\"\nreviewed: 2026-10-01\nreviewers: [a]\n---\n## Q01\n- [ ] Q01-BP01 Use strong sign-in\n- [x] Q01-BP02 R\n- [x] Q01-BP03 G\n"
    )
    try bench.git("add", "-A")
    try bench.git("commit", "-q", "-m", "pull request")
    let run = try Run.pillar(["diff", "--against", "HEAD~1", "--root", bench.root.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == """
        Cart (cart) new → 1
          score 18   HRI 1   MRI 0   unanswered 2   gate – → fail
          New high risks:
            Q01 How do you authenticate people?  unanswered → high
        Shop front (shop) 2026.10 → 2026.11
          score 85 → 61 (−24)   HRI 0 → 1 (+1)   MRI 0 → 0 (±0)   unanswered 0 → 0 (±0)   gate pass → fail
          New high risks:
            Q01 How do you authenticate people?  none → high
          Regressions:
            Q01-BP01 Use strong sign-in  implemented → missing (high)
          Newly missing:
            Q01-BP02 Rotate credentials  risk-accepted → missing
          Newly not applicable:
            Q01-BP03 Use groups  implemented → not-applicable
          Notes changed: Q01

        """)
    let unchanged = try Run.pillar(["diff", "--against", "HEAD", "--root", bench.root.path])
    #expect(unchanged.stdout == "no change in posture against HEAD\n")
    let bad = try Run.pillar(["diff", "--against", "no-such-rev", "--root", bench.root.path])
    #expect(bad.status == 64)
  }
}

extension DiffTests {
  /// The pull request comment: a hidden marker to update it in place, what blocks first, and cut
  /// to fit GitHub's 65,536 characters with a count of what was left out.
  @Test func theCommentFitsGitHubAndLeadsWithWhatBlocks() throws {
    let workbook = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: workbook) }
    try generateWorkbook(at: workbook, workloads: 300, releases: 2)
    let git = { (arguments: [String]) in
      try Run.run(
        URL(fileURLWithPath: "/usr/bin/env"), ["git", "-c", "user.name=t", "-c", "user.email=t@e"] + arguments,
        in: workbook)
    }
    _ = try git(["init", "-q"])
    _ = try git(["add", "-A"])
    _ = try git(["commit", "-qm", "base"])
    // Every workload's latest release changes; one in ten regresses.
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: workbook.appendingPathComponent("reviews").path
    ).sorted()
    for (index, id) in folders.enumerated() {
      let folder = workbook.appendingPathComponent("reviews/\(id)")
      let latest = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "workload.md" }
        .sorted().last!
      let url = folder.appendingPathComponent(latest)
      var text = try String(contentsOf: url, encoding: .utf8)
      if index % 10 == 0, let range = text.range(of: "- [x] ") {
        text.replaceSubrange(range, with: "- [ ] ")
      } else {
        text = text.replacingOccurrences(of: "- [ ] ", with: "- [x] ")
      }
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let run = try Run.pillar([
      "diff", "--root", workbook.path, "--date", "2026-11-01", "--against", "HEAD", "--format", "markdown",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("<!-- pillar-posture -->\n## Security posture changes\n"))
    #expect(run.stdout.utf16.count < 65_536)
    #expect(run.stdout.contains("more workloads changed; this comment is cut at GitHub's size limit."))
    let firstRegression = try #require(run.stdout.range(of: "**Regressions**"))
    let firstQuiet = run.stdout.components(separatedBy: "\n### ").dropFirst().firstIndex {
      !$0.contains("**Regressions**") && !$0.contains("**New high risks**")
    }
    let lastBlocking = run.stdout.components(separatedBy: "\n### ").dropFirst().lastIndex {
      $0.contains("**Regressions**") || $0.contains("**New high risks**")
    }
    #expect(firstRegression.lowerBound < run.stdout.endIndex)
    if let firstQuiet, let lastBlocking { #expect(lastBlocking < firstQuiet) }
  }
}
