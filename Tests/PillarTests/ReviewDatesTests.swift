import PillarCommands
import Testing

/// Without `--date`, a build is dated by the latest `reviewed` date of its answer files, read
/// from the front matter's raw lines before anything is parsed.
@Suite struct ReviewDatesTests {
  func reviewed(_ text: String) -> String? { ReviewDates.reviewed(in: Array(text.utf8)) }

  @Test func readsThePlainQuotedOrCarriageReturnedDate() {
    #expect(reviewed("---\nrelease: \"1\"\nreviewed: 2026-03-01\n---\n") == "2026-03-01")
    #expect(reviewed("---\nreviewed: \"2026-03-02\"\n---\n") == "2026-03-02")
    #expect(reviewed("---\r\nreviewed: '2026-03-03'\r\n---\r\n") == "2026-03-03")
    #expect(reviewed("reviewed:2026-03-04") == "2026-03-04")
  }

  @Test func onlyAKeyAtTheStartOfALineWithinTheFrontMatterWindow() {
    #expect(reviewed("---\n  reviewed: 2026-03-01\n---\n") == nil)
    #expect(reviewed("---\nnot-reviewed: 2026-03-01\n---\n") == nil)
    #expect(reviewed("---\nreviewed: soon\n---\n") == nil)
    #expect(reviewed(String(repeating: "x: y\n", count: 60) + "reviewed: 2026-03-01\n") == nil)
    #expect(reviewed(String(repeating: "x: y\n", count: 59) + "reviewed: 2026-03-01\n") == "2026-03-01")
    #expect(reviewed(String(repeating: "#", count: 4095) + "\nreviewed: 2026-03-01\n") == nil)
    #expect(reviewed("") == nil)
  }
}
