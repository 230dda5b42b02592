import Foundation
import PillarLoad
import PillarModel

/// Questions a change took the answer out of: answered in the workload's latest release at the
/// base commit, unanswered in its latest release now. Under a policy that lets unanswered
/// questions pass, deleting a failing section would otherwise pass a change-scoped check; taking
/// an answer out is a regression under every policy.
enum WithdrawnAnswers {
  /// For each workload (by id) whose latest release answers fewer questions than at `base`, the
  /// question ids no longer answered.
  static func find(since base: String, root: URL, workloads: [Workload]) throws -> [String: [String]] {
    let prefix = try Git.prefix(of: root)
    var found: [String: [String]] = [:]
    for workload in workloads {
      guard let latest = workload.latest else { continue }
      let folder = "\(prefix)reviews/\(workload.id)/"
      let listing = try Git.run(["ls-tree", "--name-only", "--full-name", base, "--", folder], in: root)
      let releases = listing.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        .filter { $0.hasSuffix(".md") && !$0.hasSuffix("/workload.md") }
        .map { String($0.dropFirst(folder.count).dropLast(3)) }
        .filter { Identifier.problem($0) == nil }
      guard let previous = releases.max(by: { ReleaseOrder.compare($0, $1) < 0 }) else { continue }
      let bytes = try Git.run(["show", "\(base):\(folder)\(previous).md"], in: root)
      let (review, _) = WorkbookLoader.parseAnswerFile(
        String(decoding: bytes, as: UTF8.self), path: "\(folder)\(previous).md", workloadID: workload.id,
        release: previous, titles: [:])
      let before = Set((review?.answers ?? []).map(\.questionID))
      let now = Set(latest.answers.map(\.questionID))
      let withdrawn = before.subtracting(now).sorted()
      if !withdrawn.isEmpty { found[workload.id] = withdrawn }
    }
    return found
  }
}
