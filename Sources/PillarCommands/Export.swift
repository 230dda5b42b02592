import ArgumentParser
import Foundation
import PillarRecords
import PillarScoring

enum CSVRows: String, CaseIterable, ExpressibleByArgument {
  case release
  case question
  case practice

  var rows: ExportCSV.Rows { ExportCSV.Rows(rawValue: rawValue)! }
}

struct Export: ParsableCommand {
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case json
    case csv
  }

  static let configuration = CommandConfiguration(
    abstract: "Export scorecards as JSON or CSV for spreadsheets and dashboards.",
    discussion: """
      Every workload's latest scorecard, or every release with --all-releases. JSON follows \
      docs/schemas/pillar-export-1.schema.json. CSV has one row per release, per question or per practice \
      (--rows), each with only the figures that belong to it. \
      pillar build writes the same JSON into the site under data/. Exits 0, or 2 on invalid input.
      """)

  @OptionGroup var workbook: WorkbookOptions

  @Option(help: "json or csv.")
  var format: Format = .json

  @Flag(help: "Every release, not only the latest of each workload.")
  var allReleases = false

  @Option(help: "For CSV: one row per release, question or practice.")
  var rows: CSVRows = .practice

  func run() throws {
    let checked = try CheckedWorkbook.load(
      root: URL(fileURLWithPath: workbook.root), date: workbook.date, environment: ProcessInfo.processInfo.environment,
      jobs: workbook.threads)
    try Diff.stopOnErrors(checked)
    let records = ScorecardRecord.records(checked.evaluation, allReleases: allReleases)
    switch format {
    case .json:
      print(try ExportJSON.render(records, evaluation: checked.evaluation, jobs: workbook.threads), terminator: "")
    case .csv:
      print(ExportCSV.render(checked.evaluation, rows: rows.rows, allReleases: allReleases), terminator: "")
    }
  }
}
