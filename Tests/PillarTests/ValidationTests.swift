import Testing

/// Every validation rule: it fires with exactly this diagnostic on a small broken workbook, and
/// the valid fixture gives none at all.
@Suite struct ValidationTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var path: String
    var text: String
    var expected: String
    var testDescription: String { name }
  }

  static let answerHeader = "---\nrelease: \"2026.11\"\nreviewed: 2026-11-01\nreviewers: [a]\n---\n"

  static let cases: [Case] = [
    Case(
      name: "malformed YAML", path: "reviews/shop/2026.11.md",
      text: "---\nrelease: \"2026.11\"\nreviewed: [2026-11-01\nreviewers: [a]\n---\n",
      expected:
        "reviews/shop/2026.11.md:4:10: error: front matter is not valid YAML: did not find expected ',' or ']' while parsing a flow sequence that starts at line 3 [yaml-syntax]"
    ),
    Case(
      name: "missing field", path: "reviews/shop/workload.md",
      text: "---\nname: Shop\nclassification: public\n---\n",
      expected: "reviews/shop/workload.md:2:1: error: required field 'owner' is missing [missing-field]"),
    Case(
      name: "unknown field", path: "reviews/shop/workload.md",
      text: "---\nname: Shop\nowner: o\nclassification: public\nowners: x\n---\n",
      expected: "reviews/shop/workload.md:5:1: error: unknown field 'owners'; did you mean 'owner'? [unknown-field]"),
    Case(
      name: "duplicate question id", path: "questions/Q09-copy.md",
      text:
        "---\nid: Q01\ntitle: T\narea: A\ncontrol: detective\npractices:\n  - id: Q01-BP09\n    title: P\n    risk: low\n---\n## What\nw\n## How\nh\n## Why\ny\n## Q01-BP09 P\ng\n",
      expected:
        "questions/Q09-copy.md:1:1: error: question 'Q01' is defined twice; first at questions/Q01-identity.md:1 [duplicate-id]"
    ),
    Case(
      name: "answer for an unknown question", path: "reviews/shop/2026.11.md",
      text: answerHeader + "## Q04 Typo\n- [x] Q04-BP01 X\n",
      expected:
        "reviews/shop/2026.11.md:6:1: error: section 'Q04' answers no question of the set; did you mean 'Q01'? (a section heading starts with a question id, as in '## Q01 …') [unknown-question]"
    ),
    Case(
      name: "answer for an unknown practice", path: "reviews/shop/2026.11.md",
      text: answerHeader + "## Q02\n- [x] Q02-BP01 Log\n- [x] Q02-BP02 Alert\n- [x] Q02-BP03 Extra\n",
      expected:
        "reviews/shop/2026.11.md:9:7: error: Q02 has no practice 'Q02-BP03'; did you mean 'Q02-BP01'? [unknown-practice]"
    ),
    Case(
      name: "practice listed twice", path: "reviews/shop/2026.11.md",
      text: answerHeader + "## Q02\n- [x] Q02-BP01 Log\n- [x] Q02-BP02 Alert\n- [ ] Q02-BP01 Log\n",
      expected:
        "reviews/shop/2026.11.md:9:7: error: practice Q02-BP01 is listed twice; first at line 7 [duplicate-practice]"),
    Case(
      name: "n/a without a reason", path: "reviews/shop/2026.11.md",
      text: answerHeader + "## Q02\n- [x] Q02-BP01 Log centrally\n- [n/a] Q02-BP02 Alert on findings\n",
      expected:
        "reviews/shop/2026.11.md:8:9: error: 'Q02-BP02' is marked not applicable without a reason; add ': why it does not apply' after the title [missing-reason]"
    ),
    Case(
      name: "unknown classification", path: "reviews/shop/workload.md",
      text: "---\nname: Shop\nowner: o\nclassification: publik\n---\n",
      expected:
        "reviews/shop/workload.md:4:17: error: classification 'publik' is not a level; did you mean 'public'?; levels are public, internal, confidential [unknown-classification]"
    ),
    Case(
      name: "workload folder without a profile", path: "reviews/lonely/2026.1.md", text: answerHeader,
      expected:
        "reviews/lonely:1:1: error: workload folder 'lonely' has no workload.md; add one with name, owner and classification [missing-profile]"
    ),
    Case(
      name: "unknown objective", path: "questions/objectives/OBJ-01.md",
      text: "---\nid: OBJ-09\ntitle: T\n---\n## What\nw\n## How\nh\n## Why\ny\n",
      expected:
        "questions/Q01-identity.md:6:14: error: objective 'OBJ-01' does not exist; did you mean 'OBJ-02'? [unknown-objective]"
    ),
    Case(
      name: "missing What section", path: "questions/objectives/OBJ-02.md",
      text: "---\nid: OBJ-02\ntitle: T\n---\n## How\nh\n## Why\ny\n",
      expected: "questions/objectives/OBJ-02.md:1:1: error: section '## What' is missing [missing-section]"),
    Case(
      name: "invalid date", path: "reviews/shop/2026.11.md",
      text: "---\nrelease: \"2026.11\"\nreviewed: 11/01/2026\nreviewers: [a]\n---\n",
      expected:
        "reviews/shop/2026.11.md:3:11: error: field 'reviewed' must be a date written YYYY-MM-DD from 1970 on, not '11/01/2026' [invalid-date]"
    ),
    Case(
      name: "release differs from the file name", path: "reviews/shop/2026.11.md",
      text: "---\nrelease: \"2026.12\"\nreviewed: 2026-11-01\nreviewers: [a]\n---\n",
      expected:
        "reviews/shop/2026.11.md:2:10: error: release '2026.12' does not match the file name; rename the file to '2026.12.md' or set release: \"2026.11\" [release-mismatch]"
    ),
    Case(
      name: "practice left out of an answered question", path: "reviews/shop/2026.11.md",
      text: answerHeader + "## Q02\n- [x] Q02-BP01 Log\n",
      expected:
        "reviews/shop/2026.11.md:6:1: warning: practice Q02-BP02 (Alert on findings) is not in the checklist and counts as missing; add it to the checklist as '- [ ] Q02-BP02 Alert on findings', or tick it [x] or [n/a] with a reason [unanswered-practice]"
    ),
    Case(
      name: "unsafe link", path: "reviews/shop/2026.11.md",
      text: answerHeader + "See [this](javascript:alert(1)).\n",
      expected:
        "reviews/shop/2026.11.md:6:5: warning: link destination 'javascript:alert(1)' is not http, https, mailto or a relative path inside the site; it is shown as plain text [unsafe-url]"
    ),
    Case(
      name: "YAML anchors", path: "reviews/shop/2026.11.md",
      text: "---\nrelease: &r \"2026.11\"\nreviewed: 2026-11-01\nreviewers: [*r]\n---\n",
      expected:
        "reviews/shop/2026.11.md:2:10: error: YAML anchors and aliases are not allowed; write the value out [yaml-anchor]"
    ),
    Case(
      name: "YAML tags", path: "reviews/shop/2026.11.md",
      text: "---\nrelease: !!str 2026.11\nreviewed: 2026-11-01\nreviewers: [a]\n---\n",
      expected:
        "reviews/shop/2026.11.md:2:10: error: YAML tags such as '!!str' are not allowed; quote the value instead [yaml-tag]"
    ),
    Case(
      name: "acceptance of an unknown practice", path: "reviews/shop/2026.11.md",
      text:
        "---\nrelease: \"2026.11\"\nreviewed: 2026-11-01\nreviewers: [a]\nacceptances:\n  - practice: Q01-BP9\n    approver: c\n    reason: r\n    expires: 2027-01-01\n---\n",
      expected:
        "reviews/shop/2026.11.md:6:15: error: acceptance names unknown practice 'Q01-BP9'; did you mean 'Q01-BP01'? [unknown-practice]"
    ),
  ]

  @Test func theValidFixtureHasNoDiagnostics() throws {
    #expect(try Workbench().diagnostics() == [])
  }

  @Test(arguments: cases)
  func ruleFiresWithExactlyThisDiagnostic(_ rule: Case) throws {
    let bench = try Workbench()
    try bench.write(rule.path, rule.text)
    let diagnostics = try bench.diagnostics()
    #expect(diagnostics.contains(rule.expected), "got:\n\(diagnostics.joined(separator: "\n"))")
  }
}
