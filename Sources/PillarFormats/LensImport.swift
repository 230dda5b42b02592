import PillarDiagnostics
import PillarModel

/// One pillar of a lens as Pillar's question set: `lens.md`, one file a question, the choices as
/// practices and the lens's risk rules kept with each question, so an answer scores as the Tool
/// would score it. What Pillar's files cannot say is kept under `lens:` so `export-lens` writes
/// the lens back unchanged (`docs/lenses.md`).
package enum LensImport {
  package struct Output: Sendable {
    /// Paths relative to the workbook root, in writing order.
    package var files: [(path: String, text: String)]
    package var diagnostics: [Diagnostic]
  }

  package static func convert(_ lens: Lens, pillar pillarID: String?, path: String) -> Output {
    var diagnostics: [Diagnostic] = []
    func warn(_ id: String, _ message: String) {
      diagnostics.append(.warning(id, message, at: SourceLocation(path: path, line: 1, column: 1)))
    }
    func fail(_ id: String, _ message: String) {
      diagnostics.append(.error(id, message, at: SourceLocation(path: path, line: 1, column: 1)))
    }
    let ids = lens.pillars.map(\.id)
    let wanted = pillarID ?? "security"
    guard let index = lens.pillars.firstIndex(where: { $0.id == wanted }) else {
      fail(
        "unknown-pillar",
        "the lens has no pillar '\(wanted)'; its pillars are \(ids.map { "'\($0)'" }.joined(separator: ", ")); choose one with --pillar"
      )
      return Output(files: [], diagnostics: diagnostics)
    }
    let pillar = lens.pillars[index]
    let at = "$.pillars[\(index)]"
    var files: [(String, String)] = []
    files.append(("questions/lens.md", lensFile(lens, pillar: pillar)))
    var usedIDs: Set<String> = []
    for (number, question) in pillar.questions.enumerated() {
      let place = "\(at).questions[\(number)]"
      var questionID = question.id
      if !isIdentifier(questionID) || questionID.utf8.count > 40 || usedIDs.contains(questionID) {
        let replacement = String(format: "Q%02d", number + 1)
        warn(
          "lens-id",
          "\(place).id '\(question.id)' is not a Pillar question id (letters, digits, '.', '_', '-', up to 40); the question is '\(replacement)', and export writes the lens id back"
        )
        questionID = replacement
      }
      usedIDs.insert(questionID)
      let none = question.choices.first(where: isNone)
      if none == nil {
        warn(
          "lens-no-none",
          "\(place) ('\(question.id)') has no \"None of these\" choice (an id ending '_no'); it is imported and exported without one"
        )
      }
      let choices = question.choices.filter { !isNone($0) }
      var practiceIDs: [String: String] = [:]
      for (offset, choice) in choices.enumerated() {
        practiceIDs[choice.id] = "\(questionID)-BP\(offset + 1 < 10 ? "0" : "")\(offset + 1)"
      }
      // The rules, over practice ids; a condition naming the "none" choice means no practice.
      var rules: [(condition: RuleCondition, risk: Risk)] = []
      let inPlace = choices.compactMap { practiceIDs[$0.id] }.map(RuleCondition.practice)
      let nothing =
        inPlace.dropFirst().reduce(inPlace.first) { any, next in any.map { .or($0, next) } }
        .map(RuleCondition.not) ?? .always
      for (ruleIndex, rule) in question.riskRules.enumerated() {
        switch RuleConditionParser.parse(rule.condition) {
        case .failure(let failure):
          fail(
            "invalid-condition",
            "\(place).riskRules[\(ruleIndex)].condition '\(RuleConditionParser.shown(rule.condition))': \(failure.message) (at character \(failure.offset + 1))"
          )
        case .success(let condition):
          var unknown: [String] = []
          let renamed = condition.substituting { id -> RuleCondition in
            if let practice = practiceIDs[id] { return .practice(practice) }
            if id == none?.id { return nothing }
            unknown.append(id)
            return .practice(id)
          }
          if !unknown.isEmpty {
            fail(
              "unknown-practice",
              "\(place).riskRules[\(ruleIndex)].condition names \(unknown.map { "'\($0)'" }.joined(separator: ", ")), not a choice of '\(question.id)'"
            )
            continue
          }
          // The reader let only the three risks through.
          rules.append((renamed, Lens.risk(named: rule.risk) ?? .high))
        }
      }
      if question.riskRules.isEmpty {
        warn(
          "lens-no-rules",
          "\(place) ('\(question.id)') has no riskRules; Pillar scores it by its highest missing practice, each rated medium"
        )
      } else if question.riskRules.allSatisfy({ isDefault($0.condition) }) {
        warn(
          "lens-default-only",
          "\(place) ('\(question.id)') has only a 'default' risk rule: every answer gets \(question.riskRules[0].risk)"
        )
      }
      if !question.riskRules.isEmpty
        && !question.riskRules.contains(where: { isDefault($0.condition) })
      {
        // The format requires one; an answer no rule covers fails closed.
        warn(
          "lens-no-default",
          "\(place) ('\(question.id)') has no 'default' risk rule, which the format requires; Pillar adds 'default: HIGH_RISK', so an answer no rule covers is high risk"
        )
        rules.append((.always, .high))
      }
      files.append(
        (
          "questions/\(questionID).md",
          questionFile(
            question, id: questionID, position: number + 1, pillar: pillar, lens: lens, choices: choices,
            practiceIDs: practiceIDs,
            none: none, rules: rules)
        ))
    }
    if pillar.questions.isEmpty { fail("empty-pillar", "\(at) ('\(pillar.id)') has no questions") }
    return Output(files: files, diagnostics: diagnostics)
  }

  /// The classification scale an imported set starts with when the workbook has none: a lens has
  /// no levels, so nothing is required at any of them until the organisation says so.
  package static let defaultClassification = """
    ---
    levels:
      - id: public
        title: Public
      - id: internal
        title: Internal
      - id: confidential
        title: Confidential
      - id: restricted
        title: Restricted
    ---
    ## Public
    Data meant to be published.

    ## Internal
    Data for the organisation's own people.

    ## Confidential
    Data whose disclosure would harm customers or the organisation.

    ## Restricted
    Data whose disclosure or alteration would cause severe or regulated harm.

    """

  /// A "none of these" choice: the Tool's convention is an id ending in `_no` or that title.
  static func isNone(_ choice: Lens.Choice) -> Bool {
    choice.id.hasSuffix("_no") || choice.title.lowercased().hasPrefix("none of these")
  }

  /// Whether a lens condition is `default`, as the condition grammar reads it.
  static func isDefault(_ condition: String) -> Bool {
    (try? RuleConditionParser.parse(condition).get()) == .always
  }

  static func isIdentifier(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.count <= 64
      && text.utf8.allSatisfy {
        switch $0 {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F, 0x2D: true
        default: false
        }
      }
  }

  /// The risk a practice leaves open when it alone is missing, under the question's rules: its
  /// level in Pillar's practice lists (the Tool has no low risk, so "no risk" reads as low).
  static func risk(of practice: String, rules: [(condition: RuleCondition, risk: Risk)], all: [String]) -> Risk {
    guard !rules.isEmpty else { return .medium }
    let present = Set(all).subtracting([practice])
    let risk = rules.first { $0.condition.holds { present.contains($0) } }?.risk ?? .medium
    return risk == PillarModel.Risk.none ? .low : risk
  }
}
