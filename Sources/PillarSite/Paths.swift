/// Where each kind of page lives. Ids are validated identifiers, so they are safe file names.
enum Paths {
  static func workload(_ id: String) -> String { "workloads/\(id)/index.html" }
  static func scorecard(_ workload: String, _ release: String) -> String { "workloads/\(workload)/\(release).html" }
  static func question(_ id: String) -> String { "questions/\(id).html" }
  static func objective(_ id: String) -> String { "objectives/\(id).html" }
  static func threatModel(_ id: String) -> String { "threat-models/\(id).html" }
  static func framework(_ id: String) -> String { "frameworks/\(id).html" }
  static let dashboard = "index.html"
  static let questions = "questions/index.html"
  static let objectives = "objectives/index.html"
  static let classification = "classification.html"
  static let executive = "executive.html"
  static let metrics = "metrics.html"
  static let incidents = "incidents/index.html"
  static let threatModels = "threat-models/index.html"
  static let search = "search.html"
  static func incident(_ id: String) -> String { "incidents/\(id).html" }
  static let glossary = "glossary.html"
  /// Deltas run between consecutive releases, so the release a delta leads to names it; a folder
  /// keeps the name apart from every scorecard's.
  static func delta(_ workload: String, to release: String) -> String {
    "workloads/\(workload)/changes/\(release).html"
  }
}
