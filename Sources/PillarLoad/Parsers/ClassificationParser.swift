import PillarDiagnostics
import PillarModel

enum ClassificationParser {
  static func parse(_ document: Document) -> [ClassificationLevel] {
    let report = document.report
    var seen: Set<String> = []
    var levels: [(id: String, title: String, reviewEvery: Int?)] = []
    _ = document.fields.entries("levels", required: true, what: "a level") { fields -> Void in
      let id = fields.identifier("id")
      let title = fields.text("title")
      let reviewEvery = fields.days("review-every")
      if let id {
        if seen.insert(id).inserted {
          levels.append((id, title ?? id.capitalized, reviewEvery))
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
      return ClassificationLevel(
        id: level.id, title: level.title, rank: rank, description: description,
        reviewEvery: level.reviewEvery ?? ClassificationLevel.defaultReviewEvery)
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
