import Foundation
import Testing

/// The full text of every diagnostic is checked: a message cut off mid-sentence, or one that
/// does not say how to fix the problem, fails here. Each case makes one problem in a copy of the
/// fixture and expects the exact line `check` prints; `everyDiagnosticIsCheckedInFull` makes
/// sure no diagnostic id in `Sources/` escapes a full-text check somewhere in the tests.
@Suite struct DiagnosticCatalogueTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var id: String
    var edits: [String: @Sendable (String) -> String?]
    var expected: String
    var testDescription: String { id }
  }

  static let answers = "reviews/shop/2026.10.md"

  static func replace(_ old: String, _ new: String) -> @Sendable (String) -> String? {
    { $0.replacingOccurrences(of: old, with: new) }
  }

  static let cases: [Case] = [
    Case(
      id: "acceptance-not-missing", edits: [answers: replace("- [ ] Q01-BP02", "- [x] Q01-BP02")],
      expected:
        "reviews/shop/2026.10.md:12:15: warning: acceptance for Q01-BP02 has no effect: the practice is not marked '[ ]' [acceptance-not-missing]"
    ),
    Case(
      id: "checklist-item",
      edits: [
        answers: replace("- [x] Q01-BP01 Use strong sign-in", "- [x] Q01-BP01 Use strong sign-in\n- plain item")
      ],
      expected:
        "reviews/shop/2026.10.md:21:1: error: expected a checklist item such as '- [x] Q01-BP01 …' in a checklist [checklist-item]"
    ),
    Case(
      id: "duplicate-answer", edits: [answers: { $0 + "\n## Q03 again\n- [x] Q03-BP01 E\n- [n/a] Q03-BP02 S: none\n" }],
      expected:
        "reviews/shop/2026.10.md:35:1: error: question Q03 is answered twice; first at line 31 [duplicate-answer]"),
    Case(
      id: "empty-field", edits: ["reviews/shop/workload.md": replace("owner: web-team", "owner: \"\"")],
      expected: "reviews/shop/workload.md:3:8: error: field 'owner' is empty; give it a value [empty-field]"),
    Case(
      id: "empty-section",
      edits: ["questions/objectives/OBJ-02.md": { text in text.components(separatedBy: "## Why")[0] + "## Why\n" }],
      expected: "questions/objectives/OBJ-02.md:9:1: error: section '## Why' is empty; write it [empty-section]"),
    Case(
      id: "expected-list", edits: [answers: replace("reviewers: [a.khan, j.doe]", "reviewers: a.khan")],
      expected:
        "reviews/shop/2026.10.md:4:12: error: field 'reviewers' must be a list, e.g. 'reviewers: [a, b]' [expected-list]"
    ),
    Case(
      id: "expected-mapping",
      edits: [
        answers: replace("improvements:\n  - practice: Q01-BP02", "improvements:\n  - Q01-BP02\n  - practice: Q01-BP02")
      ],
      expected:
        "reviews/shop/2026.10.md:7:5: error: an improvement must be a set of 'key: value' fields [expected-mapping]"),
    Case(
      id: "expected-text", edits: ["reviews/shop/workload.md": replace("owner: web-team", "owner: [a, b]")],
      expected:
        "reviews/shop/workload.md:3:8: error: field 'owner' must be text, not a list or a mapping [expected-text]"),
    Case(
      id: "missing-file", edits: ["questions/lens.md": { _ in nil }],
      expected:
        "questions/lens.md:1:1: error: questions/lens.md is missing; it holds the question set's id, name and version [missing-file]"
    ),
    Case(
      id: "missing-folder", edits: ["reviews": { _ in nil }],
      expected:
        "reviews:1:1: error: folder 'reviews' is missing or cannot be read; run pillar in the workbook or point --root at it [missing-folder]"
    ),
    Case(
      id: "acceptance-expired-at-review", edits: [answers: replace("expires: 2027-01-31", "expires: 2026-09-15")],
      expected:
        "reviews/shop/2026.10.md:12:15: warning: acceptance for Q01-BP02 expired on 2026-09-15, before this review of 2026-10-01; renew it with a new expiry and approval, or remove it [acceptance-expired-at-review]"
    ),
    Case(
      id: "empty-field (blank reviewer)",
      edits: ["reviews/ledger/2026.1.md": replace("reviewers: [l.chen]", "reviewers: [l.chen, \"  \"]")],
      expected:
        "reviews/ledger/2026.1.md:4:21: error: an entry of 'reviewers' is blank; write it or remove it [empty-field]"),
    Case(
      id: "invalid-date (year 0000)",
      edits: ["reviews/ledger/2026.1.md": replace("reviewed: 2026-05-01", "reviewed: 0000-05-01")],
      expected:
        "reviews/ledger/2026.1.md:3:11: error: field 'reviewed' must be a date written YYYY-MM-DD from 1970 on, not '0000-05-01' [invalid-date]"
    ),
    Case(
      id: "invalid-id (release number out of range)",
      edits: ["reviews/shop/2026.9223372036854775807.md": { _ in "---\nrelease: \"x\"\n---\n" }],
      expected:
        "reviews/shop/2026.9223372036854775807.md:1:1: error: release name '2026.9223372036854775807' is not a valid id: a number in a release name may have at most 15 digits [invalid-id]"
    ),
    Case(
      id: "ignored-file (upper-case extension)", edits: ["reviews/shop/2026.3.MD": { _ in "---\n---\n" }],
      expected:
        "reviews/shop/2026.3.MD:1:1: warning: 'reviews/shop/2026.3.MD' is not read: answer files end in '.md'; rename it to '2026.3.md' [ignored-file]"
    ),
    Case(
      id: "ignored-file (a folder named like an answer file)", edits: ["reviews/shop/2026.4.md/x.md": { _ in "x" }],
      expected:
        "reviews/shop/2026.4.md:1:1: warning: 'reviews/shop/2026.4.md' is not read: it is a folder; answer files are files named <release>.md [ignored-file]"
    ),
    Case(
      id: "ignored-file (a file among workload folders)", edits: ["reviews/notes.txt": { _ in "x" }],
      expected:
        "reviews/notes.txt:1:1: warning: 'reviews/notes.txt' is not read: reviews/ holds one folder per workload; move it into a workload's folder or remove it [ignored-file]"
    ),
    Case(
      id: "markdown-too-deep",
      edits: [answers: replace("---\nLogging", "---\n" + String(repeating: "- ", count: 60) + "x\n\nLogging")],
      expected:
        "reviews/shop/2026.10.md:17:99: error: Markdown nested more than 100 levels deep (lists, quotations, emphasis) starts here; flatten it [markdown-too-deep]"
    ),
    Case(
      id: "outdated-question-set", edits: [answers: replace("question-set: \"1.0\"", "question-set: \"0.9\"")],
      expected:
        "reviews/shop/2026.10.md:5:15: warning: answers were written against question set 0.9 and no mapping in questions/mappings.md leads to 1.0; review them against 1.0 and set question-set: \"1.0\" [outdated-question-set]"
    ),
    Case(
      id: "release-mismatch", edits: [answers: replace("release: \"2026.10\"", "release: \"2026.11\"")],
      expected:
        "reviews/shop/2026.10.md:2:10: error: release '2026.11' does not match the file name; rename the file to '2026.11.md' or set release: \"2026.10\" [release-mismatch]"
    ),
    Case(
      id: "unknown-section", edits: ["questions/lens.md": { $0 + "\n## Extra\nx\n" }],
      expected:
        "questions/lens.md:9:1: warning: lens.md has no sections; '## Extra' is shown as part of the introduction [unknown-section]"
    ),
    Case(
      id: "unknown-threat-model",
      edits: ["reviews/shop/workload.md": replace("threat-model: web", "threat-model: webb")],
      expected:
        "reviews/shop/workload.md:7:15: error: threat model 'webb' does not exist; did you mean 'web'? [unknown-threat-model]"
    ),
    Case(
      id: "unmeasured-objective",
      edits: [
        "questions/objectives/OBJ-03.md": { _ in
          "---\nid: OBJ-03\ntitle: Unmeasured\n---\n## What\nw\n## How\nh\n## Why\ny\n"
        }
      ],
      expected:
        "questions/objectives/OBJ-03.md:1:1: warning: objective 'OBJ-03' is measured by no question; name it in a question's 'objectives' [unmeasured-objective]"
    ),
    Case(
      id: "yaml-too-large",
      edits: [
        answers: replace(
          "---\nLogging", "tags: [" + Array(repeating: "a", count: 10_001).joined(separator: ",") + "]\n---\nLogging")
      ],
      expected:
        "reviews/shop/2026.10.md:16:19938: error: front matter has more than 10000 values; keep front matter small [yaml-too-large]"
    ),
  ]

  @Test(arguments: cases)
  func checkPrintsTheWholeMessage(_ example: Case) throws {
    let bench = try Workbench()
    for (path, edit) in example.edits {
      let url = bench.root.appendingPathComponent(path)
      let old = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
      if let new = edit(old) { try bench.write(path, new) } else { try bench.remove(path) }
    }
    let run = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01"])
    let lines = (run.stdout + run.stderr).split(separator: "\n").map(String.init)
    #expect(lines.contains(example.expected), "\(run.stdout)\(run.stderr)")
  }

  /// The template diagnostics come from `build`, which reads the templates.
  @Test func templateProblemsAreReportedInFull() throws {
    let bench = try Workbench()
    try FileManager.default.copyItem(at: Repo.templates, to: bench.root.appendingPathComponent("templates"))
    try bench.write("templates/glossary.mustache", try bench.read("templates/glossary.mustache") + "{{#open}}\n")
    try bench.remove("templates/executive.mustache")
    let run = try Run.pillar([
      "build", "--root", bench.root.path, "--date", "2026-11-01", "--output", temporaryFolder().path,
    ])
    #expect(run.status == 2)
    let templates = bench.root.appendingPathComponent("templates").path
    #expect(
      run.stderr.split(separator: "\n").map(String.init) == [
        "templates/executive.mustache:1:1: error: template 'executive.mustache' is missing from \(templates) [missing-template]",
        "templates/glossary.mustache:36:1: error: section 'open' is never closed; add {{/open}} [template-syntax]",
        "error: 2 error(s); the site was not written",
      ])
    // check validates the templates as build does, so a broken one fails before the merge.
    let check = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01"])
    #expect(check.status == 2)
    #expect(
      check.stdout.contains(
        "templates/glossary.mustache:36:1: error: section 'open' is never closed; add {{/open}} [template-syntax]"))
  }

  /// Ids that no test can produce, each with the reason.
  static let exempt: [String: String] = [
    // Tests run as root, who can read any file; a file that cannot be read is a permission problem.
    "unreadable-file": "cannot be produced as root"
  ]

  @Test func everyDiagnosticIsCheckedInFull() throws {
    let manager = FileManager.default
    func texts(under folder: String, suffixes: [String]) throws -> String {
      let root = Repo.root.appendingPathComponent(folder)
      return try manager.subpathsOfDirectory(atPath: root.path).filter { path in
        suffixes.contains { path.hasSuffix($0) }
      }
      .map { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
    }
    let sources = try texts(under: "Sources", suffixes: [".swift"])
    let tests = try texts(under: "Tests", suffixes: [".swift", ".txt"])
    let declared = try NSRegularExpression(pattern: #"\.?(?:error|warning)\(\s*"([a-z0-9]+(?:-[a-z0-9]+)+)""#)
    let ids = Set(
      declared.matches(in: sources, range: NSRange(sources.startIndex..., in: sources)).compactMap {
        Range($0.range(at: 1), in: sources).map { String(sources[$0]) }
      })
    #expect(ids.count > 40, "the scan found the diagnostic ids")
    for id in ids.sorted() where Self.exempt[id] == nil {
      // A full line: a position, a severity, a message, the id.
      let full = try NSRegularExpression(pattern: #":\d+:\d+: (error|warning): (?:[^"\n]|\\")+ \["# + id + #"\]"#)
      #expect(
        full.firstMatch(in: tests, range: NSRange(tests.startIndex..., in: tests)) != nil,
        "no test checks the full text of [\(id)]")
    }
  }
}
