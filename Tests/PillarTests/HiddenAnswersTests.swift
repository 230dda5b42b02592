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
    let (build, _) = try bench.build()
    #expect(build.status == 2 || build.status == 0, "\(what): build exit \(build.status)")
  }
}

/// Promises kept as written: nothing of the reader's machine is linked, and a symbolic link
/// given as the output folder is refused, never replaced.
@Suite struct PromisesTests {
  @Test func localFilesInNotesAreShownAsTextWithAWarning() throws {
    let bench = try Workbench()
    let file = "reviews/shop/2026.10.md"
    try bench.write(
      file,
      try bench.read(file)
        + "\n![i](/etc/hostname) [up](../../../../etc/hostname) [f](file:///etc/hostname)\n")
    let warnings = try bench.diagnostics().filter { $0.hasSuffix("[unsafe-url]") }
    #expect(warnings.count == 3, "\(warnings)")
    #expect(
      warnings.first
        == "reviews/shop/2026.10.md:35:1: warning: image destination '/etc/hostname' is not http, https, mailto or a relative path inside the site; it is shown as plain text [unsafe-url]"
    )
    let (build, site) = try bench.build()
    #expect(build.status == 0)
    let page = try String(contentsOf: site.appendingPathComponent("workloads/shop/2026.10.html"), encoding: .utf8)
    #expect(!page.contains("etc/hostname\""))
    #expect(!page.contains("src=\"/"))
  }

  @Test func aSymlinkedOutputFolderIsRefusedAndLeftAsItIs() throws {
    let bench = try Workbench()
    let target = temporaryFolder()
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    let link = temporaryFolder()
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    let (run, _) = try bench.build(to: URL(fileURLWithPath: link.path + "/"))
    #expect(run.status == 2)
    #expect(run.stderr.contains("the output folder is a symbolic link; give the folder it points to"))
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == target.path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
  }
}

extension PromisesTests {
  /// A 1 GB sparse answer file is refused from its size, without being read: the check's peak
  /// memory stays far below the file (it took 2.1 GB before).
  @Test func sizesAreCheckedBeforeReading() throws {
    let bench = try Workbench()
    let path = bench.root.appendingPathComponent("reviews/shop/2026.11.md")
    FileManager.default.createFile(atPath: path.path, contents: nil)
    let handle = try FileHandle(forWritingTo: path)
    try handle.truncate(atOffset: 1 << 30)
    try handle.close()
    // A fresh Python process runs only this child, so its peak memory is the check's own.
    let script = """
      import resource, subprocess, sys
      run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
      print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
      print(run.stdout, end="")
      """
    let run = try Run.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["python3", "-c", script, Repo.binary.path, "check", "--root", bench.root.path, "--date", "2026-11-01"])
    let lines = run.stdout.split(separator: "\n").map(String.init)
    let head = lines.first?.split(separator: " ").compactMap { Int($0) } ?? []
    #expect(head.first == 2)
    #expect((head.last ?? .max) < 200_000, "peak memory \(head.last ?? 0) KiB")
    #expect(
      lines.contains(
        "reviews/shop/2026.11.md:1:1: error: file is 1073741824 bytes; input files are limited to 1048576 bytes [file-too-large]"
      ), "\(run.stdout)")
  }
}

extension PromisesTests {
  /// Newlines and escape sequences in a field cannot print a fake verdict or drive the
  /// terminal, and a right-to-left override is shown, not obeyed, in every output.
  @Test func controlCharactersAreShownNotObeyed() throws {
    let bench = try Workbench()
    let file = "reviews/shop/2026.10.md"
    try bench.write(
      file,
      try bench.read(file).replacingOccurrences(
        of: "question-set: \"1.0\"", with: "question-set: \"0.9\\nPASS  ledger 2026.1  score 100\\e[2J\\u202E\""))
    try bench.write(
      "reviews/shop/workload.md",
      try bench.read("reviews/shop/workload.md").replacingOccurrences(of: "Shop front", with: "Shop\u{202E}tnorf"))
    for format in ["text", "github", "sarif"] {
      let run = try Run.pillar([
        "check", "--root", bench.root.path, "--date", "2026-11-01", "--format", format,
        "--fail-on-outdated-question-set",
      ])
      #expect(run.status == 1, "\(format)")
      #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{202E}"), "\(format)")
      #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("PASS  ledger") }, "\(format)")
      #expect(run.stdout.contains("0.9[U+000A]PASS  ledger 2026.1  score 100[U+001B][2J[U+202E]"), "\(format)")
    }
    let (build, site) = try bench.build()
    #expect(build.status == 0, "\(build.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("workloads/shop/index.html"), encoding: .utf8)
    #expect(page.contains("<h1>Shop[U+202E]tnorf</h1>"))
    #expect(!page.contains("\u{202E}"))
  }
}

extension PromisesTests {
  @Test func outOfRangeDatesAndReleasesAreRefusedNotTrapped() throws {
    let bench = try Workbench()
    let far = try Run.pillar(
      ["check", "--root", bench.root.path], environment: ["SOURCE_DATE_EPOCH": "99999999999999"])
    #expect(far.status == 64)
    #expect(
      far.stderr.contains(
        "SOURCE_DATE_EPOCH must be a number of seconds from 1970 to the end of 9999, not '99999999999999'"))
    // The release after a 15-digit number would need 16: `new` says so instead of trapping.
    let last = "reviews/shop/2026.999999999999999.md"
    try bench.write(
      last,
      try bench.read("reviews/shop/2026.10.md").replacingOccurrences(
        of: "release: \"2026.10\"", with: "release: \"2026.999999999999999\""))
    let next = try Run.pillar(["new", "shop", "--root", bench.root.path, "--date", "2026-11-01"])
    #expect(next.status == 64)
    #expect(next.stderr.contains("cannot guess the release after '2026.999999999999999'; give --release"))
  }
}
