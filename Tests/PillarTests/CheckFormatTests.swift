import Foundation
import PillarRecords
import PillarScoring
import Testing

/// `pillar check` in each output format on the fixture workbook (golden files under
/// Golden/check/, re-recorded with PILLAR_RECORD=1), validated against the published schemas.
@Suite struct CheckFormatTests {
  static let folder = Repo.golden.appendingPathComponent("check")
  static let root = Repo.fixtures.appendingPathComponent("basic")

  static func check(_ format: String, root: URL = root, _ extra: [String] = []) throws -> Run {
    try Run.pillar(
      [
        "check", "--root", root.path, "--date", "2026-11-01", "--format", format, "--site-url",
        "https://security.example.com/",
      ]
        + extra)
  }

  /// Validates `json` against a schema with the `jsonschema` package (Tests/Schemas/validate.py).
  static func validate(_ json: String, schema: URL) throws -> Run {
    try Run.python("Tests/Schemas/validate.py", [schema.path], input: json)
  }

  @Test(arguments: [("text", "txt"), ("json", "json"), ("github", "github.txt"), ("sarif", "sarif")])
  func formatsMatchTheirGoldenFiles(_ format: String, _ ext: String) throws {
    let run = try Self.check(format)
    #expect(run.status == 1)
    let file = Self.folder.appendingPathComponent("basic.\(ext)")
    try GoldenTests.expect(run.stdout, matches: file)
  }

  /// Workbooks of every kind the schemas must describe: the fixture, invalid input, and a
  /// generated one (never the shipped example, whose content teams change).
  static func schemaWorkbooks() throws -> [URL] {
    let generated = temporaryFolder()
    try generateWorkbook(at: generated, workloads: 6, releases: 2)
    return [Self.root, Repo.fixtures.appendingPathComponent("errors"), generated]
  }

