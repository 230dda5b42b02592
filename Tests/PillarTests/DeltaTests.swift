import PillarDiagnostics
import PillarModel
import Testing

@testable import PillarScoring

@Suite struct DeltaTests {
  static let regressionRelease = """
    ---
    release: "2026.11"
    reviewed: 2026-10-20
    reviewers: [a.khan]
    question-set: "1.0"
    ---
    Logging is central now.

    ## Q01 How do you authenticate people?
    - [ ] Q01-BP01 Use strong sign-in
    - [ ] Q01-BP02 Rotate credentials
    - [n/a] Q01-BP03 Use groups: one operator

    ## Q02 How do you detect security events?
    - [x] Q02-BP01 Log centrally
    - [x] Q02-BP02 Alert on findings

    Logs land in the SIEM within a minute.

    ## Q03 How do you protect data at rest?
    - [x] Q03-BP01 Encrypt at rest
    - [n/a] Q03-BP02 Share with third parties safely: nothing is shared

    """

  func shop(_ bench: Workbench) throws -> Evaluation.WorkloadResult {
    try #require(bench.checked(date: "2026-11-01").evaluation.workloads.first { $0.workload.id == "shop" })
  }

  /// Notes compare with white space runs folded: re-wrapping is not a change, words are.
  @Test(
    arguments: [
      ("one two\nthree", "one  two three", true), ("\n  text\t", "text", true), (nil, "  \n", true),
      ("a b", "ab", false), ("a", "a b", false), ("one two", "one tow", false), ("x\r\ny", "x y", true),
      ("", "a", false), ("é  ü", "é ü", true),
    ] as [(String?, String?, Bool)])
  func notesCompareWithWhiteSpaceFolded(old: String?, new: String?, same: Bool) {
    #expect(Delta.sameText(old, new) == same)
    #expect(Delta.sameText(new, old) == same)
  }

  @Test func consecutiveReleasesGiveOneDeltaEach() throws {
    let shop = try shop(Workbench())
    #expect(shop.deltas.map { "\($0.from.release)→\($0.to.release)" } == ["2026.1→2026.9", "2026.9→2026.10"])
  }

  @Test func implementedResolvedAnsweredAcceptedAndNotesChanged() throws {
    let delta = try #require(shop(Workbench()).deltas.last)
    let changes = Dictionary(uniqueKeysWithValues: delta.practices.map { ($0.practice.id, $0.change) })
    #expect(
      changes == [
        "Q01-BP02": .other, "Q02-BP01": .newlyImplemented, "Q03-BP01": .newlyImplemented,
        "Q03-BP02": .newlyNotApplicable,
      ])
    // Q01: the missing medium practice is now accepted; Q02: the missing high practice is done.
    #expect(delta.resolvedRisks.map(\.question.id) == ["Q01", "Q02"])
    #expect(delta.resolvedRisks.map(\.from) == [.medium, .high])
    // Q03 went from unanswered to answered: a change of risk that is neither resolved nor introduced.
    #expect(delta.risks.map(\.question.id) == ["Q01", "Q02", "Q03"])
    #expect(delta.introducedRisks.isEmpty)
    #expect(delta.notesChanged == ["Q01", "Q02"])
    #expect(delta.summaryChanged)
    #expect(delta.highRiskChange == -1)
    // 2026.9: 6 of 16 weighted points (Q03 unanswered counts as not implemented) = 37.
    #expect(delta.scoreChange == 85 - 37)
  }

  @Test func regressionsAndNewHighRisks() throws {
    let bench = try Workbench()
    try bench.write("reviews/shop/2026.11.md", Self.regressionRelease)
    let delta = try #require(shop(bench).deltas.last)
    #expect(delta.regressions.map(\.practice.id) == ["Q01-BP01"])
    #expect(delta.regressions.first?.risk == .high)
    #expect(delta.newHighRisks.map(\.question.id) == ["Q01"])
    #expect(delta.practices.first { $0.practice.id == "Q01-BP02" }?.change == .newlyMissing)
    #expect(delta.practices.first { $0.practice.id == "Q01-BP03" }?.change == .newlyNotApplicable)
    #expect(delta.notesChanged == ["Q01"])
    #expect(!delta.summaryChanged)
    #expect(delta.to.gate.passes == false)
  }

  @Test func improvementsAreCarriedForwardWhileTheirPracticeIsOpen() throws {
    let bench = try Workbench()
    try bench.write("reviews/shop/2026.11.md", Self.regressionRelease)
    let shop = try shop(bench)
    // 2026.10 lists Q01-BP02; 2026.11 does not but the practice is still missing: carried.
    let plan = try #require(shop.plans.last)
    #expect(plan.map(\.improvement.practice.id) == ["Q01-BP02"])
    #expect(plan.first?.isCarried == true)
    #expect(plan.first?.listedIn == "2026.10")
    #expect(plan.first?.isOverdue == true)
    // Marking it not applicable closes it.
    try bench.write(
      "reviews/shop/2026.11.md",
      Self.regressionRelease.replacingOccurrences(
        of: "- [ ] Q01-BP02 Rotate credentials", with: "- [n/a] Q01-BP02 Rotate credentials: nothing to rotate"))
    #expect(try self.shop(bench).plans.last?.isEmpty == true)
  }
}

