import Foundation
import PillarDiagnostics
import PillarModel

/// The evidence a command holds the answers against: the files of `pillar.yml`'s `evidence:`
/// (inside the workbook) and those given with `--evidence` (anywhere).
package enum EvidenceFiles {
  package static func load(root: URL, configured: [String], given: [String], set: QuestionSet) -> (
    EvidenceIndex, [Diagnostic]
  ) {
    let files =
      configured.map { (root.appendingPathComponent($0).path, $0) }
      + given.map { ($0, URL(fileURLWithPath: $0).lastPathComponent) }
    guard !files.isEmpty else { return (EvidenceIndex(), []) }
    let practices = Set(set.questions.flatMap(\.practices).map(\.id))
    return ProwlerEvidence.read(files.map { (path: $0.0, name: $0.1) }, practices: practices)
  }
}
