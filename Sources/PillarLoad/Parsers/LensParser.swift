import PillarModel

enum LensParser {
  static func parse(_ document: Document) -> Lens? {
    let fields = document.fields
    let id = fields.identifier("id")
    let name = fields.text("name")
    let version = fields.text("version")
    let riskSource = fields.text("risk-source", required: false)
    let origin = LensFields.set(fields)
    fields.finish()
    for section in document.sections {
      document.report.warning(
        "unknown-section", "lens.md has no sections; '## \(section.heading)' is shown as part of the introduction",
        at: document.report.location(section.line, section.column))
    }
    guard let id, let name, let version else { return nil }
    let body = document.text(
      from: document.introduction.location.line, at: document.introduction.location)
    var lens = Lens(id: id, name: name, version: version, introduction: body)
    lens.riskSource = riskSource
    lens.origin = origin
    return lens
  }
}
