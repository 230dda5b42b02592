import ArgumentParser
import Foundation
import PillarDiagnostics
import PillarLoad
import PillarModel
import PillarScoring

extension DiffFormat: ExpressibleByArgument {}

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show how a workload's posture changed between two releases.",
    discussion: """
      pillar diff <workload>               the latest release against the one before
      pillar diff <workload> <from> <to>   any two releases
      pillar diff --against <revision>     every workload whose answers differ from those at a git revision \
      (the latest release there against the latest in the working tree), as a pull request check would

      New high risks and regressions come first. --format markdown prints a pull request comment; \
      --format json prints the schema in docs/diff.md. Exits 0, or 2 on invalid input.
      """)

  @OptionGroup var workbook: WorkbookOptions

  @Argument(help: "The workload (its folder name under reviews/).", completion: Completion.workloads)
  var workload: String?

  @Argument(help: "The release to compare from.")
  var from: String?

  @Argument(help: "The release to compare to.")
  var to: String?

  @Option(
    help: ArgumentHelp(
      "Compare the working tree's answer files with those at this git revision.", valueName: "revision"))
  var against: String?

  @Option(help: "Output format: text, markdown or json.")
  var format: DiffFormat = .text

  func validate() throws {
    if against != nil && workload != nil { throw ValidationError("give either a workload or --against, not both") }
    if against == nil && workload == nil {
      throw ValidationError("name a workload, or compare with --against <revision>")
    }
    if from != nil && to == nil { throw ValidationError("give both releases to compare, or neither") }
  }

  func run() throws {
    let root = URL(fileURLWithPath: workbook.root)
    let environment = ProcessInfo.processInfo.environment
    let report: DiffReport
    if let against {
      // Only the workloads the change touched can differ, and only their latest releases are
      // compared: neither side reads a workload's history (3,000 answer files read twice took
      // 3.9 s for 300 workloads of ten releases).
      let base: String
      let touched: Set<String>?
      do {
        base = try Git.mergeBase(against, in: root)
        let changed = try Git.changedFiles(since: base, in: root)
        touched = changed.contains { $0.hasPrefix("questions/") } ? nil : CheckScope.workloads(touchedBy: changed)
      } catch let failure as Git.Failure {
        throw ValidationError(failure.description)
      }
      let current = try CheckedWorkbook.load(
        root: root, date: workbook.date, environment: environment, only: touched, latestOnly: true,
        jobs: workbook.threads)
      try Diff.stopOnErrors(current)
      report = try Diff.against(
        against, base: base, current: current, root: root, date: current.evaluation.today, environment: environment,
        only: touched)
    } else {
      let current = try CheckedWorkbook.load(
        root: root, date: workbook.date, environment: environment, jobs: workbook.threads)
      try Diff.stopOnErrors(current)
      report = try Diff.releases(of: workload ?? "", from: from, to: to, in: current)
    }
    print(try format.render(report, siteURL: ProjectConfig.load(root: root).0.siteURL), terminator: "")
  }

  static func stopOnErrors(_ checked: CheckedWorkbook) throws {
    guard checked.diagnostics.hasErrors else { return }
    for diagnostic in checked.diagnostics { FileHandle.standardError.write(Data((diagnostic.formatted + "\n").utf8)) }
    throw ExitCode(2)
  }

  static func releases(of id: String, from: String?, to: String?, in checked: CheckedWorkbook) throws -> DiffReport {
    guard let result = checked.evaluation.workloads.first(where: { $0.workload.id == id }) else {
      let names = checked.evaluation.workloads.map(\.workload.id)
      throw ValidationError(
        "no workload '\(id)'\(Suggestion.didYouMean(id, in: names)); workloads: \(names.joined(separator: ", "))"
      )
    }
    let releases = result.workload.reviews.map(\.release)
    func index(_ release: String) throws -> Int {
      guard let index = releases.firstIndex(of: release) else {
        throw ValidationError("\(id) has no release '\(release)'; releases: \(releases.joined(separator: ", "))")
      }
      return index
    }
    let (old, new): (Int, Int)
    if let from, let to {
      (old, new) = (try index(from), try index(to))
    } else {
      guard releases.count >= 2 else {
        throw ValidationError("\(id) has \(releases.count) release\(releases.count == 1 ? "" : "s"); a diff needs two")
      }
      (old, new) = (releases.count - 2, releases.count - 1)
    }
    let delta = Delta.between(
      result.scorecards[old], result.scorecards[new], oldReview: result.workload.reviews[old],
      newReview: result.workload.reviews[new])
    return DiffReport(base: releases[old], deltas: [DiffReport.WorkloadDelta(delta, workload: result.workload)])
  }

  /// Answer files at `revision` against the working tree, both scored with the working tree's
  /// question set, so the comparison is about answers alone.
  static func against(
    _ revision: String, base commit: String, current: CheckedWorkbook, root: URL, date: String,
    environment: [String: String], only: Set<String>?
  ) throws -> DiffReport {
    // Each compared workload's profile and latest answer file at the base, read from git into
    // memory and scored with the working tree's question set (so the comparison is about
    // answers alone): nothing is written to disk, where creating files can cost seconds.
    let base: BaseReviews
    let files: [String: [UInt8]]
    do {
      base = try BaseReviews.list(at: commit, in: root, only: only)
      files = try base.contents(of: base.everyFile)
    } catch let failure as Git.Failure {
      throw ValidationError(failure.description)
    }
    let set = current.workbook.questionSet
    let policy = current.evaluation.policy
    var old: [String: Evaluation.WorkloadResult] = [:]
    for folder in base.folders.values {
      let (workload, _) = WorkbookLoader.loadWorkload(folder: folder, set: set) { path in
        files[path].map { InputFile.Contents.bytes($0) } ?? .unreadable
      }
      if let workload { old[folder.id] = Evaluator.evaluate(workload, in: set, today: date, policy: policy) }
    }
    var deltas: [DiffReport.WorkloadDelta] = []
    for result in current.evaluation.workloads {
      guard let card = result.latest, let review = result.workload.latest else { continue }
      guard let old = old[result.workload.id], let oldCard = old.latest, let oldReview = old.workload.latest
      else {
        deltas.append(DiffReport.WorkloadDelta(new: card, workload: result.workload))
        continue
      }
      let delta = DiffReport.WorkloadDelta(
        Delta.between(oldCard, card, oldReview: oldReview, newReview: review), workload: result.workload)
      if !delta.isEmpty { deltas.append(delta) }
    }
    return DiffReport(base: revision, deltas: deltas)
  }
}
