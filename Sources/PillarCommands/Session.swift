import ArgumentParser
import Dispatch
import Foundation
import PillarDiagnostics
import PillarLoad
import PillarModel
import PillarScoring

/// `load → validate → evaluate`, shared by every subcommand that reads a workbook. Pure apart
/// from reading the files: it prints nothing and returns values, so tests call it directly.
public struct CheckedWorkbook: Sendable {
  public var root: URL
  public var workbook: Workbook
  public var diagnostics: [Diagnostic]
  public var evaluation: Evaluation
  public var config: ProjectConfig

  /// - Parameters:
  ///   - overrides: command-line flags, applied over `pillar.yml`'s gate policy.
  ///   - only: the workloads to read (all when nil).
  public static func load(
    root: URL, date: String?, environment: [String: String], overrides: (inout GatePolicy) -> Void = { _ in },
    only: Set<String>? = nil
  ) throws -> CheckedWorkbook {
    var (config, configProblems) = ProjectConfig.load(root: root)
    overrides(&config.policy)
    let loaded = WorkbookLoader.load(root: root, only: only)
    let diagnostics = (configProblems + loaded.diagnostics + WorkbookValidator.validate(loaded.workbook))
      .sortedForOutput()
    let today = try BuildDate.resolve(flag: date, environment: environment, workbook: loaded.workbook)
    let evaluation = Evaluator.evaluate(loaded.workbook, today: today, policy: config.policy)
    return CheckedWorkbook(
      root: root, workbook: loaded.workbook, diagnostics: diagnostics, evaluation: evaluation, config: config)
  }
}

/// Stage timings for `--timings`: a development aid, never part of the output.
struct Stopwatch {
  private var last = DispatchTime.now()
  private(set) var laps: [(stage: String, seconds: Double)] = []

  mutating func lap(_ stage: String) {
    let now = DispatchTime.now()
    laps.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
    last = now
  }
}

/// The date a build is made as of. Never the clock, so the same inputs give the same site.
public enum BuildDate {
  public static func resolve(flag: String?, environment: [String: String], workbook: Workbook) throws -> String {
    try resolve(
      flag: flag, environment: environment,
      latestReviewed: workbook.workloads.flatMap(\.reviews).map(\.reviewed).filter(DateText.isValid).max())
  }

  public static func resolve(flag: String?, environment: [String: String], latestReviewed: String?) throws -> String {
    if let flag {
      guard DateText.isValid(flag) else { throw ValidationError("--date must be written YYYY-MM-DD, not '\(flag)'") }
      return flag
    }
    if let epoch = environment["SOURCE_DATE_EPOCH"] {
      guard let seconds = Int(epoch) else {
        throw ValidationError("SOURCE_DATE_EPOCH must be a number of seconds, not '\(epoch)'")
      }
      return format(seconds: seconds)
    }
    return latestReviewed ?? "1970-01-01"
  }

  static func format(seconds: Int) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents(
      [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
  }
}

/// Where output for people goes, so tests can capture it.
struct Console {
  var out: (String) -> Void = { print($0) }
  var err: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
  var isTerminal: Bool = isatty(STDERR_FILENO) != 0

  /// Colour for standard output: only on a terminal, and never when NO_COLOR is set.
  static var wantsColour: Bool {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }
}
