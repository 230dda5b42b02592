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
