import Foundation
import PillarCommands
import PillarFormats
import PillarModel
import Testing

/// Well-Architected Tool custom lenses in and out (docs/lenses.md), on three real lenses from
/// aws-samples/custom-lens-wa-hub (Tests/Fixtures/lenses, MIT-0) and the shipped question set.
@Suite struct LensTests {
  static let lenses = Repo.fixtures.appendingPathComponent("lenses")

  /// Imports one pillar of a fixture lens into a new workbook with the `pillar` binary.
  static func imported(_ file: String, pillar: String) throws -> (root: URL, run: Run) {
    let root = temporaryFolder()
    let run = try Run.pillar([
      "import-lens", lenses.appendingPathComponent(file).path, "--pillar", pillar, "--into", root.path,
    ])
    return (root, run)
  }

  static func files(_ root: URL) throws -> [String: String] {
    let folder = root.appendingPathComponent("questions")
    var result: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      result[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    return result
  }

  // MARK: Real lenses import, warnings named

  @Test(arguments: [
    (
      "s3.json", "security",
      [
        "s3.json:1:1: warning: $._note is not part of the format (a '_' key) and is not carried over [lens-comment]",
        "s3.json:1:1: warning: $._version is not part of the format (a '_' key) and is not carried over [lens-comment]",
        "s3.json:1:1: warning: 2 texts began or ended with spaces or line breaks; Pillar keeps them without (first at $.pillars[1].questions[2].choices[3].title) [lens-spaces]",
      ]
    ),
    (
      "ecs.json", "NET",
      [
        "ecs.json:1:1: warning: 33 texts began or ended with spaces or line breaks; Pillar keeps them without (first at $.pillars[0].questions[0].choices[0].helpfulResource.displayText) [lens-spaces]",
        "ecs.json:1:1: warning: $.pillars[1].questions[2] ('NET3') has no 'default' risk rule, which the format requires; Pillar adds 'default: HIGH_RISK', so an answer no rule covers is high risk [lens-no-default]",
      ]
    ),
    (
      "orr.json", "architecture",
      [
        "orr.json:1:1: warning: $.pillars[0].questions[3].choices[1].helpfulResource.Url is read as 'url' (the format spells it so) [lens-key-case]",
        "orr.json:1:1: warning: 7 texts began or ended with spaces or line breaks; Pillar keeps them without (first at $.pillars[0].questions[0].choices[0].improvementPlan.displayText) [lens-spaces]",
      ]
        + [
          "architecture_architecture_diagram", "architecture_api_matrix", "architecture_failure_models",
          "architecture_dependency_retry", "architecture_retry_timeouts", "architecture_rpo_rto",
        ].enumerated().map { index, id in
          "orr.json:1:1: warning: $.pillars[0].questions[\(index)] ('\(id)') has no \"None of these\" choice (an id ending '_no'); it is imported and exported without one [lens-no-none]"
        }
    ),
  ])
  func aRealLensImportsWithItsWarningsNamed(_ file: String, _ pillar: String, _ warnings: [String]) throws {
    let (root, run) = try Self.imported(file, pillar: pillar)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").map(String.init) == warnings)
    // The imported set is a valid workbook as it stands.
    let check = try Run.pillar(["check", "--root", root.path, "--date", "2026-11-01"])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect(check.stdout.hasSuffix("0 errors, 0 warnings; 0 failing the gate\n"), "\(check.stdout)")
  }

  @Test func aLensWithoutTheDefaultPillarListsItsPillars() throws {
    let (root, run) = try Self.imported("orr.json", pillar: "security")
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(run.status == 2)
    #expect(
      run.stderr.contains(
        "orr.json:1:1: error: the lens has no pillar 'security'; its pillars are 'architecture', 'release_quality', 'event_management'; choose one with --pillar [unknown-pillar]"
      ))
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("questions").path))
  }

  // MARK: Answers score as the Tool scores them

  struct Case: Decodable {
    var lens: String
    var pillar: String
    var question: String
    var selected: [String]
    var risk: String
  }

  /// Every hand-checked case of Tests/Fixtures/lenses/expected.json (worked out from the format's
  /// documentation, each with its reason): one release per case answering only its question,
  /// the selected choices ticked, the rest (and "None of these") left unticked.
  @Test func answersScoreAsTheToolWouldScoreThem() throws {
    let data = try Data(contentsOf: Self.lenses.appendingPathComponent("expected.json"))
    let cases = try JSONDecoder().decode([Case].self, from: data)
    #expect(cases.count >= 50)
    let groups = Dictionary(grouping: cases.enumerated(), by: { "\($0.element.lens) \($0.element.pillar)" })
    for key in groups.keys.sorted() {
      let members = groups[key]!
      let (root, run) = try Self.imported(members[0].element.lens, pillar: members[0].element.pillar)
      defer { try? FileManager.default.removeItem(at: root) }
      #expect(run.status == 0, "\(run.stderr)")
      let files = try Self.files(root)
      let workload = root.appendingPathComponent("reviews/w")
      try FileManager.default.createDirectory(at: workload, withIntermediateDirectories: true)
      try Data("---\nname: W\nowner: o\nclassification: public\n---\n".utf8).write(
        to: workload.appendingPathComponent("workload.md"))
      for (index, entry) in members {
        let questionFile = try #require(
          files.first { $0.value.contains("lens:\n  id: \"\(entry.question)\"\n") }, "question \(entry.question)")
        let text = questionFile.value
        let id = try #require(text.split(separator: "\n").first { $0.hasPrefix("id: ") }).dropFirst(5).dropLast()
        // Practices in order, with the lens choice each came from.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var practices: [(id: String, choice: String)] = []
        for (number, line) in lines.enumerated() where line.hasPrefix("  - id: ") {
          let choice = lines[number + 4].replacingOccurrences(of: "      id: ", with: "").trimmingCharacters(
            in: CharacterSet(charactersIn: "\""))
          practices.append((String(line.dropFirst(8)), choice))
        }
        var answer = "---\nrelease: \"c\(index)\"\nreviewed: 2026-10-01\nreviewers: [r]\n---\n"
        if !entry.selected.isEmpty {
          answer += "## \(id)\n"
          for practice in practices {
            answer += "- [\(entry.selected.contains(practice.choice) ? "x" : " ")] \(practice.id) P\n"
          }
        }
        try Data(answer.utf8).write(to: workload.appendingPathComponent("c\(index).md"))
      }
      let checked = try CheckedWorkbook.load(root: root, date: "2026-11-01", environment: [:], jobs: 2)
      let result = try #require(checked.evaluation.workloads.first)
      for (index, entry) in members {
        let card = try #require(result.scorecards.first { $0.release == "c\(index)" })
        let question = try #require(card.questions.first { $0.question.lens?.id == entry.question })
        let expected: Risk? =
          switch entry.risk {
          case "UNANSWERED": nil
          default: Lens.risk(named: entry.risk)
          }
        #expect(
          question.risk == expected,
          "\(entry.lens) \(entry.question) \(entry.selected): Pillar \(question.risk?.name ?? "unanswered"), the Tool \(entry.risk)"
        )
      }
    }
  }

  // MARK: Out and back

  /// Import, export, import again: the same files, byte for byte.
  @Test(arguments: [("s3.json", "security"), ("ecs.json", "SEC"), ("orr.json", "architecture")])
  func importExportImportIsLossless(_ file: String, _ pillar: String) throws {
    let (first, run) = try Self.imported(file, pillar: pillar)
    defer { try? FileManager.default.removeItem(at: first) }
    #expect(run.status == 0)
    let exported = first.appendingPathComponent("lens.json")
    let export = try Run.pillar([
      "export-lens", "--root", first.path, "--date", "2026-11-01", "--output", exported.path,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    let second = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: second) }
    let again = try Run.pillar(["import-lens", exported.path, "--pillar", pillar, "--into", second.path])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try Self.files(second) == Self.files(first))
  }

  /// The shipped question set (Pillar's own, not imported) goes out within every limit, and
  /// back in and out again to the same lens.
  @Test func theShippedSetExportsWithinTheLimitsAndRoundTrips() throws {
    let out = temporaryFolder()
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: out) }
    let first = out.appendingPathComponent("first.json")
    let export = try Run.pillar([
      "export-lens", "--root", Repo.root.path, "--date", "2026-11-29", "--output", first.path,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    let data = try Data(contentsOf: first)
    #expect(data.count <= LensLimits.maximumBytes)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let pillars = try #require(json["pillars"] as? [[String: Any]])
    #expect(pillars.count == 1)
    for question in try #require(pillars[0]["questions"] as? [[String: Any]]) {
      let choices = try #require(question["choices"] as? [[String: Any]])
      #expect(choices.count <= LensLimits.choicesPerQuestion)
      #expect((choices.last?["id"] as? String)?.hasSuffix("_no") == true)
      #expect(choices.dropLast().allSatisfy { $0["improvementPlan"] != nil })
      #expect((question["riskRules"] as? [[String: Any]])?.last?["condition"] as? String == "default")
    }
    let workbook = out.appendingPathComponent("imported")
    let back = try Run.pillar(["import-lens", first.path, "--into", workbook.path])
    #expect(back.status == 0, "\(back.stderr)")
    let second = out.appendingPathComponent("second.json")
    #expect(
      try Run.pillar(["export-lens", "--root", workbook.path, "--date", "2026-11-29", "--output", second.path]).status
        == 0)
    #expect(try Data(contentsOf: second) == data)
  }

  /// A lens the Tool would refuse is never written: here the ECS lens's NET3, which had no
  /// default rule, carries four rules once Pillar adds one, and the Tool takes three.
  @Test func aBrokenLimitIsAnErrorThatNamesTheQuestion() throws {
    let (root, run) = try Self.imported("ecs.json", pillar: "NET")
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(run.status == 0)
    let output = root.appendingPathComponent("lens.json")
    let export = try Run.pillar(["export-lens", "--root", root.path, "--date", "2026-11-01", "--output", output.path])
    #expect(export.status == 2)
    #expect(export.stderr.contains("error: question 'NET3': at most 3 risk rules, one for each level of risk"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  // MARK: Rules in Pillar's own files

  @Test func conditionsParseWithLensPrecedence() throws {
    // && binds tighter than ||: `a && !b || c` is `(a && !b) || c`.
    let condition = try RuleConditionParser.parse("a && !b || c").get()
    #expect(condition == .or(.and(.practice("a"), .not(.practice("b"))), .practice("c")))
    #expect(condition.holds { $0 == "c" })
    #expect(!condition.holds { $0 == "b" })
    #expect(try RuleConditionParser.parse(" default ").get() == .always)
    #expect(RuleConditionParser.parse("a && (b").failureMessage == "expected ')' here, found 'end'")
    #expect(RuleConditionParser.parse("a b").failureMessage == "unexpected 'b'; join conditions with && or ||")
    let deep = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
    #expect(RuleConditionParser.parse(deep).failureMessage == "nested more than 64 levels deep")
    // A long flat chain would nest as deep when parsed (left to right): refused before it does.
    let long = Array(repeating: "a", count: 100_000).joined(separator: " && ")
    #expect(
      RuleConditionParser.parse(long).failureMessage == "more than 256 terms; a condition names a question's choices")
  }

  @Test func ruleProblemsAreReportedAtTheirLines() throws {
    let bench = try Workbench()
    let file = "questions/Q02-logging.md"
    try bench.write(
      file,
      try bench.read(file).replacingOccurrences(
        of: "---\n## What",
        with:
          "risk-rules:\n  - condition: \"Q02-BP01 && Q02-BP09\"\n    risk: none\n  - condition: \"Q02-BP01 ||\"\n    risk: medium\n---\n## What"
      ))
    let lines = try bench.diagnostics()
    #expect(
      lines.sorted()
        == [
          "questions/Q02-logging.md:20:16: error: condition 'Q02-BP01 && Q02-BP09' names 'Q02-BP09', which is not a practice of this question; did you mean 'Q02-BP01'? [unknown-practice]",
          "questions/Q02-logging.md:22:16: error: condition 'Q02-BP01 ||': expected a practice id, '!' or '(' here, found 'end' (at character 12) [invalid-condition]",
          "questions/Q02-logging.md:20:16: error: risk-rules end with no 'default' rule, so some answers would have no risk; add '- condition: default' with the risk of every other answer [missing-default-rule]",
        ].sorted())
  }

  @Test func aRuleAfterDefaultIsUnreachable() throws {
    let bench = try Workbench()
    let file = "questions/Q02-logging.md"
    try bench.write(
      file,
      try bench.read(file).replacingOccurrences(
        of: "---\n## What",
        with:
          "risk-rules:\n  - condition: default\n    risk: low\n  - condition: \"Q02-BP01\"\n    risk: none\n---\n## What"
      ))
    #expect(
      try bench.diagnostics() == [
        "questions/Q02-logging.md:22:16: warning: rule 'Q02-BP01' comes after 'default' and never applies; move it up or remove it [unreachable-rule]"
      ])
  }
}

