import Foundation
import Testing

/// Markdown cannot hide answers: a raw HTML block or an unclosed fence that swallows the
/// checklist is an error at its line, and text nested too deep is refused, never a crash.
@Suite struct HiddenAnswersTests {
  static let file = "reviews/ledger/2026.1.md"

  func check(_ bench: Workbench) throws -> Run {
    try Run.pillar(["check", "--root", bench.root.path, "--workload", "ledger", "--date", "2026-11-01"])
  }

  /// One line `<!-- reviewer notes` after the front matter of a failing file turned FAIL into
  /// PASS with every section swallowed; now it is invalid input with the line to fix.
  @Test func anUnclosedHTMLCommentIsAnErrorNotAPass() throws {
    let bench = try Workbench()
    let text = try bench.read(Self.file)
    try bench.write(Self.file, text.replacingOccurrences(of: "---\n## Q01", with: "---\n<!-- reviewer notes\n\n## Q01"))
    let run = try check(bench)
    #expect(run.status == 2)
    #expect(
      run.stdout.hasPrefix(
        "reviews/ledger/2026.1.md:6:1: error: this raw HTML block runs to line 15 and hides 2 question headings and 5 checklist items from the review; close it where it should end (raw HTML is never shown on the site) or remove it [hidden-answers]\n"
      ), "\(run.stdout)")
    // Closed on its own line, the comment hides nothing and the verdict is as before.
    try bench.write(
      Self.file, text.replacingOccurrences(of: "---\n## Q01", with: "---\n<!-- reviewer notes -->\n\n## Q01"))
    let closed = try check(bench)
    #expect(closed.status == 1)
    #expect(closed.stdout.contains("FAIL  ledger 2026.1"))
  }

  @Test func anUnclosedFenceThatSwallowsTheChecklistIsAnError() throws {
    let bench = try Workbench()
    let text = try bench.read(Self.file)
    try bench.write(Self.file, text.replacingOccurrences(of: "## Q03", with: "~~~~\n## Q03"))
    let run = try check(bench)
    #expect(run.status == 2)
    #expect(
      run.stdout.contains(
        "reviews/ledger/2026.1.md:11:1: error: this code fence that is never closed runs to line 14 and hides 1 question heading and 2 checklist items from the review; close it with a line '~~~~' [hidden-answers]"
      ), "\(run.stdout)")
    // A closed fence of example text is fine.
    try bench.write(Self.file, text + "\n```\n- [x] not an answer\n```\n")
    #expect(try check(bench).status == 1)
  }

  static func deep(_ what: String) -> String {
    switch what {
    case "lists": String(repeating: "- ", count: 9_000) + "x\n"
    case "quotations": String(repeating: ">", count: 75_000) + " x\n"
    case "emphasis": String(repeating: "*a ", count: 5_000) + String(repeating: "*", count: 5_000) + "\n"
    default: String(repeating: "[", count: 20_000) + "x" + String(repeating: "](u)", count: 20_000) + "\n"
    }
  }

  @Test(arguments: ["lists", "quotations", "emphasis", "links"])
  func deepNestingIsRefusedNotACrash(_ what: String) throws {
    let body = Self.deep(what)
    let bench = try Workbench()
    let text = try bench.read(Self.file)
    try bench.write(Self.file, text.replacingOccurrences(of: "---\n## Q01", with: "---\n\(body)\n## Q01"))
    let run = try check(bench)
    #expect(run.status == 2 || run.status == 1, "\(what): exit \(run.status) \(run.stderr.suffix(300))")
    if run.status == 2 {
      #expect(run.stdout.hasPrefix("reviews/ledger/2026.1.md:6:"), "\(what): \(run.stdout.prefix(300))")
      #expect(
        run.stdout.contains("levels deep (lists, quotations, emphasis) starts here; flatten it [markdown-too-deep]"))
    }
    let build = try Run.pillar([
      "build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", temporaryFolder().path,
      "--date", "2026-11-01",
    ])
    #expect(build.status == 2 || build.status == 0, "\(what): build exit \(build.status)")
  }
}
