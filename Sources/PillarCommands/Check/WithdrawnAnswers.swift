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
    let before = try BaseReviews.list(at: base, in: root, only: Set(workloads.map(\.id)))
    let files = try before.contents(of: before.folders.values.flatMap(\.answers))
    var found: [String: [String]] = [:]
    for workload in workloads {
      guard let latest = workload.latest, let path = before.folders[workload.id]?.answers.first,
        let bytes = files[path]
      else { continue }
      let release = String((path as NSString).lastPathComponent.dropLast(3))
      let (review, _) = WorkbookLoader.parseAnswerFile(
        String(decoding: bytes, as: UTF8.self), path: path, workloadID: workload.id, release: release, titles: [:])
      let answered = Set((review?.answers ?? []).map(\.questionID))
      let withdrawn = answered.subtracting(latest.answers.map(\.questionID)).sorted()
      if !withdrawn.isEmpty { found[workload.id] = withdrawn }
    }
    return found
  }
}
