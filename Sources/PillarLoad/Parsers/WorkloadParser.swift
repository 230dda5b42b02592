import PillarModel

enum WorkloadParser {
  static func parse(_ document: Document, id: String) -> Workload? {
    let fields = document.fields
    let name = fields.text("name")
    let owner = fields.text("owner")
    let classification = fields.reference("classification")
    let environments = fields.texts("environments")
    let tags = fields.texts("tags")
    let threatModel = fields.reference("threat-model", required: false)
    fields.finish()
    let description = MarkdownText(
      document.source.lines(document.introduction.location.line, through: document.source.lines.count),
      at: document.introduction.location)
    guard let name, let owner, let classification else { return nil }
    return Workload(
      id: id, name: name, owner: owner, classification: classification, environments: environments, tags: tags,
      threatModel: threatModel, description: description, location: document.report.location(1))
  }
}
