import Foundation
import PillarCommands
import PillarLoad
import Testing

/// One build date for every command (`BuildDate`): the flag, `SOURCE_DATE_EPOCH`, git's HEAD
/// (or a later uncommitted review), else the latest review; and `reviewed` dates after it refused.
@Suite struct BuildDateTests {
  @Test func theFlagAndTheEnvironmentComeFirst() throws {
    let bench = try Workbench()
    let flagged = try BuildDate.resolve(flag: "2026-01-02", environment: ["SOURCE_DATE_EPOCH": "0"], root: bench.root)
    #expect(flagged == BuildDate(day: "2026-01-02", source: .flag))
    // 1,790,000,000 s is 2026-09-21 14:13:20 UTC.
    let epoch = try BuildDate.resolve(flag: nil, environment: ["SOURCE_DATE_EPOCH": "1790000000"], root: bench.root)
    #expect(epoch == BuildDate(day: "2026-09-21", source: .sourceDateEpoch))
    #expect(throws: DateError.self) { try BuildDate.resolve(flag: "2026-1-2", environment: [:], root: bench.root) }
    #expect(throws: DateError.self) {
      try BuildDate.resolve(flag: nil, environment: ["SOURCE_DATE_EPOCH": "soon"], root: bench.root)
    }
  }

  @Test func outsideGitTheLatestReviewDatesTheWorkbook() throws {
    let bench = try Workbench()
    let date = try BuildDate.resolve(flag: nil, environment: [:], root: bench.root)
    #expect(date == BuildDate(day: "2026-10-01", source: .latestReview(path: "reviews/shop/2026.10.md")))
  }

  @Test func inGitTheCommitterDateOfHeadOrALaterUncommittedReview() throws {
    let bench = try Workbench()
    try bench.git("init", "-q")
    try bench.git("add", ".")
    try bench.commit(on: "2026-10-15")
    #expect(try BuildDate.resolve(flag: nil, environment: [:], root: bench.root).day == "2026-10-15")
    // A review written today, not yet committed, dates the check so it can be run before committing.
    try bench.write(
      "reviews/shop/2026.10.md",
      try bench.read("reviews/shop/2026.10.md").replacingOccurrences(
        of: "reviewed: 2026-10-01", with: "reviewed: 2026-10-20"))
    #expect(
      try BuildDate.resolve(flag: nil, environment: [:], root: bench.root)
        == BuildDate(day: "2026-10-20", source: .uncommittedReview(path: "reviews/shop/2026.10.md")))
    // Once committed on an earlier day (a mistyped date), it is an error at its line, exit 2.
    try bench.git("add", ".")
    try bench.commit(on: "2026-10-16")
    let check = try Run.pillar(["check", "--root", bench.root.path])
    #expect(check.status == 2)
    #expect(
      check.stdout.contains(
        "reviews/shop/2026.10.md:3:11: error: reviewed 2026-10-20 is after the build date 2026-10-16 (the committer date of git HEAD); correct the date, or commit the file, or pass --date 2026-10-20 [review-in-future]"
      ), "\(check.stdout)")
    let (build, _) = try bench.build(date: nil)
    #expect(build.status == 2)
    #expect(build.stderr.contains("[review-in-future]"))
  }

  @Test func aMistypedYearIsAnErrorNotTheNewDate() throws {
    let bench = try Workbench()
    try bench.write(
      "reviews/ledger/2026.1.md",
      try bench.read("reviews/ledger/2026.1.md").replacingOccurrences(
        of: "reviewed: 2026-05-01", with: "reviewed: 2099-05-01"))
    let check = try Run.pillar(["check", "--root", bench.root.path, "--date", "2026-11-01"])
    #expect(check.status == 2)
    #expect(check.stdout.contains("reviews/ledger/2026.1.md:3:11: error: reviewed 2099-05-01 is after the build date"))
  }

  /// Without --date, check and build reach the same verdicts and expiries (the published data
  /// file carries the build's).
  @Test func checkAndBuildAgreeWithoutADate() throws {
    let bench = try Workbench()
    try bench.git("init", "-q")
    try bench.git("add", ".")
    try bench.commit(on: "2027-02-01")  // the day after shop's acceptance expires
    struct Verdicts: Decodable {
      struct Card: Decodable, Equatable {
        struct Gate: Decodable, Equatable { var passes: Bool }
        var workload: String
        var release: String
        var gate: Gate
        var highRisks: Int
        var mediumRisks: Int
      }
      var date: String
      var scorecards: [Card]
    }
    let check = try Run.pillar(["check", "--root", bench.root.path, "--format", "json"])
    let (build, site) = try bench.build(date: nil)
    #expect(build.status == 0, "\(build.stderr)")
    let checked = try JSONDecoder().decode(Verdicts.self, from: Data(check.stdout.utf8))
    let built = try JSONDecoder().decode(
      Verdicts.self, from: Data(contentsOf: site.appendingPathComponent("data/latest.json")))
    #expect(checked.date == "2027-02-01")
    #expect(built.date == checked.date)
    #expect(built.scorecards == checked.scorecards)
    // The acceptance that expired on 2027-01-31 is seen by both: Q01 is a medium risk again.
    #expect(checked.scorecards.first { $0.workload == "shop" }?.mediumRisks == 1)
  }

  /// The date a build reads and the date a check reads come from the same reader: fed the same
  /// generated front matter (comments, quotes, CRLF, a key in the body), both agree on every file.
  @Test(arguments: [
    "reviewed: 2026-03-01", "reviewed: 2026-03-01  # retested", "reviewed: '2026-03-01'", "reviewed: \"2026-03-01\"",
    "reviewed:   2026-03-01\t", "  reviewed: 2026-03-01", "reviewed:2026-03-01", "\"reviewed\": 2026-03-01",
    "reviewed: 2026-03-01 # a\nnote: x", "reviewed: >-\n  2026-03-01",
  ])
  func buildAndCheckReadTheSameDate(_ line: String) throws {
    for crlf in [false, true] {
      let bench = try Workbench()
      try bench.remove("reviews/ledger")
      var text = "---\nrelease: \"2026.1\"\n\(line)\nreviewers: [a]\n---\nBody.\n\n## Q01 x\n- [x] Q01-BP01 S\n"
      text += "\n---\nreviewed: 2030-01-01\n"
      if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
      for release in ["2026.1", "2026.9", "2026.10"] {
        try bench.write(
          "reviews/shop/\(release).md", text.replacingOccurrences(of: "\"2026.1\"", with: "\"\(release)\""))
      }
      let checked = try bench.checked(date: nil)
      let loaded = checked.workbook.workloads.flatMap(\.reviews).map(\.reviewed).filter { !$0.isEmpty }.max()
      let read = ReviewDates.reviewed(in: Array(text.utf8), path: "x.md")
      #expect(read == loaded, "\(line)")
      #expect(checked.buildDate.day == (loaded ?? "1970-01-01"))
      let (build, _) = try bench.build(date: nil)
      #expect(build.stdout.contains("posture as of \(checked.buildDate.day) ") || build.status == 2, "\(build)")
    }
  }
}
