import Foundation
import PillarCommands
import PillarModel
import PillarRecords
import PillarScoring
import Testing

@Suite struct ScoringTests {
  func latest(_ workload: String, bench: Workbench, date: String = "2026-11-01", policy: GatePolicy = .standard) throws
    -> Scorecard
  {
    let checked = try bench.checked(date: date)
    let evaluation = Evaluator.evaluate(checked.workbook, today: date, policy: policy, jobs: 2)
    return try #require(evaluation.workloads.first { $0.workload.id == workload }?.latest)
  }

  @Test func requiredPracticeAtTheClassificationIsAHighRisk() throws {
    // ledger is confidential; Q01-BP02 (medium) is required from confidential and missing.
    let card = try latest("ledger", bench: Workbench())
    let q01 = try #require(card.questions.first { $0.question.id == "Q01" })
    #expect(q01.risk == .high)
    let practice = try #require(q01.practices.first { $0.practice.id == "Q01-BP02" })
    #expect(practice.isRequired)
    #expect(practice.risk == .high)
    #expect(card.highRisks == 1)
    #expect(card.gate.passes == false)
  }

  @Test func theSamePracticeBelowTheLevelKeepsItsOwnRisk() throws {
    let bench = try Workbench()
    try bench.write("reviews/ledger/workload.md", "---\nname: Ledger\nowner: f\nclassification: internal\n---\n")
    let card = try latest("ledger", bench: bench)
    #expect(card.questions.first { $0.question.id == "Q01" }?.risk == .medium)
    #expect(card.highRisks == 0)
    #expect(card.mediumRisks == 1)
  }

  @Test func anUnansweredQuestionIsNeverNoRisk() throws {
    let card = try latest("ledger", bench: Workbench())
    let q02 = try #require(card.questions.first { $0.question.id == "Q02" })
    #expect(q02.risk == nil)
    #expect(q02.practices.allSatisfy { $0.state == .unanswered })
    #expect(card.unanswered == 1)
    #expect(card.families.first { $0.id == "detective" }?.status == .unanswered)
  }

  @Test func scoreWeighsPracticesByRiskAndCountsUnansweredAsNotImplemented() throws {
    // ledger: implemented Q01-BP01 (3), Q03-BP01 (3), Q03-BP02 (2); open Q01-BP02 (required: 3),
    // Q01-BP03 (1); unanswered Q02-BP01 (3), Q02-BP02 (2). 8 of 17, rounded down.
    #expect(try latest("ledger", bench: Workbench()).score == 47)
  }

  @Test func notApplicableLeavesTheScoreAndAcceptedRiskIsNotOpen() throws {
    // shop 2026.10: Q03-BP02 is n/a; Q01-BP02 is missing but accepted until 2027-01-31.
    let card = try latest("shop", bench: Workbench())
    #expect(card.score == 85)
    let q01 = try #require(card.questions.first { $0.question.id == "Q01" })
    #expect(q01.risk == Risk.none)
    guard case .riskAccepted = q01.practices[1].state else {
      Issue.record("expected an accepted risk, got \(q01.practices[1].state)")
      return
    }
    #expect(card.gate.passes)
  }

  @Test func anExpiredAcceptanceCountsAsMissingAgain() throws {
    let card = try latest("shop", bench: Workbench(), date: "2027-02-01")
    let q01 = try #require(card.questions.first { $0.question.id == "Q01" })
    guard case .acceptanceExpired = q01.practices[1].state else {
      Issue.record("expected an expired acceptance, got \(q01.practices[1].state)")
      return
    }
    #expect(q01.risk == .medium)
    #expect(card.mediumRisks == 1)
    #expect(card.expiredAcceptances.count == 1)
  }

  @Test func gatePolicySwitches() throws {
    let bench = try Workbench()
    let strict = GatePolicy(failOnMedium: true, failOnUnanswered: true, failOnExpiredAcceptance: true)
    let expired = try latest("shop", bench: bench, date: "2027-02-01", policy: strict)
    #expect(expired.gate.reasons == ["1 medium-risk issue", "1 expired risk acceptance"])
    let ledger = try latest("ledger", bench: bench, policy: strict)
    #expect(ledger.gate.reasons == ["1 high-risk issue", "1 unanswered question"])
  }

  @Test func objectiveStatusIsTheWorstOfItsQuestions() throws {
    let card = try latest("shop", bench: Workbench())
    #expect(card.objectives.map(\.status) == [.met, .met])
    let ledger = try latest("ledger", bench: Workbench())
    // OBJ-01 is measured by Q01 (high) and Q02 (unanswered): high wins.
    #expect(ledger.objectives.first?.status == .highRisk)
    #expect(ledger.objectives.last?.status == .met)
  }
}

/// The definitions of docs/scoring.md added for verdicts people can trust, each against
/// figures computed by hand from the fixture (written out in each test's comment).
@Suite struct TrustedFiguresTests {
  func evaluation(_ bench: Workbench, date: String = "2026-11-01") throws -> Evaluation {
    let checked = try bench.checked(date: date)
    return Evaluator.evaluate(checked.workbook, today: date, policy: .standard, jobs: 2)
  }

