import Foundation
import PillarCommands
import PillarFormats
import PillarModel
import PillarScoring
import Testing

/// Answers held against Prowler's findings (docs/evidence.md), on Tests/Fixtures/evidence: a
/// findings file written by Prowler's own OCSF writer (see its README) and a small workbook whose
/// workloads declare the accounts it scanned. At its one release, payments ticks SEC04-BP01
/// (a logging check failed on one of three buckets), SEC04-BP02, SEC08-BP02 and SEC08-BP03 (all
/// their checks passed) and leaves SEC01-BP02 unticked (all three root checks passed); analytics
/// leaves SEC04-BP03 unticked (GuardDuty is off: the check failed); intranet declares no account.
@Suite struct EvidenceTests {
  static let folder = Repo.fixtures.appendingPathComponent("evidence")
  static let workbook = folder.appendingPathComponent("workbook")
  static let findings = folder.appendingPathComponent("prowler-example.ocsf.json").path

  func checked(_ root: URL = EvidenceTests.workbook, evidence: [String] = [EvidenceTests.findings]) throws
    -> CheckedWorkbook
  {
    try CheckedWorkbook.load(root: root, date: "2026-11-29", environment: [:], evidence: evidence, jobs: 2)
  }

  @Test func eachAnswerIsJudgedAsTheFindingsSay() throws {
    let checked = try checked()
    let judged = Dictionary(
      uniqueKeysWithValues: checked.evaluation.workloads.map { result in
        (result.workload.id, Dictionary(uniqueKeysWithValues: result.evidence.map { ($0.practiceID, $0) }))
      })
    let payments = try #require(judged["payments"])
    #expect(payments["SEC04-BP01"]?.judgement == .contradicted)
    #expect(payments["SEC04-BP01"]?.passed == 2 && payments["SEC04-BP01"]?.failed == 1)
    #expect(payments["SEC04-BP02"]?.judgement == .confirmed)
    #expect(payments["SEC08-BP02"]?.judgement == .confirmed)
    #expect(payments["SEC08-BP03"]?.judgement == .confirmed && payments["SEC08-BP03"]?.passed == 3)
    #expect(payments["SEC01-BP02"]?.judgement == .suggestsReview)
    #expect(payments["SEC04-BP03"]?.judgement == .cannotJudge)
    let analytics = try #require(judged["analytics"])
    #expect(analytics["SEC04-BP03"]?.judgement == .confirmed)
    #expect(judged["intranet"]?.isEmpty == true)
    // Findings of an account nobody declares are counted, never used.
    let sources = try evidenceSources(checked)
    #expect(sources.first?.otherAccounts == 15)  // 4, 7 and 4 of three accounts it does not hold
    #expect(sources.first?.scanned == "2026-11-20")
  }

  func evidenceSources(_ checked: CheckedWorkbook) throws -> [EvidenceIndex.Source] {
    let (index, _) = EvidenceFiles.load(
      root: checked.root, configured: [], given: [EvidenceTests.findings], set: checked.workbook.questionSet)
    return index.sources(declared: Set(checked.workbook.workloads.flatMap(\.accounts)))
  }

