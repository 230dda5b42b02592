import ArgumentParser
import Foundation
import PillarDiagnostics
import PillarLoad
import PillarModel
import PillarScoring
import PillarSite

/// `--color`: `auto` follows the terminal and `NO_COLOR` (no-color.org: any non-empty value
/// turns colour off); `always` and `never` decide alone.
enum ColourChoice: String, CaseIterable, ExpressibleByArgument {
  case auto
  case always
  case never

  var wanted: Bool {
    switch self {
    case .always: true
    case .never: false
    case .auto: Console.wantsColour
    }
  }
}

enum CheckFormat: String, CaseIterable, ExpressibleByArgument {
  case text
  case json
  case github
  case sarif
}

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Validate the workbook and run the path-to-production gate.",
    discussion: """
      Reads questions/ and reviews/, reports every problem, then gives a verdict for each workload's latest \
      release (or for the answer files named). By default the gate fails closed: a release fails when it has a \
      high-risk issue or an unanswered question, and an answer file that answers no question never passes. \
      pillar.yml's gate section and the --fail-on flags make the gate stricter or looser (flags win); a looser \
      gate is named beside every verdict.

      Exits 0 when the input is valid and every workload passes, 1 when a workload fails the gate, \
      2 when the input is invalid. Invalid input is never reported as a pass.

      Formats: text (for people; colour on a terminal), json (schema docs/schemas/pillar-check-1.schema.json), \
      github (workflow commands that annotate the answer files in a pull request), sarif (SARIF 2.1.0 for code \
      scanning).
      """)

  @OptionGroup var workbook: WorkbookOptions

  @Argument(
    help: ArgumentHelp(
      "Workload folders or answer files under reviews/ to check (default: every workload).", valueName: "path"))
  var paths: [String] = []

  @Option(
    name: .customLong("workload"), help: ArgumentHelp("Check only this workload (repeatable).", valueName: "id"),
    completion: Completion.workloads)
  var workloads: [String] = []

  @Option(
    help: ArgumentHelp("Check only workloads whose files changed since this git revision.", valueName: "revision"))
  var changedSince: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The templates folder to validate as build would (default: <root>/templates, when it exists).",
      valueName: "path"))
  var templates: String?

  @Option(
    help: ArgumentHelp(
      "Judge the answers by the question set and pillar.yml of this git revision (its merge base with HEAD), as a pull request is judged by its base's rules.",
      valueName: "revision"))
  var policyFrom: String?

  @Option(
    help: ArgumentHelp(
      "Colour in the text output: auto (on a terminal, unless NO_COLOR is set), always or never.",
      valueName: "when"))
  var color: ColourChoice = .auto

  @Flag(name: .shortAndLong, help: "Text output: print only problems and failing verdicts, no passes or counts.")
  var quiet = false

  @Option(help: "Output format: text, json, github or sarif.")
  var format: CheckFormat = .text

  @Option(
    help: ArgumentHelp(
      "The published site's address, for links in SARIF output (overrides pillar.yml's site-url).", valueName: "url"))
  var siteUrl: String?

  @Flag(inversion: .prefixedNo, help: "Fail on high-risk issues (default: on).")
  var failOnHigh: Bool? = nil

  @Flag(inversion: .prefixedNo, help: "Also fail on medium-risk issues.")
  var failOnMedium: Bool? = nil

  @Flag(inversion: .prefixedNo, help: "Fail on unanswered questions (default: on).")
  var failOnUnanswered: Bool? = nil

  @Flag(inversion: .prefixedNo, help: "Fail on missing practices that the workload's classification requires.")
  var failOnMissingRequired: Bool? = nil

  @Flag(inversion: .prefixedNo, help: "Fail on expired risk acceptances.")
  var failOnExpiredAcceptances: Bool? = nil

  @Flag(inversion: .prefixedNo, help: "Fail on answer files written against an older question set version.")
  var failOnOutdatedQuestionSet: Bool? = nil

  @Flag(
    inversion: .prefixedNo,
    help: "Fail a workload whose latest review is older than its classification's review-every days.")
  var failOnOverdueReview: Bool? = nil

  @Option(
    name: .customLong("fail-on-open-threats-from"),
    help: ArgumentHelp(
      "Fail a release of a workload classified at this level or above that leaves a threat open.",
      valueName: "level"))
  var failOnOpenThreatsFrom: String? = nil

  @Option(
    name: .customLong("fail-on-accepted-required-from"),
    help: ArgumentHelp(
      "Fail a release of a workload classified at this level or above that risk-accepts a practice its classification requires.",
      valueName: "level"))
  var failOnAcceptedRequiredFrom: String? = nil

  @Flag(
    inversion: .prefixedNo,
    help:
      "Fail a release that ticks a practice with no link to its evidence, where the classification requires evidence.")
  var failOnUnevidencedPractices: Bool? = nil

  @Flag(
    inversion: .prefixedNo,
    help: "Fail a release that marks a practice implemented while a scanner check mapped to it failed.")
  var failOnContradicted: Bool? = nil

  @OptionGroup var findings: EvidenceOptions

  @Flag(inversion: .prefixedNo, help: "Fail while a follow-up action of a high or critical incident is overdue.")
  var failOnOverdueIncidentActions: Bool? = nil

  @Flag(
    inversion: .prefixedNo,
    help: "Fail the first review after an incident that leaves a contributing practice unaddressed.")
  var failOnUnaddressedIncidents: Bool? = nil

  func run() throws {
    do {
      try check()
    } catch let error as ValidationError where format == .github {
      // In a workflow, the one line that says what went wrong (a shallow clone, a revision that
      // is not there) is an annotation too, not only a log line.
      print(
        "::error title=\(CheckGitHub.property("Pillar: the check could not run"))::\(CheckGitHub.data(error.message))")
      throw error
    }
  }

  private func check() throws {
    let root = URL(fileURLWithPath: workbook.root)
    let scope = try CheckScope.resolve(workloads: workloads, paths: paths, changedSince: changedSince, root: root)
    let flags: [(Bool?, WritableKeyPath<GatePolicy, Bool>)] = [
      (failOnHigh, \.failOnHigh), (failOnMedium, \.failOnMedium), (failOnUnanswered, \.failOnUnanswered),
      (failOnMissingRequired, \.failOnMissingRequired), (failOnExpiredAcceptances, \.failOnExpiredAcceptance),
      (failOnOutdatedQuestionSet, \.failOnOutdated), (failOnOverdueReview, \.failOnOverdueReview),
      (failOnOverdueIncidentActions, \.failOnOverdueIncidentActions),
      (failOnUnaddressedIncidents, \.failOnUnaddressedIncidents), (failOnUnevidencedPractices, \.failOnUnevidenced),
      (failOnContradicted, \.failOnContradicted),
    ]
    let levels: [(String?, WritableKeyPath<GatePolicy, String?>)] = [
      (failOnOpenThreatsFrom, \.failOnOpenThreatsFrom), (failOnAcceptedRequiredFrom, \.failOnAcceptedRequiredFrom),
    ]
    let overrides = { (policy: inout GatePolicy) in
      for (value, path) in flags { if let value { policy[keyPath: path] = value } }
      for (value, path) in levels { if let value { policy[keyPath: path] = value } }
    }
    var checked = try CheckedWorkbook.load(
      root: root, date: workbook.date, environment: ProcessInfo.processInfo.environment,
      overrides: overrides,
      only: scope.workloads, evidence: findings.evidence, jobs: workbook.threads)
    var removed: [String] = []
    var withdrawn: [String: [String]] = [:]
    if let base = scope.base {
      do {
        removed = try RemovedWorkloads.find(since: base, root: root)
        withdrawn = try WithdrawnAnswers.find(
          since: base, root: root, workloads: checked.evaluation.workloads.map(\.workload))
      } catch let failure as Git.Failure {
        throw ValidationError(failure.description)
      }
    }
    // A template that would fail the publishing build fails the check too, before the merge.
    let templatesFolder = templates.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("templates")
    if templates != nil || FileManager.default.fileExists(atPath: templatesFolder.path) {
      checked.diagnostics = (checked.diagnostics + Templates.load(from: templatesFolder).1).sortedForOutput()
    }
    var outcome = try CheckOutcome(checked, scope: scope, removed: removed, withdrawn: withdrawn)
    // Rules from another commit: with --policy-from they decide; after a change to questions/ or
    // pillar.yml, the verdicts they would have given are reported beside this change's.
    let rulesRevision: String?
    do {
      rulesRevision = try policyFrom.map { try Git.mergeBase($0, in: root) } ?? (scope.rulesChanged ? scope.base : nil)
    } catch let failure as Git.Failure { throw ValidationError(failure.description) }
    if let revision = rulesRevision, outcome.isValid {
      let scratch: URL
      do { scratch = try PolicySnapshot.workbook(at: revision, root: root) } catch let failure as Git.Failure {
        throw ValidationError(failure.description)
      }
      defer { try? FileManager.default.removeItem(at: scratch) }
      let ruled = try CheckedWorkbook.load(
        root: scratch, date: checked.buildDate.day, environment: [:],
        overrides: overrides,
        only: scope.workloads, evidence: findings.evidence, jobs: workbook.threads)
      var other = try CheckOutcome(ruled, scope: scope, removed: removed, withdrawn: withdrawn)
      let name = policyFrom ?? String(revision.prefix(12))
      let changes = PolicySnapshot.changes(
        current: outcome, other: other, revision: name, judgedByOther: policyFrom != nil)
      if policyFrom != nil && other.isValid {
        // Judged by the base's rules; this change's own problems are still reported.
        other.diagnostics = outcome.diagnostics
        other.checked.diagnostics = outcome.checked.diagnostics
        outcome = other
      }
      outcome.policyChanges = changes
    }
    let siteURL = siteUrl ?? checked.config.siteURL
    let output: String
    switch format {
    case .text: output = CheckText.render(outcome, colour: color.wanted, siteURL: siteURL, quiet: quiet)
    case .json: output = try CheckJSON.render(outcome, siteURL: siteURL)
    case .github: output = CheckGitHub.render(outcome, siteURL: siteURL)
    case .sarif: output = try CheckSARIF.render(outcome, siteURL: siteURL, root: root)
    }
    print(output, terminator: "")
    // In GitHub Actions, the verdicts and what blocks them go to the run's summary page too.
    if format == .github, let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
      let summary = Data(CheckGitHub.summary(outcome, siteURL: siteURL).utf8)
      if let handle = FileHandle(forWritingAtPath: path) {
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: summary)
      } else if !FileManager.default.createFile(atPath: path, contents: summary) {
        throw ValidationError("cannot write the job summary to GITHUB_STEP_SUMMARY (\(path))")
      }
    }
    throw ExitCode(outcome.exitCode)
  }
}
