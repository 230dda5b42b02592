import ArgumentParser
import Foundation
import PillarModel
import PillarParallel

/// The `pillar` command. Exit codes: 0 success, 1 the path-to-production gate failed, 2 invalid
/// input, 64 a usage error, 70 an internal fault.
package struct Pillar: ParsableCommand {
  package static let configuration = CommandConfiguration(
    commandName: "pillar",
    abstract: "Compile a security review workbook kept in git into a static site.",
    discussion: """
      A workbook holds questions/ (the question set), reviews/<workload>/ (a profile and one \
      answer file per release) and templates/ (the site's HTML templates and assets). \
      See docs/format.md for the file formats.

      EXIT STATUS
        0   success: input is valid (and, for check, every workload passes the gate)
        1   the path-to-production gate failed for at least one workload
        2   invalid input: see the diagnostics printed as path:line:column
        64  the command line could not be understood
        70  an internal fault (a bug in pillar, or the output could not be written)
      """,
    version: PillarVersion.current,
    subcommands: [
      Build.self, Check.self, Diff.self, New.self, Export.self, MetricsCommand.self, Init.self, ImportLens.self,
      ExportLens.self,
    ]
  )

  package init() {}
}

extension WorkbookOptions {
  /// The workbook folder: `--root` as given, which must exist; by default the current folder or,
  /// as git finds its repository, the nearest parent holding `questions/` and `reviews/`.
  static func workbook(from path: String, given: Bool) throws -> String {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
      throw ValidationError("--root '\(path)' is not a folder")
    }
    func isWorkbook(_ url: URL) -> Bool {
      manager.fileExists(atPath: url.appendingPathComponent("questions").path)
        && manager.fileExists(atPath: url.appendingPathComponent("reviews").path)
    }
    var folder = URL(fileURLWithPath: path).standardizedFileURL
    if given || isWorkbook(folder) { return path }
    while folder.pathComponents.count > 1 {
      folder.deleteLastPathComponent()
      if isWorkbook(folder) { return folder.path }
    }
    throw ValidationError(
      "not a workbook: no questions/ and reviews/ here or in any parent folder; run pillar inside a workbook or give --root"
    )
  }
}

/// Options every subcommand that reads a workbook shares.
struct WorkbookOptions: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp("The workbook folder, holding questions/ and reviews/.", valueName: "path"),
    completion: .directory)
  var root: String = "."

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The build date (YYYY-MM-DD) that acceptances and due dates are checked against. Default: SOURCE_DATE_EPOCH, else the committer date of git HEAD (or of an uncommitted review, when later), else the latest review date.",
      valueName: "date"))
  var date: String?

  @Option(
    name: .long, help: ArgumentHelp("How many threads to parse and render on (default: one per core).", valueName: "n"))
  var jobs: Int?

  mutating func validate() throws {
    root = try Self.workbook(from: root, given: root != ".")
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  /// The threads every stage runs on: `--jobs`, else one per core.
  var threads: Int { jobs ?? Parallel.cores }
}

extension Pillar {
  /// Runs the command line and ends the process. Errors the command raises while running are
  /// printed with the name of the subcommand that failed (not the root usage line), and output
  /// that could not be written (a full disk, a closed pipe) is an internal fault, exit 70, never
  /// a silent success.
  package static func runMain() -> Never {
    var command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exit(withError: error)
    }
    let name = type(of: command)._commandName
    var status: Int32 = 0
    do {
      try command.run()
    } catch let code as ExitCode {
      status = code.rawValue
    } catch let error as ValidationError {
      FileHandle.standardError.write(
        Data("error: \(error.message)\nSee 'pillar \(name) --help'.\n".utf8))
      status = 64
    } catch {
      // Help and other requests the parser raises from `run` (its own error types) print as the
      // parser prints them; anything else escaped a command, which is a fault of Pillar's.
      if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
        fflush(nil)
        exit(withError: error)
      }
      FileHandle.standardError.write(Data("error: internal fault: \(readable(error))\n".utf8))
      status = 70
    }
    // fflush(nil) flushes every stream (naming `stdout` is refused by Swift 6's checks) and
    // fails when the rest of the output cannot be written.
    if fflush(nil) != 0 {
      let reason = String(cString: strerror(errno))
      FileHandle.standardError.write(Data("error: the output could not be written: \(reason)\n".utf8))
      status = 70
    }
    Foundation.exit(status)
  }
}

/// An error as a person reads it: Foundation's file errors by their description and the path
/// they are about, not as an `NSCocoaErrorDomain` dump.
func readable(_ error: Error) -> String {
  let error = error as NSError
  guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return "\(error)" }
  let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
  let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError).map { " (\($0.localizedDescription))" } ?? ""
  return "\(error.localizedDescription)\(underlying)\(path.map { ": \($0)" } ?? "")"
}

/// `--evidence`, which `check`, `build` and `metrics` share (docs/evidence.md).
struct EvidenceOptions: ParsableArguments {
  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Scanner findings (Prowler's OCSF JSON) to hold the answers against, besides pillar.yml's evidence.",
      valueName: "file"),
    completion: .file(extensions: ["json"]))
  var evidence: [String] = []
}
