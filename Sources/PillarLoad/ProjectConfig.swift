import Foundation
import PillarDiagnostics
import PillarModel

/// `pillar.yml` at the workbook's root (optional): the gate policy and the published site's
/// address. Command-line flags override it.
package struct ProjectConfig: Sendable {
  package var policy = GatePolicy.standard
  /// Where the site is published, for links in SARIF output (`https://…/`).
  package var siteURL: String?
  /// Where each level setting (`open-threats-from`, `accepted-required-from`) is written, so a
  /// level that does not exist is reported there.
  package var levelLocations: [String: SourceLocation] = [:]
  /// Scanner findings to hold the answers against (`evidence:`), relative to the workbook.
  package var evidence: [String] = []

  package static let fileName = "pillar.yml"

  package init() {}

  /// The policy's level settings name classification levels of `set` (a typo must not switch a
  /// rule off without a word).
  package func problems(in set: QuestionSet) -> [Diagnostic] {
    let levels = set.levels.map(\.id)
    return GatePolicy.levelNames.compactMap { name, path -> Diagnostic? in
      guard let level = policy[keyPath: path], set.level(level) == nil else { return nil }
      return .error(
        "unknown-classification",
        "\(name) '\(level)' is not a level\(Suggestion.didYouMean(level, in: levels)); levels are \(levels.joined(separator: ", "))",
        at: levelLocations[name] ?? SourceLocation(path: Self.fileName))
    }
  }

  package static func load(root: URL) -> (ProjectConfig, [Diagnostic]) {
    var config = ProjectConfig()
    let path = fileName
    let full = root.appendingPathComponent(path).path
    guard FileManager.default.fileExists(atPath: full) else { return (config, []) }
    let contents = InputFile.read(full)
    guard case .bytes(let data) = contents else {
      return (config, InputFile.problem(contents, path: path).map { [$0] } ?? [])
    }
    let source: SourceText
    switch SourceText.decode(data, path: path) {
    case .failure(let diagnostic): return (config, [diagnostic])
    case .success(let text): source = text
    }
    let report = Report(path: path)
    guard !source.text.allSatisfy(\.isWhitespace) else { return (config, []) }
    guard let node = YAMLTree.compose(source.text, firstLine: 1, report: report),
      let fields = Fields(node, firstLine: 1, report: report, what: "pillar.yml")
    else { return (config, report.diagnostics) }
    if let url = fields.text("site-url", required: false) {
      if url.hasPrefix("https://") || url.hasPrefix("http://") {
        config.siteURL = url.hasSuffix("/") ? url : url + "/"
      } else {
        report.error("invalid-value", "site-url must start with https:// or http://", at: fields.locationOf("site-url"))
      }
    }
    for path in fields.references("evidence") {
      // Inside the workbook, as written: a pull request cannot point the build at other files.
      let parts = path.id.split(separator: "/", omittingEmptySubsequences: false)
      if path.id.hasPrefix("/") || parts.contains("..") || parts.contains("") {
        report.error(
          "invalid-value",
          "evidence path '\(path.id)' must be relative and inside the workbook; give files elsewhere with --evidence",
          at: path.location)
      } else {
        config.evidence.append(path.id)
      }
    }
    if let days = fields.days("evidence-stale-after") { config.policy.evidenceStaleAfter = days }
    if let gate = fields.nested("gate", what: "the gate policy") {
      for (name, path) in GatePolicy.switchNames {
        if let value = gate.bool(name) { config.policy[keyPath: path] = value }
      }
      for (name, path) in GatePolicy.levelNames {
        if let level = gate.text(name, required: false) {
          config.policy[keyPath: path] = level
          config.levelLocations[name] = gate.locationOf(name)
        }
      }
      gate.finish()
    }
    fields.finish()
    return (config, report.diagnostics)
  }
}
