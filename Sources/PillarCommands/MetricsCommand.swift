import ArgumentParser
import Foundation
import PillarMetrics
import PillarRecords

extension Period.Granularity: ExpressibleByArgument {}

struct MetricsCommand: ParsableCommand {
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
    case csv
  }

  static let configuration = CommandConfiguration(
    commandName: "metrics",
    abstract: "Figures over time for leadership: time to close risks, review cadence, gate pass rate, coverage.",
    discussion: """
      Each figure per month (or quarter) and now, and now by classification level and by owner, \
      from the answer files' reviewed dates and states: docs/metrics.md defines every one. JSON \
      follows docs/schemas/pillar-metrics-1.schema.json; CSV has one row per period and group. \
      The site's metrics page shows the same figures. Exits 0, or 2 on invalid input.
      """)

  @OptionGroup var workbook: WorkbookOptions

  @OptionGroup var findings: EvidenceOptions

  @Option(help: "text, json or csv.")
  var format: Format = .text

  @Option(help: "month or quarter: the length of each period.")
  var by: Period.Granularity = .month

  func run() throws {
    let checked = try CheckedWorkbook.load(
      root: URL(fileURLWithPath: workbook.root), date: workbook.date, environment: ProcessInfo.processInfo.environment,
      evidence: findings.evidence, jobs: workbook.threads)
    try Diff.stopOnErrors(checked)
    let report = Metrics.report(Organisation(checked.evaluation), by: by)
    switch format {
    case .text: print(report.text(), terminator: "")
    case .json: print(try report.json(), terminator: "")
    case .csv: print(report.csv(), terminator: "")
    }
  }
}
