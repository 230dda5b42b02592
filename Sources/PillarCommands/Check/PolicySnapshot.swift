import Foundation
import PillarLoad
import PillarScoring

/// The workbook's answers judged by the question set and `pillar.yml` of another commit: a
/// scratch workbook with `questions/` and `pillar.yml` as they were at the revision and
/// `reviews/` as they are now. A pull request that lowers a practice's risk or turns a gate
/// switch off would otherwise pass its own check; `--policy-from` judges it by its base's rules,
/// and every change-scoped check reports the verdicts such a change flips.
enum PolicySnapshot {
  static func workbook(at revision: String, root: URL) throws -> URL {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pillar-policy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    try Git.export(["questions"], at: revision, from: root, to: scratch)
    let prefix = try Git.prefix(of: root)
    if let config = try? Git.run(["show", "\(revision):\(prefix)\(ProjectConfig.fileName)"], in: root) {
      try config.write(to: scratch.appendingPathComponent(ProjectConfig.fileName))
    }
    try FileManager.default.copyItem(
      at: root.appendingPathComponent("reviews"), to: scratch.appendingPathComponent("reviews"))
    return scratch
  }

  /// One line per checked release whose verdict differs between the two rules.
  static func changes(current: CheckOutcome, other: CheckOutcome, revision: String, judgedByOther: Bool) -> [String] {
    var lines: [String] = []
    for target in current.targets {
      guard
        let match = other.targets.first(where: {
          $0.result.workload.id == target.result.workload.id && $0.card.release == target.card.release
        }), match.card.gate.passes != target.card.gate.passes
      else { continue }
      let now = target.card.gate.passes ? "passes" : "fails"
      let then = match.card.gate.passes ? "passes" : "fails"
      let judged = judgedByOther ? "judged by \(revision)'s (--policy-from)" : "judged by this change's"
      lines.append(
        "POLICY  \(target.result.workload.id) \(target.card.release): \(now) under this change's questions/ and pillar.yml, \(then) under those of \(revision); \(judged)"
      )
    }
    return lines
  }
}