  @Test func checkWarnsWhereTheyDisagreeAndTheGateFailsOnlyUnderTheOption() throws {
    let arguments = [
      "check", "--root", Self.workbook.path, "--date", "2026-11-29", "--evidence", Self.findings,
    ]
    let run = try Run.pillar(arguments)
    #expect(run.status == 0, "\(run.stdout)")
    #expect(
      run.stdout.split(separator: "\n").prefix(2).map(String.init) == [
        "reviews/payments/2026.1.md:14:7: warning: 'SEC01-BP02' is marked missing, but every one of the 3 checks mapped to it passed in prowler-example.ocsf.json (scanned 2026-11-20); review it again: it may be in place [evidence-suggests]",
        "reviews/payments/2026.1.md:17:7: warning: 'SEC04-BP01' is marked implemented, but 1 check mapped to it failed in prowler-example.ocsf.json (scanned 2026-11-20): s3_bucket_server_access_logging_enabled on 1 resource; fix it, or untick it with an improvement [evidence-disagrees]",
      ])
    let gated = try Run.pillar(arguments + ["--fail-on-contradicted"])
    #expect(gated.status == 1)
    #expect(
      gated.stdout.contains(
        "FAIL  payments 2026.1  score 91  HRI 0  MRI 0  unanswered 0  (evidence disagrees: 1 practice marked implemented with a failing check (SEC04-BP01))"
      ), "\(gated.stdout)")
    #expect(gated.stdout.contains("PASS  analytics 2026.1"))
    // Without evidence nothing is judged.
    let bare = try Run.pillar(["check", "--root", Self.workbook.path, "--date", "2026-11-29", "--fail-on-contradicted"])
    #expect(bare.status == 0)
    #expect(!bare.stdout.contains("evidence"))
  }

  /// A scan older than the review by more than `evidence-stale-after` days still shows, but
  /// does not fail the gate: the team may have fixed what it found before reviewing.
  @Test func staleEvidenceShowsButDoesNotGate() throws {
    let bench = try Workbench(fixture: "evidence/workbook")
    try bench.write("pillar.yml", "evidence-stale-after: 3\ngate:\n  contradicted: true\n")
    let file = "reviews/payments/2026.1.md"
    try bench.write(
      file, try bench.read(file).replacingOccurrences(of: "reviewed: 2026-11-18", with: "reviewed: 2026-11-25"))
    let result = try #require(
      try checked(bench.root).evaluation.workloads.first { $0.workload.id == "payments" })
    let logging = try #require(result.evidence.first { $0.practiceID == "SEC04-BP01" })
    #expect(logging.judgement == .contradicted && logging.isStale)
    #expect(result.latest?.gate.passes == true)
  }

  @Test func findingsFromPillarYmlMustBeInsideTheWorkbook() throws {
    let bench = try Workbench(fixture: "evidence/workbook")
    try bench.write("pillar.yml", "evidence: [../outside.json, /etc/passwd, scans/prowler.json]\n")
    try FileManager.default.createDirectory(
      at: bench.root.appendingPathComponent("scans"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: Self.findings), to: bench.root.appendingPathComponent("scans/prowler.json"))
    let found = try checked(bench.root, evidence: []).diagnostics.map(\.formatted)
    #expect(
      found.prefix(2) == [
        "pillar.yml:1:12: error: evidence path '../outside.json' must be relative and inside the workbook; give files elsewhere with --evidence [invalid-value]",
        "pillar.yml:1:29: error: evidence path '/etc/passwd' must be relative and inside the workbook; give files elsewhere with --evidence [invalid-value]",
      ])
    #expect(found.contains { $0.hasSuffix("[evidence-disagrees]") }, "the file inside is read")
  }

  @Test func malformedRecordsAreCountedNeverACrash() throws {
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = try String(contentsOfFile: Self.findings, encoding: .utf8)
    let body = good.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst().dropLast()
    let broken = folder.appendingPathComponent("broken.json")
    // A record that is no object, one with no account, one with an unknown status, a compliance
    // list that is text, then the real findings, then a truncated record.
    try Data(
      ("[42, {\"status_code\": \"PASS\"}, {\"status_code\": \"MAYBE\", \"cloud\": {\"account\": {\"uid\": \"111122223333\"}}, \"metadata\": {\"event_code\": \"x\"}},"
        + " {\"status_code\": \"FAIL\", \"cloud\": {\"account\": {\"uid\": \"111122223333\"}}, \"metadata\": {\"event_code\": \"y\"}, \"unmapped\": {\"compliance\": {\"AWS-Well-Architected-Framework-Security-Pillar\": \"SEC08-BP02\"}}},"
        + body + ", {\"status_code\": \"FAIL\", \"cloud\": {").utf8
    ).write(to: broken)
    let broke = try checked(evidence: [broken.path])
    #expect(
      broke.diagnostics.map(\.formatted).contains(
        "broken.json:1:1: warning: 4 records are not a finding Pillar can read (an object with an account, a check and a PASS, FAIL or MANUAL status); the first at byte 1; 44 findings were read [evidence-malformed]"
      ), "\(broke.diagnostics.map(\.formatted))")
    // The readable findings still judge: the text compliance list maps nothing.
    let payments = try #require(broke.evaluation.workloads.first { $0.workload.id == "payments" })
    #expect(payments.evidence.first { $0.practiceID == "SEC04-BP01" }?.judgement == .contradicted)
    let missing = try checked(evidence: ["no-such-scan.json"])
    #expect(
      missing.diagnostics.map(\.formatted).contains(
        "no-such-scan.json:1:1: error: evidence file 'no-such-scan.json' cannot be read [evidence-unreadable]"))
  }

  @Test func anAccountIsTwelveDigits() throws {
    let bench = try Workbench(fixture: "evidence/workbook")
    let file = "reviews/payments/workload.md"
    try bench.write(file, try bench.read(file).replacingOccurrences(of: "[111122223333]", with: "[1111-2222-3333]"))
    #expect(
      try bench.diagnostics().contains(
        "reviews/payments/workload.md:5:12: error: account '1111-2222-3333' is not a 12-digit AWS account id [invalid-value]"
      ))
  }

  /// The scorecard shows each judgement and where it came from; the dashboard counts them.
  @Test func theSiteShowsTheJudgements() throws {
    let output = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let run = try Run.pillar([
      "build", "--root", Self.workbook.path, "--date", "2026-11-29", "--output", output.path, "--templates",
      Repo.templates.path, "--evidence", Self.findings,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let card = try String(
      contentsOf: output.appendingPathComponent("workloads/payments/2026.1.html"), encoding: .utf8)
    #expect(
      card.contains(
        "<span class=\"badge risk-high\">Evidence disagrees</span> <span class=\"note\">1 scanner check: 2 resources passed, 1 failed"
      ))
    #expect(card.contains("Held against scanner findings: <code>prowler-example.ocsf.json</code>, scanned 2026-11-20."))
    #expect(card.contains("<span class=\"badge risk-medium\">Evidence suggests re-review</span>"))
    let dashboard = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(
      dashboard.contains(
        "Scanner evidence for 2 workload(s): <strong>6</strong> answers confirmed, <strong>1</strong> contradicted"))
    let intranet = try String(
      contentsOf: output.appendingPathComponent("workloads/intranet/2026.1.html"), encoding: .utf8)
    #expect(!intranet.contains("Held against scanner findings") && !intranet.contains("<p class=\"evidence\">"))
  }

  /// `pillar metrics` counts the judgements: payments 3 confirmed, 1 contradicted, 1 for
  /// re-review, 1 not judged (SEC04-BP03: no check of its account maps there); analytics 3
  /// confirmed (SEC04-BP01, SEC04-BP03, SEC08-BP03), 3 not judged.
  @Test func metricsCountTheJudgements() throws {
    let run = try Run.pillar([
      "metrics", "--root", Self.workbook.path, "--date", "2026-11-29", "--format", "json", "--evidence", Self.findings,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let evidence = try #require(json["evidence"] as? [String: Int])
    #expect(
      evidence == ["workloads": 2, "confirmed": 6, "contradicted": 1, "suggestsReview": 1, "cannotJudge": 4])
    let schema = try CheckFormatTests.validate(
      run.stdout, schema: Repo.root.appendingPathComponent("docs/schemas/pillar-metrics-1.schema.json"))
    #expect(schema.status == 0, "\(schema.stdout)")
    let text = try Run.pillar([
      "metrics", "--root", Self.workbook.path, "--date", "2026-11-29", "--evidence", Self.findings,
    ])
    #expect(
      text.stdout.contains(
        "Scanner evidence, 2 workloads: 6 answers confirmed, 1 contradicted, 1 suggested for re-review, 4 not judged"))
  }
}
