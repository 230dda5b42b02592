import PillarModel

enum ObjectiveParser {
  static func parse(_ document: Document) -> Objective? {
    let id = document.fields.identifier("id")
    let title = document.fields.text("title")
    let gate = document.fields.bool("gate") ?? false
    document.fields.finish()
    let rationale = document.rationale()
    document.warnAboutSections(except: ["What", "How", "Why"])
    guard let id, let title else { return nil }
    return Objective(
      id: id, title: title, rationale: rationale, isAboutTheGate: gate, location: document.report.location(1))
  }
}
