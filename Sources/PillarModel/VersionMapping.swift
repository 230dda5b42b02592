/// How practice ids changed from one version of the question set to the next (frameworks
/// renumber practices), so answers written against an older version carry over.
package struct VersionMapping: Sendable, Hashable {
  package var from: String
  package var to: String
  /// Old practice id → new practice id.
  package var practices: [String: String]

  package init(from: String, to: String, practices: [String: String]) {
    self.from = from
    self.to = to
    self.practices = practices
  }

  /// The mappings that lead from `version` to `target`, one version at a time; nil when no
  /// chain of mappings leads there.
  package static func chain(from version: String, to target: String, in mappings: [VersionMapping]) -> [VersionMapping]?
  {
    var steps: [VersionMapping] = []
    var current = version
    var seen: Set<String> = [version]
    while current != target {
      guard let step = mappings.first(where: { $0.from == current }), seen.insert(step.to).inserted else { return nil }
      steps.append(step)
      current = step.to
    }
    return steps
  }

  /// A practice id as it is called after every step of `steps`.
  package static func rename(_ id: String, through steps: [VersionMapping]) -> String {
    steps.reduce(id) { id, step in step.practices[id] ?? id }
  }
}
