import Foundation
import PillarCommands
import PillarModel
import Testing

/// The rules that make the question set's content answerable (docs/content.md): risk levels with
/// a source, classification promises the gate keeps, threat statements, evidence behind ticks and
/// reviewers independent of the fixes they review. Each on the basic fixture, changed one way.
@Suite struct ContentRulesTests {
  static let q01 = "questions/Q01-identity.md"
  static let levels = "questions/classification.md"
  static let ledger = "reviews/ledger/2026.1.md"
  static let shop = "reviews/shop/2026.10.md"

  func bench(_ edits: [String: (String) -> String]) throws -> Workbench {
    let bench = try Workbench()
    for (path, edit) in edits { try bench.write(path, edit(try bench.read(path))) }
    return bench
  }

  func replace(_ old: String, _ new: String) -> (String) -> String {
    { text in
      precondition(text.contains(old), "the fixture still holds '\(old)'")
      return text.replacingOccurrences(of: old, with: new)
    }
  }

  @Test func theFixtureFollowsEveryContentRule() throws {
    #expect(try Workbench().diagnostics() == [])
  }

  // MARK: Risk levels with a source

  @Test func aRiskThatDiffersFromItsSourceNeedsANote() throws {
    let bench = try bench([Self.q01: replace("    risk-note: \"The identity team", "    x-note: \"The identity team")])
    let lines = try bench.diagnostics()
    // The unknown field is the typo; the missing note is the rule.
    #expect(
      lines.contains(
        "questions/Q01-identity.md:20:5: error: practice 'Q01-BP03' is rated low but its source rates it medium; set 'risk: medium', or give the organisation's reason in 'risk-note' [unexplained-risk]"
      ))
  }

  @Test func aSourcedSetWantsEverySourceLevel() throws {
    let bench = try bench([Self.q01: replace("    risk: high\n    source-risk: high\n", "    risk: high\n")])
    #expect(
      try bench.diagnostics() == [
        "questions/Q01-identity.md:8:5: warning: practice 'Q01-BP01' has no 'source-risk': write the level the Example Framework, revision 2026-01 gives it, or 'risk-note' why it is the organisation's own [missing-source-risk]"
      ])
  }

  @Test func aSourceLevelNeedsTheLensToNameItsSource() throws {
    let bench = try bench([
      "questions/lens.md": replace("risk-source: \"the Example Framework, revision 2026-01\"\n", "")
    ])
    let lines = try bench.diagnostics()
    #expect(lines.count == 7, "one per practice: \(lines)")
    #expect(
      lines.first
        == "questions/Q01-identity.md:8:5: warning: practice 'Q01-BP01' has a 'source-risk' but lens.md names no 'risk-source' it comes from [missing-risk-source]"
    )
  }

  @Test func theQuestionPageGivesTheHouseReason() throws {
    let (run, site) = try Workbench().build()
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("questions/Q01.html"), encoding: .utf8)
    #expect(
      page.contains(
        "<p class=\"note\"><strong>Rated Low here; the Example Framework, revision 2026-01 rates it medium.</strong> The identity team checks group rules for every workload, so a missing one is caught before it matters.</p>"
      ))
  }

  // MARK: Promises the gate keeps

  @Test func aPromiseThroughAPracticeTheGateDoesNotEnforceIsRefused() throws {
    // Q01-BP03 is low and never required: a promise at public that names it is prose only.
    let bench = try bench([Self.levels: replace("practices: [Q01-BP01]", "practices: [Q01-BP01, Q01-BP03]")])
    #expect(
      try bench.diagnostics() == [
        "questions/classification.md:8:31: error: level 'public' promises 'Sign-in' through 'Q01-BP03', which is low risk and not required at public, so the gate would not keep the promise; add 'required-from: public' to Q01-BP03, or name the practice that enforces it [unkept-promise]"
      ])
  }

  @Test func aPracticeRequiredAboveThePromiseDoesNotKeepIt() throws {
    // Q01-BP02 becomes required at confidential: it cannot keep a promise made at public.
    let bench = try bench([Self.levels: replace("practices: [Q01-BP01]", "practices: [Q01-BP02]")])
    #expect(
      try bench.diagnostics() == [
        "questions/classification.md:8:21: error: level 'public' promises 'Sign-in' through 'Q01-BP02', which is medium risk and not required at public, so the gate would not keep the promise; add 'required-from: public' to Q01-BP02, or name the practice that enforces it [unkept-promise]"
      ])
  }

  @Test func aRequirementNoPromiseNamesIsReported() throws {
    let bench = try bench([
      Self.levels: replace(
        "      - text: Credentials that cannot be federated rotate.\n        practices: [Q01-BP02]\n", "")
    ])
    let lines = try bench.diagnostics()
    #expect(
      lines.contains(
        "questions/Q01-identity.md:19:20: warning: 'Q01-BP02' becomes required at confidential, but no promise of confidential in classification.md names it; say what it enforces there [unstated-requirement]"
      ), "\(lines)")
  }

  @Test func aPromiseMustNameAPractice() throws {
    let bench = try bench([Self.levels: replace("practices: [Q01-BP01]", "practices: []")])
    #expect(
      try bench.diagnostics() == [
        "questions/classification.md:8:20: error: field 'practices' needs at least one entry, e.g. 'practices: [a]' [empty-field]"
      ])
  }

  @Test func theClassificationPageShowsWhatKeepsEachPromise() throws {
    let (run, site) = try Workbench().build()
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("classification.html"), encoding: .utf8)
    #expect(page.contains("<strong>Sign-in.</strong> Everyone signs in with a second factor."))
    #expect(page.contains("Q01-BP01</a> Use strong sign-in <span class=\"note\">(high risk at every level)</span>"))
    #expect(page.contains("Q01-BP02</a> Rotate credentials <span class=\"note\">(required from Confidential)</span>"))
  }

  // MARK: Threat statements

  @Test func aThreatWithoutItsStatementIsNamed() throws {
    let bench = try bench([
      "questions/threat-models/web.md": replace(
        "    priority: high\n    prerequisites: An attacker holding passwords leaked from another site, against a sign-in that takes a password alone\n",
        "")
    ])
    #expect(
      try bench.diagnostics() == [
        "questions/threat-models/web.md:5:9: warning: threat 'TM-1' has no priority, prerequisites; a threat statement names its STRIDE categories, priority, prerequisites and impact [incomplete-threat]"
      ])
  }

  @Test func aTemplateThatMissesAStrideCategorySaysWhich() throws {
    let bench = try bench([
      "questions/threat-models/web.md": replace(
        "stride: [spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege]",
        "stride: [spoofing, tampering, information-disclosure, elevation-of-privilege]")
    ])
    #expect(
      try bench.diagnostics() == [
        "questions/threat-models/web.md:1:1: warning: threat model 'web' has no threat of repudiation, denial-of-service; a template covers every STRIDE category [stride-gap]"
      ])
  }

  @Test func anUnknownStrideCategoryIsAnErrorAtItsValue() throws {
    let bench = try bench([
      "questions/threat-models/web.md": replace("stride: [spoofing, tampering,", "stride: [spoofing, tamper,")
    ])
    // The category it meant to name is then uncovered, which says so too.
    #expect(
      try bench.diagnostics() == [
        "questions/threat-models/web.md:1:1: warning: threat model 'web' has no threat of tampering; a template covers every STRIDE category [stride-gap]",
        "questions/threat-models/web.md:9:24: error: stride 'tamper' is not one of spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege [invalid-value]",
      ])
  }

  @Test func theThreatModelPageShowsTheStatement() throws {
    let (run, site) = try Workbench().build()
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("threat-models/web.html"), encoding: .utf8)
    #expect(
      page.contains(
        "<span class=\"statement\"><strong>Prerequisites:</strong> An attacker holding passwords leaked from another site, against a sign-in that takes a password alone</span>"
      ))
    #expect(
      page.contains(
        "Threats per STRIDE category: spoofing 1, tampering 1, repudiation 1, information disclosure 1, denial of service 1, elevation of privilege 1."
      ))
  }

  // MARK: Evidence behind ticks

  /// Ledger is confidential; with evidence required there, each tick of its latest answers
  /// needs a link. Q01-BP01 gets one; Q03-BP01's "link" is inside a code span and an image, and
  /// Q03-BP02's is a `javascript:` URL: none of them cites anything.
  func evidenceBench() throws -> Workbench {
    try bench([
      Self.levels: replace("    title: Confidential\n", "    title: Confidential\n    evidence-required: true\n"),
      Self.ledger: replace(
        "- [x] Q01-BP01 Use strong sign-in\n",
        "- [x] Q01-BP01 Use strong sign-in\n  Enforced by [the IdP policy](https://example.com/idp).\n"
      )
        >>> replace(
          "- [x] Q03-BP01 Encrypt at rest\n",
          "- [x] Q03-BP01 Encrypt at rest\n  `[policy](https://example.com/kms)` ![key](https://example.com/key.png)\n"
        )
        >>> replace(
          "- [x] Q03-BP02 Share with third parties safely\n",
          "- [x] Q03-BP02 Share with third parties safely\n  [contract](javascript:alert(1))\n"),
    ])
  }

  @Test func aTickWithoutEvidenceIsReportedWhereEvidenceIsRequired() throws {
    let lines = try evidenceBench().diagnostics().filter { !$0.hasSuffix("[unsafe-url]") }
    #expect(
      lines == [
        "reviews/ledger/2026.1.md:13:7: warning: 'Q03-BP01' is ticked with no evidence; a Confidential workload links each implemented practice to what shows it (a ticket, dashboard, runbook or document) in its note [no-evidence]",
        "reviews/ledger/2026.1.md:15:7: warning: 'Q03-BP02' is ticked with no evidence; a Confidential workload links each implemented practice to what shows it (a ticket, dashboard, runbook or document) in its note [no-evidence]",
      ])
  }

  @Test func theGateFailsUnevidencedTicksWhenThePolicySaysSo() throws {
    let bench = try evidenceBench()
    // Ledger fails already on its high risks; the reason that matters here is the evidence one.
    let run = try Run.pillar([
      "check", "--root", bench.root.path, "--date", "2026-11-01", "--fail-on-unevidenced-practices", "--quiet",
    ])
    #expect(run.status == 1)
    #expect(run.stdout.contains("2 practices ticked with no evidence (Q03-BP01, Q03-BP02)"), "\(run.stdout)")
    let relaxed = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01", "--quiet"])
    #expect(!relaxed.stdout.contains("practices ticked with no evidence"))
  }

  @Test func evidenceIsReadFromLinkNodesOnly() throws {
    let checked = try evidenceBench().checked()
    let ledger = try #require(checked.workbook.workloads.first { $0.id == "ledger" }?.reviews.last)
    let evidence = Dictionary(
      uniqueKeysWithValues: ledger.answers.flatMap(\.practices).map { ($0.practiceID, $0.evidence) })
    #expect(evidence["Q01-BP01"] == ["https://example.com/idp"])
    #expect(evidence["Q01-BP02"] == [])
    #expect(evidence["Q03-BP01"] == [])
    #expect(evidence["Q03-BP02"] == [])
  }

  // MARK: Required practices not accepted away

  @Test func anAcceptedRequiredPracticeFailsFromTheLevelThePolicyNames() throws {
    // Shop (public) accepts Q01-BP02; make it required at public so the acceptance is of a
    // required practice, then refuse such acceptances from public up.
    let bench = try bench([
      Self.q01: replace("    required-from: confidential\n", "    required-from: public\n"),
      Self.levels: replace("practices: [Q01-BP01]", "practices: [Q01-BP01, Q01-BP02]")
        >>> replace("      - text: Credentials that cannot be federated rotate.\n        practices: [Q01-BP02]\n", ""),
    ])
    let arguments = ["check", "--root", bench.root.path, "--date", "2026-11-01", "--workload", "shop", "--quiet"]
    #expect(try Run.pillar(arguments).status == 0)
    let refused = try Run.pillar(arguments + ["--fail-on-accepted-required-from", "public"])
    #expect(refused.status == 1)
    #expect(
      refused.stdout.contains("1 required practice risk-accepted at Public or above (Q01-BP02)"), "\(refused.stdout)")
    // From a level above the workload's, the acceptance stands.
    #expect(try Run.pillar(arguments + ["--fail-on-accepted-required-from", "internal"]).status == 0)
    let typo = try Run.pillar(arguments + ["--fail-on-accepted-required-from", "restricted"])
    #expect(typo.status == 2)
  }

  // MARK: Independent reviewers

  @Test func aReviewerWhoOwnsTheFixIsReported() throws {
    let bench = try bench([
      Self.shop: replace("    owner: l.chen\n", "    owner: j.doe\n")
        >>> replace("    approver: ciso\n", "    approver: a.khan\n")
    ])
    #expect(
      try bench.diagnostics() == [
        "reviews/shop/2026.10.md:7:15: warning: 'j.doe' reviews this release and owns the improvement of Q01-BP02; a fix is reviewed by someone who does not own it [reviewer-owns-fix]",
        "reviews/shop/2026.10.md:12:15: warning: 'a.khan' reviews this release and approves the acceptance of Q01-BP02; a risk is accepted by someone other than its reviewers [reviewer-owns-fix]",
      ])
  }
}

infix operator >>> : AdditionPrecedence

/// Two edits of a file, one after the other.
func >>> (first: @escaping (String) -> String, second: @escaping (String) -> String) -> (String) -> String {
  { second(first($0)) }
}