  @Test func aRequiredPracticeOfAnUnansweredQuestionIsAHighRisk() throws {
    // ledger (confidential) answers only Q02: Q01 is unanswered and holds Q01-BP02, required from
    // confidential, so Q01 is high and unanswered; Q03 is unanswered with nothing required.
    // HRI 1 (Q01), MRI 0, unanswered 2 (Q01, Q03). Score: Q02-BP01 (3) implemented, Q02-BP02
    // (2) implemented; Q01-BP01 3 + Q01-BP02 3 + Q01-BP03 1 + Q03-BP01 3 + Q03-BP02 2 = 12 not:
    // 5 of 17 is 29.
    let bench = try Workbench()
    try bench.write(
      "reviews/ledger/2026.1.md",
      "---\nrelease: \"2026.1\"\nreviewed: 2026-05-01\nreviewers: [l]\n---\n## Q02 x\n- [x] Q02-BP01 L\n- [x] Q02-BP02 A\n"
    )
    let card = try #require(try evaluation(bench).workloads.first { $0.workload.id == "ledger" }?.latest)
    #expect(card.highRisks == 1)
    #expect(card.mediumRisks == 0)
    #expect(card.unanswered == 2)
    #expect(card.score == 29)
    let q01 = try #require(card.questions.first { $0.question.id == "Q01" })
    #expect(q01.risk == .high && !q01.isAnswered)
    #expect(card.questions.first { $0.question.id == "Q03" }?.risk == nil)
    #expect(card.gate.reasons == ["1 high-risk issue", "2 unanswered questions"])
  }

  @Test func theAverageCoversOnlyWorkloadsThatAnswerEveryQuestion() throws {
    // shop 2026.10 answers all three questions and scores 85; ledger leaves Q02 unanswered
    // (score 47). The average is 85, over 1 of 2 workloads, not (85 + 47) / 2 = 66.
    let organisation = Organisation(try evaluation(Workbench()))
    #expect(organisation.averagedScores == [85])
    let timeline = Timeline.posture(organisation)
    #expect(timeline.last?.averageScore == 85)
    // On 2026-05-01 the latest releases were shop 2026.1 (complete, 64) and ledger (not).
    #expect(timeline.first { $0.date == "2026-05-01" }?.averageScore == 64)
  }

  @Test func anObjectiveAboutTheGateIsNeverMetByAFailingRelease() throws {
    // OBJ-01 is measured by Q01 and Q02. With `gate: true`, ledger (failing) has "fails the
    // gate"; shop (passing, Q01 accepted, Q02 met) keeps the status its questions give: met.
    let bench = try Workbench()
    try bench.write(
      "questions/objectives/OBJ-01.md",
      try bench.read("questions/objectives/OBJ-01.md").replacingOccurrences(
        of: "title: Identity first\n", with: "title: Identity first\ngate: true\n"))
    let workloads = try evaluation(bench).workloads
    let ledger = try #require(workloads.first { $0.workload.id == "ledger" }?.latest)
    let shop = try #require(workloads.first { $0.workload.id == "shop" }?.latest)
    #expect(ledger.objectives.first { $0.id == "OBJ-01" }?.status == .gateFails)
    #expect(shop.objectives.first { $0.id == "OBJ-01" }?.status == .met)
    #expect(ledger.objectives.first { $0.id == "OBJ-02" }?.status == .met)
  }

  /// A retired workload leaves the organisation's figures from its retirement date on.
  @Test func aRetiredWorkloadLeavesTheFiguresFromItsDate() throws {
    let bench = try Workbench()
    try bench.write(
      "reviews/ledger/workload.md",
      try bench.read("reviews/ledger/workload.md").replacingOccurrences(
        of: "classification: confidential\n",
        with: "classification: confidential\nretired: 2026-06-01\nretired-reason: replaced\n"))
    let organisation = Organisation(try evaluation(bench))
    #expect(organisation.latest.map(\.summary.id) == ["shop"])
    let timeline = Timeline.posture(organisation)
    // 2026-05-01: shop 2026.1 and ledger; 2026-06-01: ledger retires, shop alone.
    #expect(timeline.first { $0.date == "2026-05-01" }?.workloads == 2)
    let retired = try #require(timeline.first { $0.date == "2026-06-01" })
    #expect(retired.workloads == 1)
    #expect(retired.highRisks == timeline.first { $0.date == "2026-03-01" }?.highRisks)
  }

  @Test func aRelaxedPolicyIsNamedAndAnEmptyReviewStillFails() {
    #expect(GatePolicy.standard.relaxed.isEmpty)
    #expect(GatePolicy.standard.summary == "the default policy")
    var policy = GatePolicy.standard
    policy.failOnUnanswered = false
    policy.failOnMedium = true
    #expect(policy.summary == "a relaxed policy (unanswered: false)")
  }
}

