import ArgumentParser
import Foundation
import PillarLoad

/// Which workloads, and which of their releases, a check covers: all of them, those named by
/// `--workload` or by paths, or those whose files changed since a git revision.
struct CheckScope {
  /// nil: every workload.
  var workloads: Set<String>?
  /// Answer files named on the command line: those releases are gated instead of the latest.
  var releases: [String: Set<String>] = [:]
  /// Workloads named on the command line, which must exist (those found through git need not).
  var explicit: Set<String> = []
  /// For `--changed-since`: the commit the change is measured from (the merge base).
  var base: String?
  /// The change touches `questions/` or `pillar.yml`, which can flip any verdict.
  var rulesChanged = false

  static let everything = CheckScope(workloads: nil)

  static func resolve(workloads: [String], paths: [String], changedSince: String?, root: URL) throws -> CheckScope {
    var scope = CheckScope(workloads: nil)
    var named = Set(workloads)
    let base = root.standardizedFileURL.path
    for path in paths {
      let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
      guard FileManager.default.fileExists(atPath: absolute) else {
        throw ValidationError("'\(path)' does not exist")
      }
      guard absolute.hasPrefix(base + "/") else {
        throw ValidationError("'\(path)' is not inside the workbook \(base)")
      }
      let parts = absolute.dropFirst(base.count + 1).split(separator: "/").map(String.init)
      guard parts.count >= 2, parts.count <= 3, parts[0] == "reviews" else {
        throw ValidationError("'\(path)' is not a workload folder or an answer file under reviews/")
      }
      named.insert(parts[1])
      if parts.count == 3, parts[2].hasSuffix(".md"), parts[2] != "workload.md" {
        scope.releases[parts[1], default: []].insert(String(parts[2].dropLast(3)))
      }
    }
    scope.explicit = named
    if let changedSince {
      let changed: [String]
      let base: String
      do {
        base = try Git.mergeBase(changedSince, in: root)
        changed = try Git.changedFiles(since: base, in: root)
      } catch let failure as Git.Failure {
        throw ValidationError(failure.description)
      }
      // A change to the question set or the policy can change every verdict.
      if changed.contains(where: { $0.hasPrefix("questions/") || $0 == "pillar.yml" }) {
        return CheckScope(
          workloads: named.isEmpty ? nil : named, releases: scope.releases, explicit: named, base: base,
          rulesChanged: true)
      }
      return CheckScope(
        workloads: named.union(Self.workloads(touchedBy: changed)), releases: scope.releases, explicit: named,
        base: base)
    }
    scope.workloads = named.isEmpty ? nil : named
    return scope
  }

  /// The workloads whose folders hold any of the changed paths (relative to the workbook).
  static func workloads(touchedBy changed: [String]) -> Set<String> {
    Set(
      changed.compactMap { path in
        let parts = path.split(separator: "/")
        return parts.count >= 3 && parts[0] == "reviews" ? String(parts[1]) : nil
      })
  }

  /// Whether a diagnostic at `path` belongs to this check: the shared files always do.
  func covers(path: String) -> Bool {
    guard let workloads else { return true }
    let parts = path.split(separator: "/")
    guard parts.count >= 2, parts[0] == "reviews" else { return true }
    return workloads.contains(String(parts[1]))
  }
}
