import PillarDiagnostics
import PillarModel

enum QuestionParser {
  static func parse(_ document: Document) -> Question? {
    let report = document.report
    let fields = document.fields
    let id = fields.identifier("id")
    let title = fields.text("title")
    let area = fields.text("area")
    let controlName = fields.text("control")
    let parsedControl = controlName.flatMap(ControlFamily.init(rawValue:))
    if let controlName, parsedControl == nil {
      let names = ControlFamily.allCases.map(\.rawValue)
      report.error(
        "invalid-value",
        "control '\(controlName)' is not one of \(names.joined(separator: ", "))\(Suggestion.didYouMean(controlName, in: names))",
        at: fields.locationOf("control"))
    }
    let objectives = fields.references("objectives")
    let questionLens = LensFields.question(fields)
    var seen: Set<String> = []
    let practices = fields.entries("practices", required: true, what: "a practice") { entry -> BestPractice? in
      let practiceID = entry.identifier("id")
      let practiceTitle = entry.text("title")
      let parsedRisk = risk(entry, "risk", report: report)
      let sourceRisk = risk(entry, "source-risk", required: false, report: report)
      let riskNote = entry.text("risk-note", required: false)
      let requiredFrom = entry.reference("required-from", required: false)
      var layer: DefenceLayer?
      if let name = entry.text("layer", required: false) {
        layer = DefenceLayer(rawValue: name)
        if layer == nil {
          let names = DefenceLayer.allCases.map(\.rawValue)
          report.error(
            "invalid-value",
            "layer '\(name)' is not one of \(names.joined(separator: ", "))\(Suggestion.didYouMean(name, in: names))",
            at: entry.locationOf("layer"))
        }
      }
      // An invalid risk is reported above; the practice is kept (as high) so that answers
      // naming it are not reported as unknown too.
      guard let practiceID, let practiceTitle else { return nil }
      let risk = parsedRisk ?? .high
      if let id, !practiceID.hasPrefix("\(id)-BP") {
        report.error("invalid-id", "practice id '\(practiceID)' must start with '\(id)-BP'", at: entry.locationOf("id"))
      }
      if !seen.insert(practiceID).inserted {
        report.error("duplicate-id", "practice '\(practiceID)' is listed twice", at: entry.locationOf("id"))
        return nil
      }
      var practice = BestPractice(
        id: practiceID, title: practiceTitle, risk: risk, requiredFrom: requiredFrom, guidance: nil,
        location: entry.location, layer: layer)
      practice.sourceRisk = sourceRisk
      practice.riskNote = riskNote
      practice.lens = LensFields.practice(entry)
      practice.references = FrameworksParser.references(entry)
      return practice
    }
    let rules = RiskRules.read(fields, practices: practices.map(\.id), report: report)
    fields.finish()

    let rationale = document.rationale()
    let guided = practices.map { practice -> BestPractice in
      var practice = practice
      if let section = document.sections.first(where: { $0.key == practice.id }) {
        practice.guidance = document.text(of: section)
      } else {
        report.warning(
          "missing-guidance", "practice '\(practice.id)' has no guidance section '## \(practice.id) \(practice.title)'",
          at: practice.location)
      }
      return practice
    }
    document.warnAboutSections(except: ["What", "How", "Why"]) { section in seen.contains(section.key) }
    guard let id, let title, let area else { return nil }
    let control = parsedControl ?? .preventative
    var question = Question(
      id: id, title: title, area: area, control: control, objectives: objectives, practices: guided,
      rationale: rationale, introduction: document.introduction, location: report.location(1))
    question.riskRules = rules
    question.lens = questionLens
    return question
  }

  /// A risk level field (`risk`, `source-risk`, a threat's `priority`): high, medium or low.
  static func risk(_ fields: Fields, _ key: String, required: Bool = true, report: Report) -> Risk? {
    guard let name = fields.text(key, required: required) else { return nil }
    guard let risk = Risk(name: name) else {
      report.error(
        "invalid-value",
        "\(key) '\(name)' is not one of high, medium, low\(Suggestion.didYouMean(name, in: ["high", "medium", "low"]))",
        at: fields.locationOf(key))
      return nil
    }
    return risk
  }
}
