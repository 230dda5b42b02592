import ArgumentParser
import Foundation
import PillarDiagnostics
import PillarScoring

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Validate the workbook and run the path-to-production gate.",
    discussion: """
      Reads questions/ and reviews/, prints every problem as path:line:column: severity: summary [id], \
      then one verdict line per workload for its latest release. A release fails the gate when it has \
      a high-risk issue. Exits 0 when the input is valid and every workload passes, 1 when a workload \
      fails the gate, 2 when the input is invalid.
      """)

  @OptionGroup var workbook: WorkbookOptions

  func run() throws {
    let checked = try CheckedWorkbook.load(
      root: URL(fileURLWithPath: workbook.root), date: workbook.date, environment: ProcessInfo.processInfo.environment)
    for line in Check.report(checked) { print(line) }
    throw ExitCode(Check.exitCode(checked))
  }

  static func exitCode(_ checked: CheckedWorkbook) -> Int32 {
    if checked.diagnostics.hasErrors { return 2 }
    return checked.evaluation.workloads.contains { $0.latest?.gate.passes == false } ? 1 : 0
  }

  /// The text report: diagnostics, a verdict per workload, a closing count.
  static func report(_ checked: CheckedWorkbook) -> [String] {
    var lines = checked.diagnostics.map(\.formatted)
    let invalid = checked.diagnostics.hasErrors
    var failing = 0
    // Invalid input gets no verdicts: a workload whose files do not parse must never read as a pass.
    for result in checked.evaluation.workloads where !invalid {
      guard let card = result.latest else {
        lines.append("NONE  \(result.workload.id): no answer files")
        continue
      }
      if !card.gate.passes { failing += 1 }
      let verdict = card.gate.passes ? "PASS" : "FAIL"
      let why = card.gate.passes ? "" : "  (\(card.gate.reasons.joined(separator: ", ")))"
      lines.append(
        "\(verdict)  \(result.workload.id) \(card.release)  score \(card.score.map(String.init) ?? "n/a")  HRI \(card.highRisks)  MRI \(card.mediumRisks)  unanswered \(card.unanswered)\(why)"
      )
    }
    let counts =
      "\(checked.diagnostics.errorCount) error\(checked.diagnostics.errorCount == 1 ? "" : "s"), \(checked.diagnostics.warningCount) warning\(checked.diagnostics.warningCount == 1 ? "" : "s")"
    let workloads = checked.evaluation.workloads.count
    if invalid {
      lines.append("invalid input: \(counts); fix the errors above")
    } else {
      lines.append(
        "checked \(workloads) workload\(workloads == 1 ? "" : "s"), \(checked.evaluation.releaseCount) releases: \(counts); \(failing) failing the gate"
      )
    }
    return lines
  }
}
