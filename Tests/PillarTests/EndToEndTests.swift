import Foundation
import Testing

/// Runs the built `pillar` binary on fixture workbooks and checks what it prints and its exit code.
@Suite struct EndToEndTests {
  @Test func checkOnAValidWorkbookPrintsVerdictsAndFailsTheGate() throws {
    let run = try Run.pillar([
      "check", "--root", Repo.fixtures.appendingPathComponent("basic").path, "--date", "2026-11-01",
    ])
    #expect(run.status == 1)
    #expect(
      run.stdout == """
        FAIL  ledger 2026.1  score 47  HRI 1  MRI 0  unanswered 1  (1 high-risk issue, 1 unanswered question)
          reviews/ledger/2026.1.md:8:7: Q01-BP02 Rotate credentials: missing, high risk, required at confidential; guidance: questions/Q01.html#Q01-BP02
          reviews/ledger/2026.1.md:1:1: Q02 How do you detect security events?: unanswered; add its '## Q02' section
          to pass, for each practice: implement it and mark it [x]; or mark it [n/a] with why it does not apply; or record a risk acceptance (practice, approver, reason, expires) in the front matter. Answer each question with its '## ID' section.
        PASS  shop 2026.10  score 85  HRI 0  MRI 0  unanswered 0
        checked 2 workloads, 2 releases: 0 errors, 0 warnings; 1 failing the gate

        """)
  }

  @Test func checkPrintsEveryErrorWithItsLineAndColumn() throws {
    let fixture = Repo.fixtures.appendingPathComponent("errors")
    let run = try Run.pillar(["check", "--root", fixture.path])
    #expect(run.status == 2)
    let expected = try String(contentsOf: fixture.appendingPathComponent("expected-check.txt"), encoding: .utf8)
    #expect(run.stdout == expected)
  }

  @Test func checkPassesWhenEveryWorkloadPasses() throws {
    let bench = try Workbench()
    try bench.remove("reviews/ledger")
    let run = try Run.pillar(["check", "--root", bench.root.path])
    #expect(run.status == 0)
    #expect(run.stdout.hasSuffix("checked 1 workload, 1 release: 0 errors, 0 warnings; 0 failing the gate\n"))
  }

  @Test func buildWritesTheSiteAndASummaryLine() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let run = try Run.pillar([
      "build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", output.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout.contains(
        "2 workloads, 4 releases, 27 pages written (2 workloads rebuilt), posture as of 2026-10-01 (the latest reviewed date, in reviews/shop/2026.10.md), 0 warnings in "
      ))
    for page in [
      "index.html", "workloads/shop/2026.10.html", "questions/Q01.html", "objectives/index.html", "assets/style.css",
      "glossary.html",
      ".pillar-site",
    ] {
      #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(page).path), "\(page)")
    }
  }

  @Test func invalidInputLeavesThePreviousSiteAsItWas() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let arguments = ["build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", output.path]
    #expect(try Run.pillar(arguments).status == 0)
    let before = try Data(contentsOf: output.appendingPathComponent("index.html"))
    try bench.write("reviews/shop/workload.md", "---\nname: Shop\n---\n")
    let failed = try Run.pillar(arguments)
    #expect(failed.status == 2)
    #expect(
      failed.stderr.contains("reviews/shop/workload.md:2:1: error: required field 'owner' is missing [missing-field]"))
    #expect(failed.stderr.contains("the site was not written"))
    #expect(try Data(contentsOf: output.appendingPathComponent("index.html")) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
      .filter { $0.hasPrefix(".pillar-staging-\(output.lastPathComponent)") }
    #expect(leftovers.isEmpty)
  }

  @Test func rebuildingReplacesTheSiteWhole() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let arguments = ["build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", output.path]
    #expect(try Run.pillar(arguments).status == 0)
    try bench.remove("reviews/ledger")
    #expect(try Run.pillar(arguments).status == 0)
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("workloads/ledger").path))
  }

  @Test(arguments: ["/", "questions", "reviews", ".", "nonempty"])
  func dangerousOutputFoldersAreRefused(_ name: String) throws {
    let bench = try Workbench()
    let output: String
    switch name {
    case "/": output = "/"
    case "nonempty":
      try bench.write("nonempty/keep.txt", "mine")
      output = bench.root.appendingPathComponent("nonempty").path
    default: output = bench.root.appendingPathComponent(name).path
    }
    let run = try Run.pillar([
      "build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", output,
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("error: refusing to write the site to"))
    if name == "nonempty" { #expect(try bench.read("nonempty/keep.txt") == "mine") }
  }

  @Test func buildIsDeterministicAndDatedFromSourceDateEpoch() throws {
    let bench = try Workbench()
    let first = temporaryFolder()
    let second = temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    for output in [first, second] {
      let run = try Run.pillar(
        ["build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", output.path],
        environment: ["SOURCE_DATE_EPOCH": "1796083200"])
      #expect(run.status == 0)
    }
    let pages = try FileManager.default.subpathsOfDirectory(atPath: first.path).sorted()
    #expect(pages == (try FileManager.default.subpathsOfDirectory(atPath: second.path).sorted()))
    for page in pages where page.hasSuffix(".html") {
      #expect(
        try Data(contentsOf: first.appendingPathComponent(page))
          == Data(contentsOf: second.appendingPathComponent(page)))
    }
    #expect(
      try String(contentsOf: first.appendingPathComponent("index.html"), encoding: .utf8).contains(
        "posture as of 2026-12-01"))
  }

  @Test func oneThreadOrTwoGiveTheSameBytes() throws {
    let workbook = temporaryFolder()
    let one = temporaryFolder()
    let two = temporaryFolder()
    defer { for folder in [workbook, one, two] { try? FileManager.default.removeItem(at: folder) } }
    try generateWorkbook(at: workbook, workloads: 12, releases: 3)
    for (output, jobs) in [(one, "1"), (two, "2")] {
      let run = try Run.pillar([
        "build", "--root", workbook.path, "--output", output.path, "--date", "2026-11-01", "--jobs", jobs,
      ])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let pages = try FileManager.default.subpathsOfDirectory(atPath: one.path).sorted()
    #expect(pages == (try FileManager.default.subpathsOfDirectory(atPath: two.path).sorted()))
    for page in pages where isFile(one.appendingPathComponent(page)) {
      #expect(
        try Data(contentsOf: one.appendingPathComponent(page)) == Data(contentsOf: two.appendingPathComponent(page)),
        "\(page)")
    }
  }

  /// `export` takes `--jobs` like every command, and the bytes do not depend on it.
  @Test func exportGivesTheSameBytesOnOneThreadOrThree() throws {
    let workbook = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: workbook) }
    try generateWorkbook(at: workbook, workloads: 12, releases: 2)
    let runs = try ["1", "3"].map { jobs in
      try Run.pillar(["export", "--root", workbook.path, "--date", "2026-11-01", "--all-releases", "--jobs", jobs])
    }
    #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.stderr))")
    #expect(runs[0].stdout.count > 10_000)
    #expect(runs[0].stdout == runs[1].stdout)
  }

  /// The executive summary stays readable at organisation scale: a top risk names its first
  /// twelve workloads and counts the rest, while its count column has the whole number.
  @Test func executiveSummaryNamesAtMostTwelveWorkloadsPerRisk() throws {
    let workbook = temporaryFolder()
    let output = temporaryFolder()
    defer { for folder in [workbook, output] { try? FileManager.default.removeItem(at: folder) } }
    try generateWorkbook(at: workbook, workloads: 60, releases: 1)
    let run = try Run.pillar(["build", "--root", workbook.path, "--output", output.path, "--date", "2026-11-01"])
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: output.appendingPathComponent("executive.html"), encoding: .utf8)
    let section = try #require(page.firstRange(of: "Top open risks across workloads").map { page[$0.upperBound...] })
    let table = section[..<(section.firstRange(of: "</table>")?.lowerBound ?? section.endIndex)]
    let rows = table.matches(of: /<td class="num">(\d+)<\/td><td>([^<]*)<\/td><\/tr>/)
    #expect(!rows.isEmpty)
    var truncated = 0
    for row in rows {
      let count = try #require(Int(row.output.1))
      var cell = String(row.output.2)
      if count > 12 {
        truncated += 1
        #expect(cell.hasSuffix(" and \(count - 12) more"), "\(cell)")
        cell = String(cell.dropLast(" and \(count - 12) more".count))
      }
      let names = cell.components(separatedBy: ", ")
      #expect(names.count == min(count, 12), "\(cell)")
      #expect(names == names.sorted())
    }
    #expect(truncated > 0, "no top risk is open in more than twelve of the generated workloads")
  }

  @Test func helpDocumentsTheExitCodes() throws {
    let run = try Run.pillar(["--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("2   invalid input"))
    let check = try Run.pillar(["check", "--help"])
    let words = check.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      words.contains(
        "Exits 0 when the input is valid and every workload passes, 1 when a workload fails the gate, 2 when the input is invalid."
      ))
  }
}
