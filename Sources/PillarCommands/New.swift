import ArgumentParser
import Foundation
import PillarDiagnostics
import PillarLoad
import PillarModel

struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Scaffold the next answer file of a workload, a new workload, or an incident review.",
    discussion: """
      For a workload with reviews, writes reviews/<workload>/<release>.md with every practice of every question \
      as a checklist item, the latest release's answers, notes, open improvements and live acceptances carried \
      forward. The release defaults to the latest one's last number plus one. For a new workload, also writes \
      workload.md (give --owner and --classification) and a first answer file with every practice unticked. \
      With --incident <id>, writes incidents/<id>.md, a blameless post-incident review (docs/format.md). \
      Existing files are never overwritten.
      """)

  @OptionGroup var workbook: WorkbookOptions

  @Argument(
    help: "The workload id: its folder name under reviews/ (with --incident: the workload involved).",
    completion: Completion.workloads)
  var workload: String?

  @Option(help: ArgumentHelp("Scaffold incidents/<id>.md, a blameless post-incident review.", valueName: "id"))
  var incident: String?

  @Option(help: "The release name of the new answer file.")
  var release: String?

  @Option(help: "For a new workload: its display name (default: the id).")
  var name: String?

  @Option(help: "For a new workload: the owning team or person.")
  var owner: String?

  @Option(help: "For a new workload: its data classification level.", completion: Completion.levels)
  var classification: String?

  @Flag(name: .shortAndLong, help: "Print nothing but errors.")
  var quiet = false

  @Option(parsing: .upToNextOption, help: "Reviewers of the new release (default: the previous release's).")
  var reviewers: [String] = []

  func run() throws {
    let root = URL(fileURLWithPath: workbook.root)
    let environment = ProcessInfo.processInfo.environment
    if let incident {
      return try newIncident(incident, root: root, environment: environment)
    }
    guard let workload else {
      throw ValidationError("give the workload id, or --incident <id> for an incident review")
    }
    if let problem = Identifier.problem(workload) {
      throw ValidationError("'\(workload)' is not a valid workload id: \(problem)")
    }
    let checked = try CheckedWorkbook.load(
      root: root, date: workbook.date, environment: environment, jobs: workbook.threads)
    let set = checked.workbook.questionSet
    let folder = root.appendingPathComponent("reviews/\(workload)")
    let existing = checked.evaluation.workloads.first { $0.workload.id == workload }
    let reviewed = today(checked, environment: environment)

    var written: [String] = []
    let releaseName: String
    if let existing {
      guard let latest = existing.workload.latest else {
        releaseName = release ?? "1"
        try write(
          Scaffold.answerFile(
            release: releaseName, reviewed: reviewed, reviewers: reviewers.isEmpty ? ["TODO"] : reviewers, set: set,
            previous: nil), to: folder, name: "\(releaseName).md", written: &written)
        return finish(written)
      }
      guard let next = release ?? Scaffold.nextRelease(after: latest.release) else {
        throw ValidationError("cannot guess the release after '\(latest.release)'; give --release")
      }
      releaseName = next
      let text = Scaffold.answerFile(
        release: next, reviewed: reviewed, reviewers: reviewers.isEmpty ? latest.reviewers : reviewers, set: set,
        previous: existing)
      try write(text, to: folder, name: "\(next).md", written: &written)
    } else {
      let levels = set.levels.map(\.id)
      guard let owner, let classification else {
        throw ValidationError(
          "'\(workload)' is a new workload: give --owner and --classification (\(levels.joined(separator: ", ")))")
      }
      guard levels.contains(classification) else {
        throw ValidationError(
          "classification '\(classification)' is not a level\(Suggestion.didYouMean(classification, in: levels)); levels are \(levels.joined(separator: ", "))"
        )
      }
      releaseName = release ?? "1.0"
      try write(
        Scaffold.profile(name: name ?? workload, owner: owner, classification: classification), to: folder,
        name: "workload.md", written: &written)
      let text = Scaffold.answerFile(
        release: releaseName, reviewed: reviewed, reviewers: reviewers.isEmpty ? [owner] : reviewers, set: set,
        previous: nil)
      try write(text, to: folder, name: "\(releaseName).md", written: &written)
      try addOwner(owner, workload: workload, root: root)
    }
    finish(written)
  }

  /// A new review or incident is written today: by the clock, unless a date is given for
  /// reproducible output.
  private func today(_ checked: CheckedWorkbook, environment: [String: String]) -> String {
    workbook.date != nil || environment["SOURCE_DATE_EPOCH"] != nil
      ? checked.buildDate.day : BuildDate.format(seconds: Int(Date().timeIntervalSince1970))
  }

  private func newIncident(_ id: String, root: URL, environment: [String: String]) throws {
    if let problem = Identifier.problem(id) { throw ValidationError("'\(id)' is not a valid incident id: \(problem)") }
    let checked = try CheckedWorkbook.load(
      root: root, date: workbook.date, environment: environment, jobs: workbook.threads)
    let known = checked.workbook.workloads.map(\.id)
    if let workload, !known.contains(workload) {
      throw ValidationError(
        "workload '\(workload)' does not exist under reviews/\(Suggestion.didYouMean(workload, in: known))")
    }
    let folder = root.appendingPathComponent("incidents")
    let url = folder.appendingPathComponent("\(id).md")
    guard !FileManager.default.fileExists(atPath: url.path) else {
      throw ValidationError("\(url.path) exists already; pillar new never overwrites a file")
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let text = Scaffold.incident(workload: workload, today: today(checked, environment: environment))
    try Data(text.utf8).write(to: url, options: .withoutOverwriting)
    guard !quiet else { return }
    print("wrote incidents/\(id).md")
    print("next: replace each TODO, name the practices that helped and contributed, then run 'pillar check'")
  }

  /// A new workload's folder goes to its owner in CODEOWNERS, when the workbook has one.
  private func addOwner(_ owner: String, workload: String, root: URL) throws {
    let url = root.appendingPathComponent(".github/CODEOWNERS")
    guard let existing = try? String(contentsOf: url, encoding: .utf8) else { return }
    let line = "/reviews/\(workload)/ \(owner.hasPrefix("@") ? owner : "@" + owner)"
    guard !existing.split(separator: "\n").contains(where: { $0 == line }) else { return }
    try Data(((existing.hasSuffix("\n") || existing.isEmpty ? existing : existing + "\n") + line + "\n").utf8)
      .write(to: url)
  }

  private func finish(_ written: [String]) {
    guard !quiet else { return }
    for path in written { print("wrote \(path)") }
    print(
      "next: replace each TODO, mark each practice [x], [ ] or [n/a], then run 'pillar check \(written.first.map { ($0 as NSString).deletingLastPathComponent } ?? "")'"
    )
  }

  private func write(_ text: String, to folder: URL, name: String, written: inout [String]) throws {
    if let problem = Identifier.problem(String(name.dropLast(3))) {
      throw ValidationError("'\(name.dropLast(3))' is not a valid release name: \(problem)")
    }
    let url = folder.appendingPathComponent(name)
    guard !FileManager.default.fileExists(atPath: url.path) else {
      throw ValidationError("\(url.path) exists already; pillar new never overwrites a file")
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url, options: .withoutOverwriting)
    written.append("reviews/\(workload ?? "")/\(name)")
  }
}
