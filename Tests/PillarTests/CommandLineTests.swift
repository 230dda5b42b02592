import Foundation
import Testing

/// The command line behaves: output that cannot be written is a fault, and an error names the
/// subcommand it came from.
@Suite struct CommandLineTests {
  @Test func aFailedWriteIsExit70NotSuccess() throws {
    let run = try Run.run(
      URL(fileURLWithPath: "/bin/sh"),
      [
        "-c", "exec \"$0\" check --root \"$1\" --date 2026-11-01 > /dev/full", Repo.binary.path,
        Repo.fixtures.appendingPathComponent("basic").path,
      ])
    #expect(run.status == 70)
    #expect(run.stderr.contains("error: the output could not be written: No space left on device"))
  }

  @Test func anErrorWhileRunningNamesItsSubcommand() throws {
    let bench = try Workbench()
    let run = try Run.pillar(["new", "search", "--root", bench.root.path])
    #expect(run.status == 64)
    #expect(
      run.stderr
        == "error: 'search' is a new workload: give --owner and --classification (public, internal, confidential)\nSee 'pillar new --help'.\n"
    )
  }
}

extension CommandLineTests {
  /// Like git, pillar finds the workbook from any folder inside it; outside one, and for paths
  /// that do not exist, it says so once.
  @Test func theWorkbookIsFoundFromASubfolderAndMissingPathsAreRefused() throws {
    let bench = try Workbench()
    let inside = try Run.pillar(
      ["check", "--date", "2026-11-01"], in: bench.root.appendingPathComponent("reviews/shop"))
    #expect(inside.status == 1)
    #expect(inside.stdout.contains("PASS  shop 2026.10"))
    let outside = temporaryFolder()
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: outside) }
    let none = try Run.pillar(["check"], in: outside)
    #expect(none.status == 64)
    #expect(
      none.stderr.hasPrefix(
        "Error: not a workbook: no questions/ and reviews/ here or in any parent folder; run pillar inside a workbook or give --root\n"
      ))
    let missing = try Run.pillar(["check", "--root", outside.appendingPathComponent("nope").path])
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("is not a folder"))
    let path = try Run.pillar([
      "check", "--root", bench.root.path, bench.root.appendingPathComponent("reviews/nope").path,
    ])
    #expect(path.status == 64)
    #expect(path.stderr.contains("reviews/nope' does not exist"))
  }

  @Test func colourFollowsTheFlagAndNoColor() throws {
    let fixture = Repo.fixtures.appendingPathComponent("basic").path
    let always = try Run.pillar(["check", "--root", fixture, "--date", "2026-11-01", "--color", "always"])
    #expect(always.stdout.hasPrefix("\u{1B}[1;31mFAIL\u{1B}[0m  ledger"))
    // Not a terminal: auto gives no colour, whatever NO_COLOR says.
    let auto = try Run.pillar(["check", "--root", fixture, "--date", "2026-11-01"], environment: ["NO_COLOR": ""])
    #expect(!auto.stdout.contains("\u{1B}"))
  }
}

extension CommandLineTests {
  @Test func quietPrintsOnlyWhatFails() throws {
    let bench = try Workbench()
    let run = try Run.pillar(["check", "-q", "--root", bench.root.path, "--date", "2026-11-01"])
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("FAIL  ledger 2026.1"))
    #expect(!run.stdout.contains("PASS") && !run.stdout.contains("checked "))
    try bench.remove("reviews/ledger")
    let passing = try Run.pillar(["check", "--quiet", "--root", bench.root.path, "--date", "2026-11-01"])
    #expect(passing.status == 0 && passing.stdout.isEmpty)
    let new = try Run.pillar(["new", "shop", "-q", "--root", bench.root.path, "--date", "2026-11-20"])
    #expect(new.status == 0 && new.stdout.isEmpty)
  }

  /// The shell completes workload ids and classification levels from the workbook it is in.
  @Test func completionOffersWorkloadsAndLevels() throws {
    let bench = try Workbench()
    let workloads = try Run.pillar(["---completion", "new", "--", "positional@0", "0", "0"], in: bench.root)
    #expect(workloads.stdout.split(separator: "\n") == ["ledger", "shop"])
    let levels = try Run.pillar(["---completion", "new", "--", "--classification", "0", "0"], in: bench.root)
    #expect(levels.stdout.split(separator: "\n") == ["public", "internal", "confidential"])
    let script = try Run.pillar(["--generate-completion-script", "bash"])
    #expect(script.status == 0 && script.stdout.contains("---completion new -- --classification"))
  }
}

extension CommandLineTests {
  /// `pillar init` starts a workbook repository that checks and builds, whose rules belong to the
  /// security team and whose workload folders `pillar new` gives to their owners.
  @Test func initStartsAWorkbookThatChecks() throws {
    let bench = try Workbench()
    try FileManager.default.copyItem(at: Repo.templates, to: bench.root.appendingPathComponent("templates"))
    let target = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: target) }
    let run = try Run.pillar(["init", target.path, "--root", bench.root.path, "--security-team", "@acme/security"])
    #expect(run.status == 0, "\(run.stderr)")
    for path in ["questions/lens.md", "templates/layout.mustache", "reviews/README.md", "pillar.yml"] {
      #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent(path).path), "\(path)")
    }
    let workflow = try String(
      contentsOf: target.appendingPathComponent(".github/workflows/security-review.yml"), encoding: .utf8)
    #expect(workflow.contains("--policy-from origin/${{ github.base_ref }}"))
    #expect(workflow.contains("PILLAR_VERSION: \"0.1.0\""))
    let empty = try Run.pillar(["check", "--root", target.path, "--date", "2026-11-01"])
    #expect(empty.status == 0, "\(empty.stdout)\(empty.stderr)")
    let new = try Run.pillar([
      "new", "billing", "--root", target.path, "--owner", "billing-team", "--classification", "public", "--date",
      "2026-11-01",
    ])
    #expect(new.status == 0, "\(new.stderr)")
    let owners = try String(contentsOf: target.appendingPathComponent(".github/CODEOWNERS"), encoding: .utf8)
    #expect(owners.contains("/questions/ @acme/security\n/templates/ @acme/security\n/pillar.yml @acme/security\n"))
    #expect(owners.hasSuffix("/reviews/billing/ @billing-team\n"))
    // Never over a workbook that is there.
    let again = try Run.pillar(["init", target.path, "--root", bench.root.path])
    #expect(again.status == 64)
    #expect(again.stderr.contains("is not empty; pillar init starts a workbook in a new or empty folder"))
  }
}

extension CommandLineTests {
  /// A file-system failure reads as a sentence with its path, not as a Foundation error dump.
  @Test func ioErrorsAreReadable() throws {
    let bench = try Workbench()
    let file = temporaryFolder()
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let (run, _) = try bench.build(to: file.appendingPathComponent("site"))
    #expect(run.status == 70)
    #expect(run.stderr.hasPrefix("error: the site could not be written: "), "\(run.stderr)")
    #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("UserInfo"), "\(run.stderr)")
  }
}

extension CommandLineTests {
  @Test func aBadDateIsAUsageErrorForEveryCommand() throws {
    let bench = try Workbench()
    for command in ["check", "build", "export"] {
      let run = try Run.pillar([command, "--root", bench.root.path, "--date", "2026-13-01"])
      #expect(run.status == 64, "\(command): \(run.stderr)")
      #expect(
        run.stderr.contains("--date must be a date written YYYY-MM-DD from 1970 on, not '2026-13-01'"), "\(command)")
    }
  }
}
