import Foundation
import PillarDiagnostics
import PillarModel
import PillarParallel

/// Which files make up a workbook, found by walking `questions/` and `reviews/` in sorted order.
/// Symbolic links are never followed: a workbook must not reach files outside itself.
package struct Inventory: Sendable {
  package struct WorkloadFolder: Sendable {
    package var id: String
    package var profile: String?
    /// Answer files (relative paths), sorted by name.
    package var answers: [String]
    /// `threat-model.md`: the workload's own threats, when it has them.
    package var threatModel: String?

    package init(id: String, profile: String?, answers: [String], threatModel: String? = nil) {
      self.id = id
      self.profile = profile
      self.answers = answers
      self.threatModel = threatModel
    }
  }

  package var root: URL
  package var lens: String?
  package var classification: String?
  package var mappings: String?
  package var frameworks: String?
  package var objectives: [String] = []
  package var threatModels: [String] = []
  package var questions: [String] = []
  package var workloads: [WorkloadFolder] = []
  /// `incidents/*.md`: post-incident reviews (optional folder).
  package var incidents: [String] = []
  package var diagnostics: [Diagnostic] = []

  static let ignoredNames: Set<String> = ["README.md", "readme.md"]

  /// - Parameter only: when given, the workloads to read; the others are not even listed, so a
  ///   check of one workload costs the same in a workbook of ten or ten thousand.
  /// - Parameter latestOnly: list only each workload's latest answer file (by release order),
  ///   for commands that compare latest releases and need not read a workload's history.
  package static func discover(root: URL, only: Set<String>? = nil, latestOnly: Bool = false) -> Inventory {
    var inventory = Inventory(root: root)
    for folder in ["questions", "reviews", "questions/objectives", "questions/threat-models", "incidents"] {
      let type =
        (try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(folder).path))?[.type]
        as? FileAttributeType
      if type == .typeSymbolicLink {
        inventory.diagnostics.append(
          .error(
            "symlink",
            "'\(folder)' is a symbolic link; links are not followed, so a workbook cannot read files outside itself",
            at: SourceLocation(path: folder)))
        return inventory
      }
    }
    let questions = inventory.markdownFiles(in: "questions", required: true)
    for path in questions {
      switch (path as NSString).lastPathComponent {
      case "lens.md": inventory.lens = path
      case "classification.md": inventory.classification = path
      case "mappings.md": inventory.mappings = path
      case "frameworks.md": inventory.frameworks = path
      default: inventory.questions.append(path)
      }
    }
    for (name, what) in [
      ("lens.md", "the question set's id, name and version"), ("classification.md", "the classification levels"),
    ]
    where !questions.contains("questions/\(name)") {
      inventory.diagnostics.append(
        .error(
          "missing-file", "questions/\(name) is missing; it holds \(what)",
          at: SourceLocation(path: "questions/\(name)")))
    }
    inventory.objectives = inventory.markdownFiles(in: "questions/objectives", required: false)
    inventory.threatModels = inventory.markdownFiles(in: "questions/threat-models", required: false)
    inventory.incidents = inventory.markdownFiles(in: "incidents", required: false)
    let folders: [Entry]
    if let only {
      folders = only.sorted().compactMap { id in
        var isDirectory: ObjCBool = false
        let path = "reviews/\(id)"
        guard Identifier.problem(id) == nil,
          FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory),
          isDirectory.boolValue
        else { return nil }
        return Entry(name: id, path: path, isDirectory: true)
      }
    } else {
      folders = inventory.entries(in: "reviews", required: true)
    }
    for folder in folders where !folder.isDirectory && !Inventory.ignoredNames.contains(folder.name) {
      inventory.diagnostics.append(
        .warning(
          "ignored-file",
          "'\(folder.path)' is not read: reviews/ holds one folder per workload; move it into a workload's folder or remove it",
          at: SourceLocation(path: folder.path)))
    }
    for folder in folders where folder.isDirectory {
      let entries = inventory.entries(in: folder.path, required: true)
      for entry in entries where entry.isDirectory || !entry.name.hasSuffix(".md") {
        let fix =
          entry.isDirectory
          ? "it is a folder; answer files are files named <release>.md"
          : entry.name.lowercased().hasSuffix(".md")
            ? "answer files end in '.md'; rename it to '\(entry.name.dropLast(3)).md'"
            : "only workload.md and <release>.md files are read; remove it or rename it"
        inventory.diagnostics.append(
          .warning("ignored-file", "'\(entry.path)' is not read: \(fix)", at: SourceLocation(path: entry.path)))
      }
      let files = entries.filter {
        !$0.isDirectory && $0.name.hasSuffix(".md") && !Inventory.ignoredNames.contains($0.name)
      }
      .map(\.path)
      let profile = "\(folder.path)/workload.md"
      if !files.contains(profile) {
        inventory.diagnostics.append(
          .error(
            "missing-profile",
            "workload folder '\(folder.name)' has no workload.md; add one with name, owner and classification",
            at: SourceLocation(path: folder.path)))
      }
      let threatModel = "\(folder.path)/threat-model.md"
      var answers = files.filter { $0 != profile && $0 != threatModel }
      if latestOnly { answers = Self.latestAnswer(answers).map { [$0] } ?? [] }
      inventory.workloads.append(
        WorkloadFolder(
          id: folder.name, profile: files.contains(profile) ? profile : nil, answers: answers,
          threatModel: files.contains(threatModel) ? threatModel : nil))
    }
    return inventory
  }

  /// Every workload folder's id under `reviews/`, whatever a command reads: incident reviews may
  /// name any of them.
  package static func workloadIDs(root: URL) -> [String] {
    var inventory = Inventory(root: root)
    return inventory.entries(in: "reviews", required: false).filter(\.isDirectory).map(\.name)
  }

  /// The latest of a workload's answer files by release order (answer files with an invalid
  /// release name are not releases), or nil when there is none.
  package static func latestAnswer(_ paths: [String]) -> String? {
    let release = { (path: String) in String((path as NSString).lastPathComponent.dropLast(3)) }
    return paths.filter { Identifier.problem(release($0)) == nil }
      .max { ReleaseOrder.compare(release($0), release($1)) < 0 }
  }

  private struct Entry {
    var name: String
    var path: String
    var isDirectory: Bool
  }

  private mutating func entries(in folder: String, required: Bool) -> [Entry] {
    let url = root.appendingPathComponent(folder)
    // `readdir` with each entry's type, not FileManager's listing and an `lstat` per entry: both
    // showed on workbooks of ten thousand files.
    guard let found = FolderEntries.of(url.path) else {
      if required {
        diagnostics.append(
          .error(
            "missing-folder",
            "folder '\(folder)' is missing or cannot be read; run pillar in the workbook or point --root at it",
            at: SourceLocation(path: folder)))
      }
      return []
    }
    return found.sorted { $0.name < $1.name }.compactMap { name, kind in
      if name.hasPrefix(".") { return nil }
      let path = "\(folder)/\(name)"
      if kind == .link {
        diagnostics.append(
          .warning(
            "symlink", "'\(path)' is a symbolic link; links are not followed, so it is skipped",
            at: SourceLocation(path: path)))
        return nil
      }
      return Entry(name: name, path: path, isDirectory: kind == .folder)
    }
  }

  private mutating func markdownFiles(in folder: String, required: Bool) -> [String] {
    entries(in: folder, required: required)
      .filter { !$0.isDirectory && $0.name.hasSuffix(".md") && !Inventory.ignoredNames.contains($0.name) }
      .map(\.path)
  }
}
