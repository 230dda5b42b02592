import PillarDiagnostics
import PillarModel

/// `questions/frameworks.md`: frameworks a team maps practices to beyond the built-in three,
/// each with the form of its ids (`id-format`) and, optionally, every control (`docs/frameworks.md`).
enum FrameworksParser {
  static func parse(_ document: Document) -> [Framework] {
    let report = document.report
    let builtIn = Set(Framework.builtIn.map(\.id))
    let frameworks = document.fields.entries("frameworks", required: true, what: "a framework") {
      entry -> Framework? in
      let id = entry.identifier("id")
      let title = entry.text("title")
      let formats = entry.texts("id-format", required: true).map(IDFormat.init)
      let example = entry.text("example", required: false)
      let controls = entry.entries("controls", what: "a control") { control -> Framework.Control? in
        guard let id = control.text("id") else { return nil }
        return Framework.Control(id: id, title: control.text("title", required: false))
      }
      guard let id, let title, !formats.isEmpty else { return nil }
      if builtIn.contains(id) {
        report.error(
          "duplicate-id", "framework '\(id)' is built in; give a team framework an id of its own",
          at: entry.locationOf("id"))
        return nil
      }
      let matches: @Sendable (String) -> Bool = { text in formats.contains { $0.matches(text) } }
      for control in controls where !matches(control.id) {
        report.error(
          "invalid-value",
          "control '\(control.id)' of '\(id)' is not written as its id-format says (\(formats.map(\.text).joined(separator: " or ")))",
          at: entry.locationOf("controls"))
      }
      return Framework(
        id: id, title: title, example: example ?? controls.first?.id ?? formats[0].text, controls: controls,
        location: entry.locationOf("id"), isWellFormed: matches)
    }
    document.fields.finish()
    return frameworks
  }

  /// A practice's `references:`: a mapping from framework id to the control ids it addresses.
  static func references(_ entry: Fields) -> [ControlReference] {
    guard let mapping = entry.nested("references", what: "a practice's references") else { return [] }
    defer { mapping.finish() }
    return mapping.keys.flatMap { framework in
      mapping.references(framework, required: true).map {
        ControlReference(framework: framework, control: $0.id, location: $0.location)
      }
    }
  }
}
