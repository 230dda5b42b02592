import Foundation
import Testing

/// No page shows two numbers that contradict each other, and every figure sits beside its
/// definition. Built sites of the fixture and of a generated workbook are read back as a person
/// would read them; each check is listed in docs/scoring.md's "Page checks".
@Suite struct PageConsistencyTests {
  /// Sites to read: the fixture (an unanswered question, a required practice, a gate objective)
  /// and a generated organisation.
  static func sites() throws -> [(workbook: URL, site: URL)] {
    let bench = try Workbench()
    try bench.write(
      "questions/objectives/OBJ-01.md",
      try bench.read("questions/objectives/OBJ-01.md").replacingOccurrences(
        of: "title: Identity first\n", with: "title: Identity first\ngate: true\n"))
    let generated = temporaryFolder()
    try generateWorkbook(at: generated, workloads: 16, releases: 3)
    // Keep the bench alive by copying it: a Workbench removes its folder when released.
    let fixture = temporaryFolder()
    try FileManager.default.copyItem(at: bench.root, to: fixture)
    return try [fixture, generated].map { workbook in
      let site = temporaryFolder()
      let run = try Run.pillar([
        "build", "--root", workbook.path, "--templates", Repo.templates.path, "--output", site.path, "--date",
        "2026-11-01",
      ])
      #expect(run.status == 0, "\(run.stderr)")
      return (workbook, site)
    }
  }

  static func pages(in site: URL) throws -> [(path: String, html: String)] {
    try FileManager.default.subpathsOfDirectory(atPath: site.path).sorted().filter { $0.hasSuffix(".html") }.map {
      ($0, try String(contentsOf: site.appendingPathComponent($0), encoding: .utf8))
    }
  }

  static func matches(_ pattern: String, in text: String) -> [[String]] {
    let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
      (0..<match.numberOfRanges).map { index in
        Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
      }
    }
  }

  /// Check 1: every page that shows HRI, MRI, a score, an average or a verdict links to the
  /// glossary entry that defines it.
  @Test func everyFigureLinksToItsDefinition() throws {
    for (_, site) in try Self.sites() {
      for (path, html) in try Self.pages(in: site) where path != "glossary.html" {
        let rules: [(shown: String, anchor: String)] = [
          ("high-risk issues</span>", "glossary.html#hri"), (">HRI<", "glossary.html#hri"),
          ("medium-risk issues</span>", "glossary.html#mri"), ("average score <", "glossary.html#average-score"),
          ("tile-label\">path to production", "glossary.html#gate"), ("pass the gate", "glossary.html#gate"),
        ]
        for rule in rules where html.contains(rule.shown) {
          #expect(html.contains(rule.anchor), "\(path) shows '\(rule.shown)' without \(rule.anchor)")
        }
        #expect(html.contains("gate verdicts under"), "\(path): the footer names the policy")
      }
    }
  }

  /// Check 2: on every scorecard, the HRI figure is the number of questions marked High, and a
  /// practice labelled "required at this classification" is labelled with the risk it scores at.
  @Test func scorecardsAgreeWithTheirRows() throws {
    for (_, site) in try Self.sites() {
      for (path, html) in try Self.pages(in: site)
      where path.hasPrefix("workloads/") && !path.hasSuffix("index.html") && !path.contains("/changes/") {
        let hri = Self.matches(
          #"<span class="tile-value">(\d+)</span><span class="tile-label">high-risk issues"#, in: html)
        let highQuestions = Self.matches(#"<h3>[^\n]*<span class="badge risk-high">High</span>"#, in: html).count
        #expect(hri.first.map { Int($0[1]) } == highQuestions, "\(path)")
        for row in Self.matches(#"risk if missing: (\w+) \(required at this classification"#, in: html) {
          #expect(row[1] == "High", "\(path): a required practice labelled \(row[1])")
        }
      }
    }
  }

  /// Check 3: on the dashboard, passing and failing add up to the workloads with a review, the
  /// average is the mean of the complete reviews' scores in the table and says how many it
  /// covers, and an objective about the gate is never met by more workloads than pass it.
  @Test func theDashboardAddsUp() throws {
    for (workbook, site) in try Self.sites() {
      let html = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
      func tile(_ label: String) -> String? {
        Self.matches(#"<span class="tile-value">([^<]+)</span><span class="tile-label">\#(label)"#, in: html).first?[1]
      }
      let allRows = Self.matches(
        #"</meter> (\S+)</td>\n<td class="num[^"]*">(\d+)</td>\n<td class="num[^"]*">(\d+)</td>\n<td class="num[^"]*">(\d+)</td>\n<td><span class="verdict verdict-(\w+)">"#,
        in: html)
      #expect(!allRows.isEmpty)
      let rows = allRows.filter { $0[5] != "retired" }
      let passing = rows.count { $0[5] == "pass" }
      #expect(tile("pass the gate").flatMap { Int($0) } == passing)
      #expect(tile("fail the gate").flatMap { Int($0) } == rows.count - passing)
      let complete = rows.filter { $0[4] == "0" }.compactMap { Int($0[1]) }
      let average = complete.isEmpty ? "n/a" : String(complete.reduce(0, +) / complete.count)
      #expect(tile("average score") == average)
      #expect(html.contains("over \(complete.count) of \(rows.count) reviewed workloads with every question answered"))
      let objectives = try FileManager.default.contentsOfDirectory(
        atPath: workbook.appendingPathComponent("questions/objectives").path)
      for name in objectives {
        let text = try String(
          contentsOf: workbook.appendingPathComponent("questions/objectives/\(name)"), encoding: .utf8)
        guard text.contains("\ngate: true\n"), let id = Self.matches(#"\nid: (\S+)"#, in: text).first?[1] else {
          continue
        }
        let met = Self.matches(#"<span class="bar-id">\#(id)</span>.*?</meter> (\d+) of"#, in: html).first?[1]
        #expect(
          met.flatMap { Int($0) }.map { $0 <= passing } == true, "\(id) met by \(met ?? "?") of \(passing) passing")
      }
    }
  }
}
