import Foundation
import PillarFuzzTargets
import Testing

/// Replays every input the fuzzer ever crashed on (Fuzz/Crashers/<target>/) and a set of nasty
/// seeds through the same checks the fuzz targets run, so a fixed crash stays fixed.
@Suite struct FuzzRegressionTests {
  static let crashers = Repo.root.appendingPathComponent("Fuzz/Crashers")

  static let seeds: [String] = [
    "", "---", "---\n", "---\n---", "\u{FEFF}---\r\n---\r\n", "---\n: :\n---\n## \n- [", "---\nrelease: [\n---",
    "---\na: &x [*x]\n---", "---\n" + String(repeating: "[", count: 5000) + "\n---", "---\n!!binary x: y\n---",
    "---\nrelease: \"1\"\nreviewed: 2026-01-01\nreviewers: [a]\n---\n## Q01\n- [n/a] Q01-BP02 Rotate credentials: keys\n- [x]\n- [\n",
    "## Q01\n" + String(repeating: "- ", count: 3000) + "[x] Q01-BP01", "[a](java\tscript:x)", "<javascript:x>",
    "![i](vbscript:x \"t\")", "[c]: data:text/html;base64,xx\n[d][c]", "CON.txt", "../..", "a/b", "\u{0}",
    "---\n# only a comment\n---\n## Q01\n",
  ]

  @Test func keptCrashersNoLongerCrash() throws {
    for target in FuzzTargets.names {
      let folder = Self.crashers.appendingPathComponent(target)
      for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasPrefix(".") {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        FuzzTargets.run(target, bytes)
      }
    }
  }

  @Test(arguments: FuzzTargets.names)
  func seedsPassEveryTarget(_ target: String) {
    for seed in Self.seeds { FuzzTargets.run(target, Array(seed.utf8)) }
  }
}
