import ArgumentParser
import Foundation
import PillarDiagnostics
import PillarLoad
import PillarPipeline
import PillarSite
import Synchronization

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build the static site from the workbook.",
    discussion: """
      Validates the workbook, scores every release and writes the site. The site is written beside \
      the output folder and swapped in whole: when the input is invalid or the build fails, the \
      previous site stays as it was. The output folder must be new, empty, or a site pillar built; \
      it may not be the workbook, an input folder, the home folder or /.
      """)

  @OptionGroup var workbook: WorkbookOptions

  @Option(
    name: .shortAndLong, help: ArgumentHelp("Where to write the site. Default: <root>/site.", valueName: "path"),
    completion: .directory)
  var output: String?

  @Option(
    name: .long, help: ArgumentHelp("The templates folder. Default: <root>/templates.", valueName: "path"),
    completion: .directory)
  var templates: String?

  @Flag(
    name: .long,
    help: ArgumentHelp(
      "Skip the check that templates escape every value. Only for testing the site's defences; never publish such a site."
    ))
  var uncheckedTemplates = false

  @Flag(help: "Print how long each stage took, on standard error.")
  var timings = false

  @OptionGroup var findings: EvidenceOptions

  @Flag(name: .shortAndLong, help: "Print only problems, not the summary line.")
  var quiet = false

  func run() throws {
    let console = Console()
    let started = Date()
    let root = URL(fileURLWithPath: workbook.root)
    let outputURL = output.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("site")
    let templatesURL = templates.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("templates")
    let progress = Progress(console: console)

    progress.show("building")
    let outcome: SiteBuilder.Outcome
    do {
      var builder = SiteBuilder(
        root: root, output: outputURL, templatesFolder: templatesURL, date: workbook.date,
        environment: ProcessInfo.processInfo.environment, checkEscaping: !uncheckedTemplates, jobs: workbook.threads,
        progress: { done, total in progress.show("building: \(done) of \(total) workloads") },
        waiting: { [path = outputURL.path] in
          FileHandle.standardError.write(Data("waiting for another pillar build into \(path) to finish…\n".utf8))
        }
      )
      builder.evidence = findings.evidence
      outcome = try builder.build()
    } catch let refusal as OutputFolder.Refusal {
      progress.clear()
      console.err("error: \(refusal)")
      throw ExitCode(2)
    } catch let error as DateError {
      progress.clear()
      throw ValidationError(error.description)
    } catch {
      progress.clear()
      console.err("error: the site could not be written: \(readable(error))")
      throw ExitCode(70)
    }
    progress.clear()
    for diagnostic in outcome.diagnostics { console.err(diagnostic.formatted) }
    if timings {
      for (stage, seconds, peak) in outcome.timings {
        let memory = peak.map { ", peak \($0 >> 20) MiB" } ?? ""
        console.err("\(stage): \(String(format: "%.3f", seconds)) s\(memory)")
      }
    }
    guard !outcome.diagnostics.hasErrors else {
      console.err("error: \(outcome.diagnostics.errorCount) error(s); the site was not written")
      throw ExitCode(2)
    }
    let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
    let asOf = "posture as of \(outcome.buildDate.day) (\(outcome.buildDate.origin))"
    let warnings = outcome.diagnostics.warningCount
    guard !quiet else { return }
    if outcome.wrote {
      console.out(
        "built \(outputURL.path): \(outcome.workloads) workloads, \(outcome.releases) releases, \(outcome.pages) pages written (\(outcome.rebuilt) workloads rebuilt), \(asOf), \(warnings) warnings in \(seconds) s"
      )
    } else {
      console.out(
        "\(outputURL.path) is up to date: \(outcome.workloads) workloads, \(outcome.releases) releases, nothing changed since the last build, \(asOf), \(warnings) warnings in \(seconds) s"
      )
    }
  }
}

/// Progress on a terminal for builds that take more than a moment; silent otherwise, so logs
/// and piped output stay clean. Workers report from any thread; the line is redrawn at most ten
/// times a second.
final class Progress: Sendable {
  private struct State {
    var lastDrawn = Date.distantPast
    var shown = false
  }

  private let isTerminal: Bool
  private let started = Date()
  private let state = Mutex(State())

  init(console: Console) { isTerminal = console.isTerminal }

  func show(_ text: String) {
    guard isTerminal else { return }
    state.withLock { state in
      let now = Date()
      guard now.timeIntervalSince(started) > 0.3, now.timeIntervalSince(state.lastDrawn) > 0.1 else { return }
      state.lastDrawn = now
      FileHandle.standardError.write(Data("\r\u{1B}[K\(text)…".utf8))
      state.shown = true
    }
  }

  func clear() {
    state.withLock { state in
      guard state.shown else { return }
      FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
      state.shown = false
    }
  }
}
