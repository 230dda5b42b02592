import PillarDiagnostics
import PillarModel

/// Reads a YAML mapping field by field, reporting missing, mistyped and unknown fields with
/// their positions. Unknown keys are reported by `finish`, with a suggestion when one is close.
final class Fields {
  let report: Report
  let firstLine: Int
  let location: SourceLocation
  private var pairs: [(key: String, value: YAMLNode, location: SourceLocation)] = []
  private var known: [String] = []

  init?(_ node: YAMLNode, firstLine: Int, report: Report, what: String) {
    self.report = report
    self.firstLine = firstLine
    self.location = YAMLTree.location(of: node, firstLine: firstLine, report: report)
    guard case .mapping(let mapping, _) = node else {
      report.error("expected-mapping", "\(what) must be a set of 'key: value' fields", at: location)
      return nil
    }
    var seen: Set<String> = []
    for (key, value) in mapping {
      let keyLocation = YAMLTree.location(of: key, firstLine: firstLine, report: report)
      guard let name = key.text else {
        report.error("expected-text", "a field name must be plain text", at: keyLocation)
        continue
      }
      if !seen.insert(name).inserted {
        report.error("duplicate-key", "field '\(name)' appears more than once; keep one", at: keyLocation)
        continue
      }
      pairs.append((name, value, keyLocation))
    }
  }

  /// The keys of the mapping, in the order written (for mappings keyed by names the file chooses).
  var keys: [String] { pairs.map(\.key) }

  /// Where the value of `key` is written (the mapping itself when the key is absent).
  func locationOf(_ key: String) -> SourceLocation {
    valueLocation(key)
  }

  private func value(_ key: String, required: Bool) -> (node: YAMLNode, location: SourceLocation)? {
    known.append(key)
    guard let pair = pairs.first(where: { $0.key == key }), !Fields.isNull(pair.value) else {
      if required { report.error("missing-field", "required field '\(key)' is missing", at: location) }
      return nil
    }
    return (pair.value, YAMLTree.location(of: pair.value, firstLine: firstLine, report: report))
  }

  static func isNull(_ node: YAMLNode) -> Bool {
    guard case .scalar(let text, isPlain: true, _) = node else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(text)
  }

  /// A text field, read exactly as written (no YAML 1.1 guessing of numbers, booleans or dates).
  func text(_ key: String, required: Bool = true) -> String? {
    guard let (node, location) = value(key, required: required) else { return nil }
    guard let raw = node.text else {
      report.error("expected-text", "field '\(key)' must be text, not a list or a mapping", at: location)
      return nil
    }
    let text = raw.trimmingWhitespace()
    if text.isEmpty, required {
      report.error("empty-field", "field '\(key)' is empty; give it a value", at: location)
      return nil
    }
    return text
  }

  func reference(_ key: String, required: Bool = true) -> Reference? {
    guard let text = text(key, required: required) else { return nil }
    return Reference(text, at: valueLocation(key))
  }

  func identifier(_ key: String, required: Bool = true) -> String? {
    guard let text = text(key, required: required) else { return nil }
    if let problem = Identifier.problem(text) {
      report.error("invalid-id", "'\(text)' is not a valid id: \(problem)", at: valueLocation(key))
      return nil
    }
    return text
  }

  func date(_ key: String, required: Bool = true) -> String? {
    guard let text = text(key, required: required) else { return nil }
    guard DateText.isValid(text) else {
      report.error(
        "invalid-date", "field '\(key)' must be a date written YYYY-MM-DD from 1970 on, not '\(text)'",
        at: valueLocation(key))
      return nil
    }
    return text
  }

  private func valueLocation(_ key: String) -> SourceLocation {
    pairs.first { $0.key == key }.map { YAMLTree.location(of: $0.value, firstLine: firstLine, report: report) }
      ?? location
  }

