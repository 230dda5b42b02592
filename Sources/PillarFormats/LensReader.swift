import Foundation
import PillarDiagnostics
import PillarModel

/// Reads a custom lens JSON file. Real lenses are messy: a key that starts with `_` (a comment),
/// a key in the wrong case, a key the format does not have. Each is a warning naming its JSON
/// path and nothing is dropped silently; what Pillar cannot read is an error at its path.
package enum LensReader {
  package static func read(_ data: Data, path: String) -> (lens: Lens?, diagnostics: [Diagnostic]) {
    let report = JSONReport(path: path)
    guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
      report.error("invalid-json", "\(path) is not valid JSON; a lens file is the JSON the Tool exports")
      return (nil, report.diagnostics)
    }
    guard let object = JSONObject(root, at: "$", report: report, what: "the lens") else {
      return (nil, report.diagnostics)
    }
    let schema = object.text("schemaVersion", required: false)
    if let schema, schema != "2021-11-01" {
      report.warning(
        "lens-schema", "$.schemaVersion is '\(schema)'; Pillar reads the 2021-11-01 format and reads this as that")
    }
    let name = object.text("name")
    let description = object.text("description", required: false)
    let pillars = object.list("pillars", what: "a pillar") { pillar -> Lens.Pillar? in
      guard let id = pillar.text("id"), let title = pillar.text("name") else {
        pillar.finish()
        return nil
      }
      let questions = pillar.list("questions", what: "a question") { question -> Lens.Question? in
        readQuestion(question)
      }
      pillar.finish()
      return Lens.Pillar(id: id, name: title, questions: questions)
    }
    object.finish()
    if report.trimmed > 0 {
      report.warning(
        "lens-spaces",
        "\(report.trimmed) text\(report.trimmed == 1 ? "" : "s") began or ended with spaces or line breaks; Pillar keeps \(report.trimmed == 1 ? "it" : "them") without (first at \(report.firstTrimmed))"
      )
    }
    guard let name else { return (nil, report.diagnostics) }
    return (Lens(name: name, description: description ?? "", pillars: pillars), report.diagnostics)
  }

  static func readQuestion(_ question: JSONObject) -> Lens.Question? {
    defer { question.finish() }
    let id = question.text("id")
    let title = question.text("title")
    let description = question.text("description", required: false)
    let helpful = question.object("helpfulResource").flatMap(link)
    let choices = question.list("choices", what: "a choice") { choice -> Lens.Choice? in
      defer { choice.finish() }
      guard let id = choice.text("id"), let title = choice.text("title") else { return nil }
      let resources = choice.optionalList("additionalResources", what: "a resource") { resource -> Lens.Resource? in
        defer { resource.finish() }
        guard let type = resource.text("type") else { return nil }
        let content = resource.list("content", what: "a link") { object -> Lens.Link? in link(object) }
        return Lens.Resource(type: type, content: content)
      }
      return Lens.Choice(
        id: id, title: title, helpfulResource: choice.object("helpfulResource").flatMap(link),
        improvementPlan: choice.object("improvementPlan").flatMap(link), additionalResources: resources)
    }
    let rules = question.optionalList("riskRules", what: "a risk rule") { rule -> Lens.RiskRule? in
      defer { rule.finish() }
      guard let condition = rule.text("condition"), let risk = rule.text("risk") else { return nil }
      guard Lens.risk(named: risk) != nil else {
        rule.report.error(
          "invalid-value", "\(rule.path).risk is '\(risk)'; a lens risk is HIGH_RISK, MEDIUM_RISK or NO_RISK")
        return nil
      }
      return Lens.RiskRule(condition: condition, risk: risk)
    }
    guard let id, let title else { return nil }
    return Lens.Question(
      id: id, title: title, description: description, helpfulResource: helpful, choices: choices,
      riskRules: rules ?? [])
  }

  static func link(_ object: JSONObject) -> Lens.Link? {
    defer { object.finish() }
    guard let text = object.text("displayText") else { return nil }
    return Lens.Link(displayText: text, url: object.text("url", required: false))
  }
}

