import ArgumentParser
import Foundation
import PillarLoad

/// What the shell completes (`pillar --generate-completion-script bash|zsh|fish`): workload ids
/// and classification levels read from the workbook in the current folder, paths as paths.
enum Completion {
  static let workloads = CompletionKind.custom { _, _, _ in
    Inventory.discover(root: URL(fileURLWithPath: ".")).workloads.map(\.id)
  }

  static let levels = CompletionKind.custom { _, _, _ in
    let root = URL(fileURLWithPath: ".")
    return WorkbookLoader.loadQuestionSet(root: root, inventory: Inventory.discover(root: root)).0.levels.map(\.id)
  }
}