extension Result where Failure == RuleConditionParser.Failure {
  var failureMessage: String? {
    if case .failure(let failure) = self { failure.message } else { nil }
  }
}

/// What a messy lens of one's own making gets: each problem named at its JSON path.
@Suite struct MessyLensTests {
  static func importing(_ json: String) throws -> Run {
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("mine.json")
    try Data(json.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try Run.pillar(["import-lens", file.path, "--into", folder.appendingPathComponent("out").path])
  }

  @Test func notJSONIsAnError() throws {
    let run = try Self.importing("{\"name\": ")
    #expect(run.status == 2)
    #expect(
      run.stderr.hasPrefix(
        "mine.json:1:1: error: mine.json is not valid JSON; a lens file is the JSON the Tool exports [invalid-json]"))
  }

  @Test func eachOddityIsAWarningAtItsPath() throws {
    let long = String(repeating: "q", count: 50)
    let run = try Self.importing(
      """
      {"schemaVersion": "2099-01-01", "name": "Mine", "description": "d", "pillars": [{"id": "security", "name": "Security",
       "questions": [
        {"id": "\(long)", "title": "T1", "choices": [{"id": "a_1", "title": "A"}, {"id": "x_no", "title": "None of these"}],
         "riskRules": [{"condition": "default", "risk": "HIGH_RISK"}]},
        {"id": "q2", "title": "T2", "choices": [{"id": "b_1", "title": "B"}]},
        {"id": "q3", "title": "T3", "choices": [{"id": "c_1", "title": "C"}], "riskRules": [{"condition": "c_1 && zz", "risk": "NO_RISK"}, {"condition": "default", "risk": "LOW"}]}
       ]}]}
      """)
    #expect(run.status == 2)
    #expect(
      run.stderr.split(separator: "\n").map(String.init) == [
        "mine.json:1:1: warning: $.schemaVersion is '2099-01-01'; Pillar reads the 2021-11-01 format and reads this as that [lens-schema]",
        "mine.json:1:1: error: $.pillars[0].questions[2].riskRules[1].risk is 'LOW'; a lens risk is HIGH_RISK, MEDIUM_RISK or NO_RISK [invalid-value]",
        "mine.json:1:1: warning: $.pillars[0].questions[0].id '\(long)' is not a Pillar question id (letters, digits, '.', '_', '-', up to 40); the question is 'Q01', and export writes the lens id back [lens-id]",
        "mine.json:1:1: warning: $.pillars[0].questions[0] ('\(long)') has only a 'default' risk rule: every answer gets HIGH_RISK [lens-default-only]",
        "mine.json:1:1: warning: $.pillars[0].questions[1] ('q2') has no \"None of these\" choice (an id ending '_no'); it is imported and exported without one [lens-no-none]",
        "mine.json:1:1: warning: $.pillars[0].questions[1] ('q2') has no riskRules; Pillar scores it by its highest missing practice, each rated medium [lens-no-rules]",
        "mine.json:1:1: warning: $.pillars[0].questions[2] ('q3') has no \"None of these\" choice (an id ending '_no'); it is imported and exported without one [lens-no-none]",
        "mine.json:1:1: error: $.pillars[0].questions[2].riskRules[0].condition names 'zz', not a choice of 'q3' [unknown-practice]",
        "mine.json:1:1: warning: $.pillars[0].questions[2] ('q3') has no 'default' risk rule, which the format requires; Pillar adds 'default: HIGH_RISK', so an answer no rule covers is high risk [lens-no-default]",
        "error: the lens was not imported; nothing was written",
      ])
  }
}
