import ArgumentParser
import Dispatch
import Foundation
import PillarDiagnostics
import PillarFormats
import PillarLoad
import PillarModel
import PillarParallel
import PillarScoring

/// `load → validate → evaluate`, shared by every subcommand that reads a workbook. Pure apart
/// from reading the files: it prints nothing and returns values, so tests call it directly.
package struct CheckedWorkbook: Sendable {
  package var root: URL
  package var workbook: Workbook
  package var diagnostics: [Diagnostic]
  package var evaluation: Evaluation
  package var config: ProjectConfig
  /// The day the check is made as of, and where it came from (see `BuildDate`).
  package var buildDate: BuildDate

  /// - Parameters:
  ///   - overrides: command-line flags, applied over `pillar.yml`'s gate policy.
  ///   - only: the workloads to read (all when nil).
  package static func load(
    root: URL, date: String?, environment: [String: String], overrides: (inout GatePolicy) -> Void = { _ in },
    only: Set<String>? = nil, latestOnly: Bool = false, evidence given: [String] = [], jobs: Int
  ) throws -> CheckedWorkbook {
    var (config, configProblems) = ProjectConfig.load(root: root)
    overrides(&config.policy)
    let loaded = WorkbookLoader.load(root: root, only: only, latestOnly: latestOnly, jobs: jobs)
    // Dated from the whole workbook even when only some workloads are read, so a scoped check,
    // a full check and a build agree on every expiry.
    let buildDate = try BuildDate.forCommand(flag: date, environment: environment, root: root)
    let reviews = loaded.workbook.workloads.flatMap(\.reviews)
    let incidents = loaded.workbook.incidents
    let incidentProblems =
      IncidentRules.check(
        incidents, set: loaded.workbook.questionSet, workloads: Inventory.workloadIDs(root: root),
        buildDate: buildDate.day)
      + loaded.workbook.workloads.flatMap { IncidentRules.reReview($0, incidents: incidents) }
    let found =
      configProblems + loaded.diagnostics + WorkbookValidator.validate(loaded.workbook)
      + BuildDate.futureReviews(reviews, buildDate: buildDate) + incidentProblems
      + config.problems(in: loaded.workbook.questionSet)
    let (evidence, evidenceProblems) = EvidenceFiles.load(
      root: root, configured: config.evidence, given: given, set: loaded.workbook.questionSet)
    let evaluation = Evaluator.evaluate(
      loaded.workbook, today: buildDate.day, policy: config.policy, evidence: evidence, jobs: jobs)
    let diagnostics =
      (found + evidenceProblems + evaluation.workloads.flatMap { EvidenceWarnings.of($0, sources: evidence.sources) })
      .sortedForOutput()
    return CheckedWorkbook(
      root: root, workbook: loaded.workbook, diagnostics: diagnostics, evaluation: evaluation, config: config,
      buildDate: buildDate)
  }
}

extension BuildDate {
  /// The build date for a command: a date that cannot be understood is a usage error (exit 64).
  static func forCommand(flag: String?, environment: [String: String], root: URL) throws -> BuildDate {
    do { return try resolve(flag: flag, environment: environment, root: root) } catch let error as DateError {
      throw ValidationError(error.description)
    }
  }
}

/// Where output for people goes, so tests can capture it.
struct Console {
  var out: (String) -> Void = { print($0) }
  var err: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
  var isTerminal: Bool = isatty(STDERR_FILENO) != 0

  /// Colour for standard output: only on a terminal, and never when NO_COLOR is set.
  static var wantsColour: Bool {
    isatty(STDOUT_FILENO) != 0 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
  }
}