  @Test func sarifValidatesAgainstTheSarifSchema() throws {
    for root in try Self.schemaWorkbooks() {
      let run = try Self.check("sarif", root: root)
      let result = try Self.validate(
        run.stdout, schema: Repo.root.appendingPathComponent("Tests/Schemas/sarif-2.1.0.json"))
      #expect(result.status == 0, "\(root.lastPathComponent): \(result.stdout)")
    }
    let sarif = try #require(
      try JSONSerialization.jsonObject(with: Data(Self.check("sarif").stdout.utf8)) as? [String: Any])
    let driver = try #require(
      ((sarif["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rule = try #require((driver["rules"] as? [[String: Any]])?.first { $0["id"] as? String == "Q01-BP02" })
    #expect(rule["helpUri"] as? String == "https://security.example.com/questions/Q01.html#Q01-BP02")
    #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == "Rotate credentials")
    // Code scanning ranks alerts by security-severity: the required, missing practice is high.
    let properties = try #require(rule["properties"] as? [String: Any])
    #expect(properties["security-severity"] as? String == "8.0")
    #expect((properties["tags"] as? [String])?.contains("security") == true)
  }

  @Test func jsonValidatesAgainstThePublishedSchemas() throws {
    let check = Repo.root.appendingPathComponent("docs/schemas/pillar-check-1.schema.json")
    let workbooks = try Self.schemaWorkbooks()
    for root in workbooks {
      let result = try Self.validate(try Self.check("json", root: root).stdout, schema: check)
      #expect(result.status == 0, "\(root.lastPathComponent): \(result.stdout)")
    }
    let export = try Run.pillar(["export", "--all-releases", "--root", workbooks[2].path, "--date", "2026-11-01"])
    #expect(export.status == 0)
    let result = try Self.validate(
      export.stdout, schema: Repo.root.appendingPathComponent("docs/schemas/pillar-export-1.schema.json"))
    #expect(result.status == 0, "\(result.stdout)")
    // The schema can fail: a scorecard with a made-up state is refused.
    let broken = export.stdout.replacingOccurrences(of: "\"implemented\"", with: "\"done\"")
    #expect(
      try Self.validate(broken, schema: Repo.root.appendingPathComponent("docs/schemas/pillar-export-1.schema.json"))
        .status == 1)
  }

  @Test func invalidInputIsNeverAPassInJSON() throws {
    let run = try Self.check("json", root: Repo.fixtures.appendingPathComponent("errors"))
    #expect(run.status == 2)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(object["verdict"] as? String == "invalid")
    #expect((object["scorecards"] as? [Any])?.isEmpty == true)
  }

  @Test func githubAnnotationPointsAtTheMissingPracticesChecklistLine() throws {
    let run = try Self.check("github", ["--workload", "ledger"])
    // ledger/2026.1.md line 8: "- [ ] Q01-BP02 Rotate credentials" (required at confidential).
    #expect(
      run.stdout.contains(
        "::error file=reviews/ledger/2026.1.md,line=8,col=7,title=Blocks%3A High risk%3A Q01-BP02::Q01-BP02 Rotate credentials: it is marked missing; high risk, required at the confidential classification (ledger 2026.1). Blocks the release; to pass, implement it and mark it [x], mark it [n/a] with why it does not apply, or record a risk acceptance (approver, reason, expires)"
      ))
    let line = try String(contentsOf: Self.root.appendingPathComponent("reviews/ledger/2026.1.md"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)[7]
    #expect(line == "- [ ] Q01-BP02 Rotate credentials")
  }

  @Test func workflowCommandTextIsEscaped() throws {
    let bench = try Workbench()
    try bench.write(
      "reviews/shop/2026.10.md",
      try bench.read("reviews/shop/2026.10.md").replacingOccurrences(
        of: "reviewers: [a.khan, j.doe]", with: "reviewers: [a.khan, j.doe]\nowners: x"))
    let run = try Self.check("github", root: bench.root)
    #expect(run.stdout.contains("title=unknown-field::unknown field 'owners'"))
  }

  /// Release figures only on release rows, so a spreadsheet's SUM is right; the practice rows
  /// carry the state, the risk if missing, the risk open now, the acceptance and the improvement.
  @Test func csvRowsEachCarryTheirOwnFigures() throws {
    let root = Repo.fixtures.appendingPathComponent("basic").path
    func rows(_ kind: String) throws -> [[String]] {
      let run = try Run.pillar(["export", "--root", root, "--date", "2026-11-01", "--format", "csv", "--rows", kind])
      #expect(run.status == 0)
      return run.stdout.split(separator: "\r\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
    }
    let releases = try rows("release")
    let column = try #require(releases[0].firstIndex(of: "high_risks"))
    #expect(releases.dropFirst().compactMap { Int($0[column]) }.reduce(0, +) == 1)
    #expect(releases.count == 3)
    let practices = try rows("practice")
    let header = practices[0]
    #expect(!header.contains("high_risks") && header.contains("risk_if_missing") && header.contains("open_risk"))
    let accepted = try #require(practices.first { $0[0] == "shop" && $0.contains("Q01-BP02") })
    let value = { (name: String) in accepted[header.firstIndex(of: name)!] }
    #expect(value("state") == "risk-accepted")
    #expect(value("open_risk") == "none")
    #expect(value("acceptance_approver") == "ciso" && value("acceptance_expires") == "2027-01-31")
    #expect(value("improvement_owner") == "l.chen" && value("improvement_due") == "2026-09-01")
    #expect(value("as_of") == "2026-11-01")
    #expect(try rows("question").count == 7)
  }

  @Test func csvExportGuardsAgainstFormulas() throws {
    let bench = try Workbench()
    try bench.write(
      "reviews/shop/2026.10.md",
      try bench.read("reviews/shop/2026.10.md").replacingOccurrences(
        of: ": nothing is shared", with: ": =HYPERLINK(\"http://x\",\"a, b\")"))
    let run = try Run.pillar(["export", "--format", "csv", "--root", bench.root.path])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("workload,name,owner,classification,release,"))
    #expect(run.stdout.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\","))
  }

  /// `data/latest.json` and `pillar export` assemble the file record by record, in parallel;
  /// the bytes must be those of encoding the whole export at once.
  @Test func jsonExportIsTheWholeEncodingRecordByRecord() throws {
    struct Export: Decodable {
      var date: String
      var questionSet: String
      var scorecards: [ScorecardRecord]
    }
    let run = try Run.pillar([
      "export", "--format", "json", "--all-releases", "--root", try Self.schemaWorkbooks()[2].path, "--date",
      "2026-11-01",
    ])
    #expect(run.status == 0)
    let export = try JSONDecoder().decode(Export.self, from: Data(run.stdout.utf8))
    #expect(export.scorecards.count > 3)
    // Every escape the encoder makes, absent optionals and empty lists, in one record.
    var odd = export.scorecards[0]
    odd.name = String(String.UnicodeScalarView((0..<128).compactMap(Unicode.Scalar.init))) + "é🙂\u{2028}\u{85}"
    odd.owner = "a/b \\ \"q\" \u{7F}"
    odd.questionSet = nil
    odd.score = nil
    odd.gate.reasons = []
    odd.objectives = []
    odd.questions[0].practices[0].reason = "\t\r\n\u{8}\u{C}"
    odd.questions[0].practices[0].line = nil
    for records in [export.scorecards, Array(export.scorecards.prefix(1)), [odd], []] {
      let whole = ExportJSON(date: export.date, questionSet: export.questionSet, scorecards: records)
      let expected = [UInt8](try ScorecardRecord.encoder().encode(whole)) + [0x0A]
      #expect(try ExportJSON.bytes(records, date: export.date, questionSet: export.questionSet, jobs: 3) == expected)
    }
  }
}
