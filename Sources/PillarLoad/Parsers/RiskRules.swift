import PillarDiagnostics
import PillarModel

/// Reads a question's `risk-rules`: each a `condition` over the question's practice ids and the
/// `risk` it gives; the last rule's condition is `default` (`docs/lenses.md`).
enum RiskRules {
  static let riskNames = ["high", "medium", "low", "none"]

  static func read(_ fields: Fields, practices: [String], report: Report) -> [RiskRule] {
    let known = Set(practices)
    let rules = fields.entries("risk-rules", what: "a risk rule") { rule -> RiskRule? in
      let text = rule.text("condition")
      let riskName = rule.text("risk")
      let risk = riskName.flatMap { $0 == "none" ? Risk.none : Risk(name: $0) }
      if let riskName, risk == nil {
        report.error(
          "invalid-value",
          "risk '\(riskName)' is not one of \(riskNames.joined(separator: ", "))\(Suggestion.didYouMean(riskName, in: riskNames))",
          at: rule.locationOf("risk"))
      }
      guard let text, let risk else { return nil }
      let at = rule.locationOf("condition")
      switch RuleConditionParser.parse(text) {
      case .failure(let failure):
        report.error(
          "invalid-condition",
          "condition '\(RuleConditionParser.shown(text))': \(failure.message) (at character \(failure.offset + 1))",
          at: at)
        return nil
      case .success(let condition):
        for id in condition.practiceIDs where !known.contains(id) {
          report.error(
            "unknown-practice",
            "condition '\(RuleConditionParser.shown(text))' names '\(id)', which is not a practice of this question\(Suggestion.didYouMean(id, in: practices))",
            at: at)
        }
        return RiskRule(condition: condition, risk: risk, text: text, location: at)
      }
    }
    guard !rules.isEmpty else { return rules }
    // The lens rule: rules are read in order and `default` closes them, so every answer has a risk.
    if let first = rules.firstIndex(where: { $0.condition == .always }) {
      for unreachable in rules[(first + 1)...] {
        report.warning(
          "unreachable-rule",
          "rule '\(RuleConditionParser.shown(unreachable.text))' comes after 'default' and never applies; move it up or remove it",
          at: unreachable.location)
      }
    } else {
      report.error(
        "missing-default-rule",
        "risk-rules end with no 'default' rule, so some answers would have no risk; add '- condition: default' with the risk of every other answer",
        at: rules[rules.count - 1].location)
    }
    return rules
  }
}

/// Reads the `lens:` fields `pillar import-lens` writes on a question set, question or practice.
enum LensFields {
  static func text(_ fields: Fields, _ textKey: String, _ urlKey: String) -> LensText? {
    guard let text = fields.text(textKey, required: false) else { return nil }
    return LensText(text: text, url: fields.text(urlKey, required: false))
  }

  static func practice(_ fields: Fields) -> PracticeLens? {
    guard let lens = fields.nested("lens", what: "a practice's lens origin") else { return nil }
    defer { lens.finish() }
    guard let id = lens.text("id") else { return nil }
    let resources = lens.entries("resources", what: "a resource") { entry -> LensResource? in
      guard let kind = entry.text("type"), let text = entry.text("text") else { return nil }
      return LensResource(kind: kind, text: text, url: entry.text("url", required: false))
    }
    return PracticeLens(
      id: id, helpful: text(lens, "helpful", "helpful-url"), improvement: text(lens, "improvement", "improvement-url"),
      resources: resources)
  }

  static func question(_ fields: Fields) -> QuestionLens? {
    guard let lens = fields.nested("lens", what: "a question's lens origin") else { return nil }
    defer { lens.finish() }
    guard let id = lens.text("id") else { return nil }
    let position = lens.text("position", required: false).flatMap { Int($0) }
    return QuestionLens(
      id: id, description: lens.text("description", required: false), helpful: text(lens, "helpful", "helpful-url"),
      noneID: lens.text("none-id", required: false), noneTitle: lens.text("none-title", required: false),
      noneHelpful: text(lens, "none-helpful", "none-helpful-url"),
      noneImprovement: text(lens, "none-improvement", "none-improvement-url"), position: position)
  }

  static func set(_ fields: Fields) -> SetLens? {
    guard let lens = fields.nested("lens", what: "the lens origin") else { return nil }
    defer { lens.finish() }
    guard let name = lens.text("name"), let pillarID = lens.text("pillar-id"), let pillarName = lens.text("pillar-name")
    else { return nil }
    return SetLens(
      name: name, description: lens.text("description", required: false), pillarID: pillarID, pillarName: pillarName)
  }
}
