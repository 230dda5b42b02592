import Foundation
import PillarDiagnostics
import PillarModel

/// `questions/frameworks.md`: frameworks a team maps practices to beyond the built-in three,
/// each with the form of its ids and, optionally, every control (`docs/frameworks.md`).
enum FrameworksParser {
  static func parse(_ document: Document) -> [Framework] {
    let report = document.report
    let builtIn = Set(Framework.builtIn.map(\.id))
    let frameworks = document.fields.entries("frameworks", required: true, what: "a framework") {
      entry -> Framework? in
      let id = entry.identifier("id")
      let title = entry.text("title")
      let patternText = entry.text("id-pattern")
      let example = entry.text("example", required: false)
      let controls = entry.entries("controls", what: "a control") { control -> Framework.Control? in
        guard let id = control.text("id") else { return nil }
        return Framework.Control(id: id, title: control.text("title", required: false))
      }
      guard let id, let title, let patternText else { return nil }
      if builtIn.contains(id) {
        report.error(
          "duplicate-id", "framework '\(id)' is built in; give a team framework an id of its own",
          at: entry.locationOf("id"))
        return nil
      }
      // The whole id must match: anchored here, whatever the author wrote.
      guard let pattern = try? NSRegularExpression(pattern: "^(?:\(patternText))$") else {
        report.error(
          "invalid-value", "id-pattern '\(patternText)' is not a regular expression", at: entry.locationOf("id-pattern")
        )
        return nil
      }
      for control in controls where !Self.matches(pattern, control.id) {
        report.error(
          "invalid-value", "control '\(control.id)' of '\(id)' does not match its id-pattern",
          at: entry.locationOf("controls"))
      }
      let box = PatternBox(pattern)
      return Framework(
        id: id, title: title, example: example ?? controls.first?.id ?? patternText, controls: controls,
        location: entry.locationOf("id"), isWellFormed: { box.matches($0) })
    }
    document.fields.finish()
    return frameworks
  }

  static func matches(_ pattern: NSRegularExpression, _ text: String) -> Bool {
    pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
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

/// NSRegularExpression is immutable once made and safe to share across threads.
final class PatternBox: @unchecked Sendable {
  let pattern: NSRegularExpression
  init(_ pattern: NSRegularExpression) { self.pattern = pattern }
  func matches(_ text: String) -> Bool { FrameworksParser.matches(pattern, text) }
}