@Suite struct ReleaseOrderTests {
  @Test func versionLikeNamesCompareNumerically() {
    #expect(ReleaseOrder.compare("2026.9", "2026.10") < 0)
    #expect(ReleaseOrder.compare("2026.10", "2026.9") > 0)
    #expect(ReleaseOrder.compare("1.2.0", "1.10") < 0)
    #expect(ReleaseOrder.compare("v2", "v10") < 0)
    #expect(ReleaseOrder.compare("2026.1", "2026.1") == 0)
    #expect(ReleaseOrder.compare("2026.1", "2026.1.1") < 0)
  }

  @Test func theLatestReleaseOfTheFixtureIsTheHighestVersion() throws {
    let checked = try Workbench().checked()
    let shop = try #require(checked.workbook.workloads.first { $0.id == "shop" })
    #expect(shop.reviews.map(\.release) == ["2026.1", "2026.9", "2026.10"])
  }

  /// Whether a risk is open on a day follows the latest release by then: opened, not closed, and
  /// its acceptance (the opening release's, or the latest change's) run out or withdrawn.
  @Test func aRiskIsOpenUnlessItsLatestAcceptanceHolds() {
    let life = RiskLife(
      practice: "SEC01-BP01", level: .high, opened: 100, closed: 400, isRegression: false, acceptedUntil: 150,
      laterMarks: [.init(day: 120, acceptedUntil: nil), .init(day: 200, acceptedUntil: 300)])
    let expected: [(day: Int, open: Bool)] = [
      (99, false),  // not yet opened
      (110, false),  // accepted until 150 by the opening release
      (130, true),  // the acceptance withdrawn at 120, though the first ran to 150
      (250, false),  // accepted again at 200 until 300
      (301, true),  // that acceptance ran out
      (400, false),  // closed
    ]
    for (day, open) in expected {
      #expect(life.isOpen(asOf: day) == open, "day \(day)")
      #expect(withUnsafePointer(to: life) { RiskLife.isOpen($0, asOf: day) } == open, "day \(day)")
    }
  }

  /// A risk life's line in the cache reads back to the same life; anything else is refused.
  @Test func riskLivesReadBackFromTheirLines() throws {
    let life = RiskLife(
      practice: "SEC01-BP01", level: .high, opened: 20_000, closed: 20_100, isRegression: true, acceptedUntil: nil,
      laterMarks: [.init(day: 20_010, acceptedUntil: 20_400), .init(day: -3, acceptedUntil: nil)])
    #expect(life.compact == "SEC01-BP01 high 20000 20100 R 20000=- 20010=20400 -3=-")
    #expect(RiskLife(compact: life.compact) == life)
    let open = RiskLife(
      practice: "Q1", level: .none, opened: 5, closed: nil, isRegression: false, acceptedUntil: 9)
    #expect(RiskLife(compact: open.compact) == open)
    for bad in [
      "", "SEC01-BP01 high 20000 - -", "SEC01-BP01 high 20000 - - 20001=-", "SEC01-BP01 severe 20000 - - 20000=-",
      "SEC01-BP01 high x - - 20000=-", "SEC01-BP01 high 20000 - - 20000", "SEC01-BP01 high 20000 - - 20000=y",
      "SEC01-BP01 high 99999999999 - - 99999999999=-",
    ] {
      #expect(RiskLife(compact: bad) == nil, "\(bad)")
    }
  }

  /// The build cache writes summaries with its own JSON writer; `JSONDecoder` must read back
  /// exactly what was written, odd characters and absent values included.
  @Test func summariesRoundTripThroughTheCacheWriter() throws {
    let bench = try Workbench()
    let checked = try bench.checked(date: "2026-11-01")
    let evaluation = Evaluator.evaluate(checked.workbook, today: "2026-11-01", policy: .standard, jobs: 2)
    var summaries = evaluation.workloads.map(WorkloadSummary.init)
    #expect(summaries.count > 1)
    var odd = summaries[0]
    odd.name = "\"quoted\" \\ / \u{0}\u{1F}\t\n é🙂"
    odd.threatModel = nil
    odd.latest = nil
    odd.releases[0].score = nil
    // Evidence counts are kept too: the dashboard's evidence tally reads them from reused
    // workloads' summaries.
    var counts = WorkloadSummary.EvidenceCounts(total: [])
    (counts.confirmed, counts.contradicted, counts.suggestsReview, counts.cannotJudge, counts.stale) = (5, 1, 2, 3, 1)
    odd.evidence = counts
    summaries.append(odd)
    for summary in summaries {
      var json = PrettyJSON(pretty: false)
      summary.write(to: &json)
      #expect(!json.bytes.contains(0x0A))
      #expect(try JSONDecoder().decode(WorkloadSummary.self, from: Data(json.bytes)) == summary)
      // The build reads them back with its own reader; JSONDecoder is the reference.
      #expect(try JSONReader.read(json.bytes) { try WorkloadSummary(reading: &$0) } == summary)
    }
  }
}