/// Collects diagnostics about one JSON file; a JSON file has paths, not lines, so each message
/// names its JSON path and the position is the file's first line.
final class JSONReport {
  let path: String
  private(set) var diagnostics: [Diagnostic] = []
  /// Texts read with spaces at either end, which Pillar's files do not keep.
  var trimmed = 0
  var firstTrimmed = ""

  init(path: String) { self.path = path }

  func error(_ id: String, _ message: String) {
    diagnostics.append(.error(id, message, at: SourceLocation(path: path, line: 1, column: 1)))
  }

  func warning(_ id: String, _ message: String) {
    diagnostics.append(.warning(id, message, at: SourceLocation(path: path, line: 1, column: 1)))
  }
}

/// A JSON object read key by key, as `Fields` reads YAML: keys matched exactly or, with a
/// warning, in another case; `_` keys and unknown keys reported by `finish`.
final class JSONObject {
  let report: JSONReport
  let path: String
  private let values: [String: Any]
  private var used: Set<String> = []

  init?(_ value: Any, at path: String, report: JSONReport, what: String) {
    self.report = report
    self.path = path
    guard let values = value as? [String: Any] else {
      report.error("expected-mapping", "\(path) must be an object: \(what)")
      return nil
    }
    self.values = values
  }

  /// The value of `key`, found in any case (a wrongly cased key is read, with a warning).
  private func value(_ key: String, required: Bool) -> Any? {
    if let value = values[key], !(value is NSNull) {
      used.insert(key)
      return value
    }
    if let other = values.keys.sorted().first(where: { $0.lowercased() == key.lowercased() && $0 != key }) {
      used.insert(other)
      report.warning("lens-key-case", "\(path).\(other) is read as '\(key)' (the format spells it so)")
      return values[other] is NSNull ? nil : values[other]
    }
    if required { report.error("missing-field", "\(path).\(key) is missing") }
    return nil
  }

  func text(_ key: String, required: Bool = true) -> String? {
    guard let value = value(key, required: required) else { return nil }
    guard let raw = value as? String else {
      report.error("expected-text", "\(path).\(key) must be text")
      return nil
    }
    let text = raw.trimmingWhitespace()
    if text != raw {
      if report.trimmed == 0 { report.firstTrimmed = "\(path).\(key)" }
      report.trimmed += 1
    }
    if text.isEmpty, required {
      report.error("empty-field", "\(path).\(key) is empty")
      return nil
    }
    return text
  }

  func object(_ key: String) -> JSONObject? {
    guard let value = value(key, required: false) else { return nil }
    return JSONObject(value, at: "\(path).\(key)", report: report, what: key)
  }

  func list<T>(_ key: String, what: String, _ read: (JSONObject) -> T?) -> [T] {
    guard let value = value(key, required: true) else { return [] }
    return items(value, key: key, what: what, read)
  }

  func optionalList<T>(_ key: String, what: String, _ read: (JSONObject) -> T?) -> [T]? {
    guard let value = value(key, required: false) else { return nil }
    return items(value, key: key, what: what, read)
  }

  private func items<T>(_ value: Any, key: String, what: String, _ read: (JSONObject) -> T?) -> [T] {
    guard let array = value as? [Any] else {
      report.error("expected-list", "\(path).\(key) must be a list of \(what)s")
      return []
    }
    return array.enumerated().compactMap { index, item in
      JSONObject(item, at: "\(path).\(key)[\(index)]", report: report, what: what).flatMap(read)
    }
  }

  /// Reports every key not read: a `_` key as a comment the lens author left, any other as a key
  /// the format does not have. Neither is carried over.
  func finish() {
    for key in values.keys.sorted() where !used.contains(key) {
      if key.hasPrefix("_") {
        report.warning("lens-comment", "\(path).\(key) is not part of the format (a '_' key) and is not carried over")
      } else {
        report.warning("unknown-field", "\(path).\(key) is not a field of the lens format and is not carried over")
      }
    }
  }
}