  private func list(_ key: String, required: Bool) -> [YAMLNode]? {
    guard let (node, location) = value(key, required: required) else { return nil }
    guard case .sequence(let sequence, _) = node else {
      report.error("expected-list", "field '\(key)' must be a list, e.g. '\(key): [a, b]'", at: location)
      return nil
    }
    if sequence.isEmpty, required {
      report.error("empty-field", "field '\(key)' needs at least one entry, e.g. '\(key): [a]'", at: location)
    }
    return Array(sequence)
  }

  /// A list of text values, each with its position.
  func references(_ key: String, required: Bool = false) -> [Reference] {
    guard let nodes = list(key, required: required) else { return [] }
    return nodes.compactMap { node in
      let location = YAMLTree.location(of: node, firstLine: firstLine, report: report)
      guard let text = node.text, !Fields.isNull(node) else {
        report.error("expected-text", "each entry of '\(key)' must be text", at: location)
        return nil
      }
      let trimmed = text.trimmingSpaces()
      guard !trimmed.isEmpty else {
        report.error("empty-field", "an entry of '\(key)' is blank; write it or remove it", at: location)
        return nil
      }
      return Reference(trimmed, at: location)
    }
  }

  func texts(_ key: String, required: Bool = false) -> [String] {
    references(key, required: required).map(\.id)
  }

  /// A list of mappings, each read by `read`; unknown keys of each entry are reported too.
  func entries<T>(_ key: String, required: Bool = false, what: String, _ read: (Fields) -> T?) -> [T] {
    guard let nodes = list(key, required: required) else { return [] }
    return nodes.compactMap { node in
      guard let fields = Fields(node, firstLine: firstLine, report: report, what: what) else { return nil }
      let value = read(fields)
      fields.finish()
      return value
    }
  }

  /// A nested mapping, read field by field like this one.
  func nested(_ key: String, what: String) -> Fields? {
    guard let (node, _) = value(key, required: false) else { return nil }
    return Fields(node, firstLine: firstLine, report: report, what: what)
  }

  /// `true` or `false`, written so (YAML 1.1's `yes`, `on` and friends are refused as unclear).
  func bool(_ key: String) -> Bool? {
    guard let text = text(key, required: false) else { return nil }
    switch text {
    case "true": return true
    case "false": return false
    default:
      report.error("invalid-value", "field '\(key)' must be true or false, not '\(text)'", at: valueLocation(key))
      return nil
    }
  }

  /// A whole number of days from 1 to 3,650 (ten years), written as digits.
  func days(_ key: String) -> Int? {
    guard let text = text(key, required: false) else { return nil }
    guard text.utf8.count <= 4, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let days = Int(text),
      (1...3650).contains(days)
    else {
      report.error(
        "invalid-value", "field '\(key)' must be a number of days from 1 to 3650, such as 90, not '\(text)'",
        at: valueLocation(key))
      return nil
    }
    return days
  }

  /// A mapping of text to text, such as `OLD-ID: NEW-ID` lines.
  func pairs(_ key: String) -> [String: String] {
    guard let (node, location) = value(key, required: true) else { return [:] }
    guard case .mapping(let mapping, _) = node else {
      report.error("expected-mapping", "field '\(key)' must be a set of 'old: new' lines", at: location)
      return [:]
    }
    var result: [String: String] = [:]
    for (name, value) in mapping {
      let here = YAMLTree.location(of: name, firstLine: firstLine, report: report)
      guard let old = name.text, let new = value.text else {
        report.error("expected-text", "each entry of '\(key)' must be 'old: new'", at: here)
        continue
      }
      guard result[old] == nil else {
        report.error("duplicate-key", "'\(old)' appears more than once in '\(key)'; keep one", at: here)
        continue
      }
      result[old] = new
    }
    return result
  }

  /// Reports every field that no reader asked for.
  func finish() {
    for pair in pairs where !known.contains(pair.key) {
      report.error(
        "unknown-field",
        "unknown field '\(pair.key)'\(Suggestion.didYouMean(pair.key, in: known))", at: pair.location)
    }
  }
}
