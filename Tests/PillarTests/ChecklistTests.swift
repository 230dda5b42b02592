import PillarDiagnostics
import PillarLoad
import PillarModel
import Testing

@Suite struct ChecklistTests {
  let titles = [
    "Q01-BP01": "Use strong sign-in", "Q01-BP02": "Rotate credentials: keys and tokens", "Q01-BP03": "Use groups",
  ]

  func parse(_ body: String) -> (Review?, [Diagnostic]) {
    let text = "---\nrelease: \"1\"\nreviewed: 2026-01-01\nreviewers: [a]\n---\n" + body
    return WorkbookLoader.parseAnswerFile(text, path: "r/w/1.md", workloadID: "w", release: "1", titles: titles)
  }

  /// The id ends at the first whitespace or colon, read as bytes for ASCII text and by Unicode's
  /// rules once other characters come first (a no-break space ends it too).
  @Test func aPracticeIdEndsAtWhitespaceOrAColonOfAnyKind() throws {
    let (review, diagnostics) = parse(
      "## Q01 How do you authenticate people?\n- [x] Q01-BP01:Use strong sign-in\n"
        + "- [x] Q01-BP02\u{00A0}Rotate credentials: keys and tokens\n- [x] Q01-BP03\tUse groups\n")
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    let answer = try #require(review?.answer(for: "Q01"))
    #expect(answer.practices.map(\.practiceID) == ["Q01-BP01", "Q01-BP02", "Q01-BP03"])

    let (accented, _) = parse("## Q01 How do you authenticate people?\n- [x] Q01-BP0\u{E9} Use strong sign-in\n")
    #expect(try #require(accented?.answer(for: "Q01")).practices.map(\.practiceID) == ["Q01-BP0\u{E9}"])
  }

  @Test func readsEachKindOfBoxWithFileLinesAndColumns() throws {
    let (review, diagnostics) = parse(
      """
      Summary.

      ## Q01 How do you authenticate people?
      - [x] Q01-BP01 Use strong sign-in
      - [ ] Q01-BP02 Rotate credentials: keys and tokens
      - [N/A] Q01-BP03 Use groups: there is one user
      """)
    #expect(diagnostics.isEmpty)
    let answer = try #require(review?.answer(for: "Q01"))
    #expect(answer.location.line == 8)
    #expect(answer.practices.map(\.practiceID) == ["Q01-BP01", "Q01-BP02", "Q01-BP03"])
    #expect(answer.practices.map(\.mark) == [.implemented, .missing, .notApplicable(reason: "there is one user")])
    #expect(answer.practices[0].location == SourceLocation(path: "r/w/1.md", line: 9, column: 7))
    #expect(answer.practices[2].location.column == 9)
    #expect(review?.summary.source.contains("Summary.") == true)
  }

  @Test func reasonFollowsATitleThatHoldsAColon() throws {
    let (review, _) = parse("## Q01\n- [n/a] Q01-BP02 Rotate credentials: keys and tokens: nothing to rotate\n")
    #expect(review?.answers.first?.practices.first?.mark == .notApplicable(reason: "nothing to rotate"))
  }

  @Test func reasonWithoutTheTitle() throws {
    let (review, _) = parse("## Q01\n- [n/a] Q01-BP03: single user\n")
    #expect(review?.answers.first?.practices.first?.mark == .notApplicable(reason: "single user"))
  }

  @Test func notApplicableWithoutReasonIsAnErrorAtThePracticeId() throws {
    let (_, diagnostics) = parse("## Q01\n- [n/a] Q01-BP03 Use groups\n")
    #expect(
      diagnostics.map(\.formatted) == [
        "r/w/1.md:7:9: error: 'Q01-BP03' is marked not applicable without a reason; add ': why it does not apply' after the title [missing-reason]"
      ])
  }

  @Test func indentedLinesAreThePracticeNoteAndTheRestAreQuestionNotes() throws {
    let (review, diagnostics) = parse(
      """
      ## Q01
      - [x] Q01-BP01 Use strong sign-in
        Evidence: [policy](https://example.com/p).
      - [ ] Q01-BP02 Rotate credentials

      Question notes here.
      """)
    #expect(diagnostics.isEmpty)
    let answer = try #require(review?.answers.first)
    #expect(answer.practices[0].note?.source == "Evidence: [policy](https://example.com/p).")
    #expect(answer.practices[0].note?.location.line == 8)
    #expect(answer.practices[1].note == nil)
    #expect(answer.notes.source.contains("Question notes here."))
    #expect(!answer.notes.source.contains("Q01-BP01"))
  }

  @Test func anItemWithoutABoxInAChecklistIsAnError() throws {
    let (_, diagnostics) = parse("## Q01\n- [x] Q01-BP01 Use strong sign-in\n- forgot the box\n")
    #expect(diagnostics.map(\.id) == ["checklist-item"])
    #expect(diagnostics.first?.location.line == 8)
  }

  @Test func listsWithoutBoxesAreNotes() throws {
    let (review, diagnostics) = parse("## Q01\n- a note\n- another\n")
    #expect(diagnostics.isEmpty)
    #expect(review?.answers.first?.practices.isEmpty == true)
    #expect(review?.answers.first?.notes.source.contains("- a note") == true)
  }

  @Test func unknownBoxIsReportedAtTheBox() throws {
    let (_, diagnostics) = parse("## Q01\n* [v] Q01-BP01 Use strong sign-in\n")
    #expect(
      diagnostics.map(\.formatted) == [
        "r/w/1.md:7:3: error: '[v]' is not a checklist box; use [x] implemented, [ ] missing or [n/a] not applicable [unknown-box]"
      ])
  }

  @Test func aLinkReferenceNamedXDoesNotChangeTheBox() throws {
    let (review, _) = parse("## Q01\n- [x] Q01-BP01 Use strong sign-in\n\n[x]: https://example.com\n")
    #expect(review?.answers.first?.practices.first?.mark == .implemented)
  }
}
