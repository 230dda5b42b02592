import ArgumentParser
import Foundation
import PillarFormats
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
    case oscalCatalog = "oscal-catalog"
    case oscalResults = "oscal-results"
  }

  static let configuration = CommandConfiguration(
    abstract: "Export scorecards as JSON or CSV, or the question set and reviews as OSCAL.",
    discussion: """
      Every workload's latest scorecard, or every release with --all-releases. JSON follows \
      docs/schemas/pillar-export-1.schema.json. CSV has one row per release, per question or per practice \
      (--rows), each with only the figures that belong to it. \
      pillar build writes the same JSON into the site under data/. oscal-catalog writes the question set \
      as an OSCAL 1.1.2 catalog; oscal-results every release (or those of --workload) as OSCAL assessment \
      results, a finding per practice (docs/oscal.md). Exits 0, or 2 on invalid input.
      """)

  @OptionGroup var workbook: WorkbookOptions

  @Option(help: "json, csv, oscal-catalog or oscal-results.")
  var format: Format = .json

  @Option(help: ArgumentHelp("For oscal-results: only this workload's releases.", valueName: "workload"))
  var workload: String?

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
    case .oscalCatalog:
      print(try OSCAL.catalog(checked.workbook.questionSet, date: checked.evaluation.today), terminator: "")
    case .oscalResults:
      if let workload, !checked.evaluation.workloads.contains(where: { $0.workload.id == workload }) {
        throw ValidationError("no workload '\(workload)' in this workbook")
      }
      print(
        try OSCAL.results(checked.evaluation, workload: workload, date: checked.evaluation.today), terminator: "")
    }
  }
}