@Suite struct VersionMappingTests {
  static let mappings = """
    ---
    mappings:
      - from: "0.8"
        to: "0.9"
        practices:
          Q01-BP07: Q01-BP08
      - from: "0.9"
        to: "1.0"
        practices:
          Q01-BP08: Q01-BP03
          Q09-BP01: Q02-BP02
    ---
    Practices were renumbered in 1.0.

    """

  @Test func chainsComposeRenames() {
    let steps = [
      VersionMapping(from: "0.8", to: "0.9", practices: ["A": "B"]),
      VersionMapping(from: "0.9", to: "1.0", practices: ["B": "C"]),
    ]
    let chain = VersionMapping.chain(from: "0.8", to: "1.0", in: steps)
    #expect(chain?.count == 2)
    #expect(VersionMapping.rename("A", through: chain ?? []) == "C")
    #expect(VersionMapping.chain(from: "0.7", to: "1.0", in: steps) == nil)
  }

  @Test func oldAnswersCarryOverWithTheExactFix() throws {
    let bench = try Workbench()
    try bench.write("questions/mappings.md", Self.mappings)
    try bench.write(
      "reviews/shop/2026.11.md",
      """
      ---
      release: "2026.11"
      reviewed: 2026-10-20
      reviewers: [a.khan]
      question-set: "0.8"
      ---
      ## Q01 How do you authenticate people?
      - [x] Q01-BP01 Use strong sign-in
      - [x] Q01-BP02 Rotate credentials
      - [x] Q01-BP07 Use groups
      - [x] Q09-BP01 Alert on findings

      ## Q02 How do you detect security events?
      - [x] Q02-BP01 Log centrally

      """)
    let checked = try bench.checked()
    #expect(
      checked.diagnostics.map(\.formatted) == [
        "reviews/shop/2026.11.md:5:15: warning: answers were written against question set 0.8, the set is now 1.0: set question-set: \"1.0\" and rename Q01-BP07 → Q01-BP03 (line 10), Q09-BP01 → Q02-BP02 (line 11) [outdated-question-set]"
      ])
    let card = try #require(checked.evaluation.workloads.first { $0.workload.id == "shop" }?.latest)
    #expect(card.isOutdated)
    let q01 = try #require(card.questions.first { $0.question.id == "Q01" })
    #expect(q01.practices.allSatisfy { $0.state == .implemented })
    #expect(card.questions.first { $0.question.id == "Q02" }?.practices.allSatisfy { $0.state == .implemented } == true)
  }

  @Test func aVersionWithoutMappingIsReported() throws {
    let bench = try Workbench()
    let text = try bench.read("reviews/shop/2026.10.md").replacingOccurrences(
      of: "question-set: \"1.0\"", with: "question-set: \"0.5\"")
    try bench.write("reviews/shop/2026.10.md", text)
    #expect(
      try bench.diagnostics() == [
        "reviews/shop/2026.10.md:5:15: warning: answers were written against question set 0.5 and no mapping in questions/mappings.md leads to 1.0; review them against 1.0 and set question-set: \"1.0\" [outdated-question-set]"
      ])
  }
}

extension DeltaTests {
  /// Deleting a question's section is a regression, not an "other change": a pull request
  /// cannot make its failing answers disappear quietly.
  @Test func takingAnAnswerOutIsARegression() {
    #expect(Delta.classify(.implemented, .unanswered) == .regression)
    #expect(Delta.classify(.missing, .unanswered) == .regression)
    #expect(Delta.classify(.notApplicable(reason: "r"), .unanswered) == .regression)
    #expect(Delta.classify(.unanswered, .unanswered) == nil)
  }
}

extension DeltaTests {
  /// An acceptance carried into the next release is the same acceptance, wherever it is written.
  @Test func aCarriedAcceptanceIsNoChange() {
    let first = Acceptance(
      practice: Reference("Q01-BP02", at: PillarDiagnostics.SourceLocation(path: "a.md", line: 10)), approver: "ciso",
      reason: "r",
      expires: "2027-01-31")
    var carried = first
    carried.practice = Reference("Q01-BP02", at: PillarDiagnostics.SourceLocation(path: "b.md", line: 20))
    #expect(Delta.sameState(.riskAccepted(first), .riskAccepted(carried)))
    var renewed = carried
    renewed.expires = "2027-06-30"
    #expect(!Delta.sameState(.riskAccepted(first), .riskAccepted(renewed)))
  }
}
