import Foundation

/// The workload folders of `reviews/` as they were at a git revision: each one's profile and
/// latest answer file, listed with one `git ls-tree`, their contents read with one
/// `git cat-file --batch` and never written to disk. What a change is compared with: `diff
/// --against`, answers taken out, workloads removed. (A git process per workload made a
/// change-scoped check of ten thousand workloads start twenty thousand processes.)
package struct BaseReviews {
  /// By workload id: the profile's path and, as `answers`, the latest answer file's.
  package var folders: [String: Inventory.WorkloadFolder]
  package var revision: String
  package var root: URL

  /// - Parameter only: the workloads to list (all when nil).
  package static func list(at revision: String, in root: URL, only: Set<String>? = nil) throws -> BaseReviews {
    var profiles: [String: String] = [:]
    var answers: [String: [String]] = [:]
    for path in try Git.files(under: "reviews", at: revision, in: root) {
      let parts = path.split(separator: "/").map(String.init)
      guard parts.count == 3, parts[2].hasSuffix(".md"), only?.contains(parts[1]) ?? true,
        Identifier.problem(parts[1]) == nil
      else { continue }
      if parts[2] == "workload.md" { profiles[parts[1]] = path } else { answers[parts[1], default: []].append(path) }
    }
    var folders: [String: Inventory.WorkloadFolder] = [:]
    for id in Set(profiles.keys).union(answers.keys) {
      folders[id] = Inventory.WorkloadFolder(
        id: id, profile: profiles[id], answers: Inventory.latestAnswer(answers[id] ?? []).map { [$0] } ?? [])
    }
    return BaseReviews(folders: folders, revision: revision, root: root)
  }

  /// The files at the revision, by path (relative to the workbook).
  package func contents(of paths: [String]) throws -> [String: [UInt8]] {
    try Git.contents(of: paths.sorted(), at: revision, in: root)
  }

  /// Every profile and latest answer file listed.
  package var everyFile: [String] {
    folders.values.flatMap { [$0.profile].compactMap { $0 } + $0.answers }
  }
}
