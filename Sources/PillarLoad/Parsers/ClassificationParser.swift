import PillarDiagnostics
import PillarModel

enum ClassificationParser {
  static func parse(_ document: Document) -> [ClassificationLevel] {
    let report = document.report
    var seen: Set<String> = []
    var levels: [(id: String, title: String, reviewEvery: Int?, promises: [LevelPromise], evidence: Bool)] = []
    _ = document.fields.entries("levels", required: true, what: "a level") { fields -> Void in
      let id = fields.identifier("id")
      let title = fields.text("title")
      let reviewEvery = fields.days("review-every")
      let evidence = fields.bool("evidence-required") ?? false
      let promises = fields.entries("promises", what: "a promise") { promise -> LevelPromise? in
        let area = promise.text("area", required: false)
        let text = promise.text("text")
        // A promise that names no practice is prose the gate cannot keep: refused.
        let practices = promise.references("practices", required: true)
        guard let text else { return nil }
        return LevelPromise(area: area, text: text, practices: practices, location: promise.location)
      }
      if let id {
        if seen.insert(id).inserted {
          levels.append((id, title ?? id.capitalized, reviewEvery, promises, evidence))
        } else {
          report.error("duplicate-id", "level '\(id)' is listed twice", at: fields.locationOf("id"))
        }
      }
    }
    document.fields.finish()
    var used: Set<Int> = []
    let result = levels.enumerated().map { rank, level in
      let index = document.sections.firstIndex {
        $0.heading.caseInsensitiveCompare(level.title) == .orderedSame
          || $0.heading.caseInsensitiveCompare(level.id) == .orderedSame
      }
      if let index { used.insert(index) }
      if index == nil {
        report.warning(
          "missing-section", "level '\(level.id)' has no section '## \(level.title)' describing its data and controls",
          at: report.location(1))
      }
      let description = index.map { document.text(of: document.sections[$0]) } ?? .init("", at: report.location(1))
      var result = ClassificationLevel(
        id: level.id, title: level.title, rank: rank, description: description,
        reviewEvery: level.reviewEvery ?? ClassificationLevel.defaultReviewEvery)
      result.promises = level.promises
      result.evidenceRequired = level.evidence
      return result
    }
    for (index, section) in document.sections.enumerated() where !used.contains(index) {
      report.warning(
        "unknown-section",
        "section '## \(section.heading)' matches no level\(Suggestion.didYouMean(section.heading, in: levels.map(\.title)))",
        at: report.location(section.line, section.column))
    }
    return result
  }
}
