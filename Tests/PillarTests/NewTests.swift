import Foundation
import Testing

/// `pillar new`: scaffolds that check cleanly and carry answers forward.
@Suite struct NewTests {
  @Test func nextReleaseCarriesAnswersNotesAndOpenImprovements() throws {
    let bench = try Workbench()
    let run = try Run.pillar(["new", "shop", "--root", bench.root.path, "--date", "2026-11-20"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("wrote reviews/shop/2026.11.md\n"))
    let text = try bench.read("reviews/shop/2026.11.md")
    #expect(
      text.contains(
        "release: \"2026.11\"\nreviewed: 2026-11-20\nreviewers: [\"a.khan\", \"j.doe\"]\nquestion-set: \"1.0\""))
    #expect(
      text.contains("- [x] Q01-BP01 Use strong sign-in\n  Enforced by the [IdP policy](https://example.com/idp).\n"))
    #expect(text.contains("- [n/a] Q03-BP02 Share with third parties safely: nothing is shared\n"))
    #expect(text.contains("improvements:\n  - practice: Q01-BP02\n"))
    #expect(text.contains("acceptances:\n  - practice: Q01-BP02\n"))
    // The scaffold's summary is a placeholder, an error until written; then the scaffold is
    // valid, and the new release scores as the old one did.
    #expect(
      try bench.checked(date: "2026-11-20").diagnostics.map(\.formatted) == [
        "reviews/shop/2026.11.md:17:1: error: 'TODO: what changed since release 2026.10, and the verdict.' is a placeholder left by pillar new; write the review in its place: its scope, what changed and the verdict [placeholder]"
      ])
    try bench.write(
      "reviews/shop/2026.11.md",
      text.replacingOccurrences(
        of: "TODO: what changed since release 2026.10, and the verdict.", with: "Nothing changed; passes."))
    let checked = try bench.checked(date: "2026-11-20")
    #expect(checked.diagnostics.map(\.formatted) == [])
    // The carried acceptance is not a change.
    let diff = try Run.pillar(["diff", "shop", "--root", bench.root.path, "--date", "2026-11-20"])
    #expect(!diff.stdout.contains("risk-accepted → risk-accepted"), "\(diff.stdout)")
    let shop = try #require(checked.evaluation.workloads.first { $0.workload.id == "shop" })
    #expect(shop.latest?.release == "2026.11")
    #expect(shop.latest?.score == shop.scorecards[shop.scorecards.count - 2].score)
    // Never overwrites.
    let again = try Run.pillar(["new", "shop", "--root", bench.root.path, "--release", "2026.11"])
    #expect(again.status == 64)
    #expect(again.stderr.contains("exists already"))
  }

  @Test func newWorkloadNeedsOwnerAndClassification() throws {
    let bench = try Workbench()
    let missing = try Run.pillar(["new", "search", "--root", bench.root.path])
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("give --owner and --classification (public, internal, confidential)"))
    let run = try Run.pillar(
      [
        "new", "search", "--root", bench.root.path, "--owner", "search-team", "--classification", "internal", "--date",
        "2026-11-20",
      ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("wrote reviews/search/workload.md\nwrote reviews/search/1.0.md\n"))
    #expect(
      try bench.checked(date: "2026-11-20").diagnostics.map(\.formatted) == [
        "reviews/search/1.0.md:7:1: error: 'TODO: the scope of this review, what it found, and the verdict.' is a placeholder left by pillar new; write the review in its place: its scope, what changed and the verdict [placeholder]",
        "reviews/search/workload.md:7:1: error: 'TODO: what the workload does, who uses it and what data it holds.' is a placeholder left by pillar new; describe the workload in its place: what it does, who uses it, what data it holds [placeholder]",
      ])
    for (path, placeholder) in [
      ("reviews/search/1.0.md", "TODO: the scope of this review, what it found, and the verdict."),
      ("reviews/search/workload.md", "TODO: what the workload does, who uses it and what data it holds."),
    ] {
      try bench.write(path, try bench.read(path).replacingOccurrences(of: placeholder, with: "Written."))
    }
    let checked = try bench.checked(date: "2026-11-20")
    #expect(checked.diagnostics.map(\.formatted) == [])
    #expect(checked.evaluation.workloads.first { $0.workload.id == "search" }?.latest?.score == 0)
  }

  @Test func unsafeNamesAreRefused() throws {
    let bench = try Workbench()
    for name in ["../escape", "a/b", ".hidden"] {
      let run = try Run.pillar(["new", name, "--root", bench.root.path, "--owner", "o", "--classification", "public"])
      #expect(run.status == 64, "\(name)")
    }
    let release = try Run.pillar(["new", "shop", "--root", bench.root.path, "--release", "../../x"])
    #expect(release.status == 64)
    #expect(
      !FileManager.default.fileExists(
        atPath: bench.root.deletingLastPathComponent().appendingPathComponent("x.md").path))
  }
}
