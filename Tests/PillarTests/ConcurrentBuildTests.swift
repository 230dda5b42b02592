import Foundation
import PillarDiagnostics
import PillarRecords
import Testing

@testable import PillarPipeline

/// Builds that meet: one build at a time per output folder, and a cache that cannot be forged.
@Suite struct ConcurrentBuildTests {
  /// Three builds into one folder at once, over a workbook large enough that they overlap: all
  /// succeed, one at a time, and the site is a clean build's, page for page.
  @Test func threeBuildsIntoOneFolderGiveTheSiteOfACleanBuild() throws {
    let workbook = temporaryFolder()
    let output = temporaryFolder()
    let clean = temporaryFolder()
    defer { for folder in [workbook, output, clean] { try? FileManager.default.removeItem(at: folder) } }
    try generateWorkbook(at: workbook, workloads: 60, releases: 3)
    let arguments = { (out: URL) in ["build", "--root", workbook.path, "--output", out.path, "--date", "2026-11-01"] }
    let processes = try (0..<3).map { _ -> (Process, Drain) in
      let process = Process()
      process.executableURL = Repo.binary
      process.arguments = arguments(output)
      let err = Pipe()
      process.standardError = err
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      // Each pipe drained on its own thread: a build blocked on a full pipe while holding the
      // output lock would keep the others waiting for ever.
      return (process, Drain(err.fileHandleForReading))
    }
    var waited = 0
    for (process, err) in processes {
      let message = String(decoding: err.wait(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(message)")
      if message.contains("waiting for another pillar build into \(output.path) to finish") { waited += 1 }
    }
    #expect(waited >= 1, "the builds overlapped and one waited for another")
    #expect(try Run.pillar(arguments(clean)).status == 0)
    #expect(try IncrementalBuildTests.tree(output) == IncrementalBuildTests.tree(clean))
    let parent = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
    #expect(!parent.contains { $0.hasPrefix(".pillar-staging-\(output.lastPathComponent)") })
  }

  /// The fingerprint is SHA-256 over each value's length and bytes (the 64-bit hash before it
  /// could be collided in a second), checked against the system's own `sha256sum`.
  @Test func fingerprintsAreSHA256() throws {
    let print = Fingerprint()
    print.add("abc")
    var input = Data([3, 0, 0, 0, 0, 0, 0, 0])
    input.append(contentsOf: Array("abc".utf8))
    let file = temporaryFolder()
    try input.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let sum = try Run.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path])
    #expect(print.value == String(sum.stdout.prefix(64)))
    #expect(print.value.count == 64)
    // Order and boundaries matter.
    let other = Fingerprint()
    other.add("ab")
    other.add("c")
    let split = Fingerprint()
    split.add("a")
    split.add("bc")
    #expect(other.value != split.value)
  }

  /// The cache's lines, written by `Entry.json` and read back by our reader, against
  /// `JSONDecoder` (which read them before): with and without diagnostics, and with text that
  /// needs escapes.
  @Test func cacheEntriesReadBackAsJSONDecoderReadsThem() throws {
    let warning = Diagnostic(
      .warning, "odd-id", "a \"quoted\" summary\nover two lines",
      at: SourceLocation(path: "reviews/a b/2026.1.md", line: 3))
    let entries = [
      BuildCache.Entry(id: "plain", fingerprint: "ab12", files: [], diagnostics: []),
      BuildCache.Entry(
        id: "with-diagnostics", fingerprint: "cd34", files: ["workloads/x/index.html", "x \"y\".html"],
        diagnostics: [warning, Diagnostic(.error, "e", "s", at: SourceLocation(path: "p"))]),
    ]
    for var entry in entries {
      entry.releases = 7
      let line = try entry.json()
      let ours = try JSONReader.read(line) { try BuildCache.Entry(reading: &$0) }
      let reference = try JSONDecoder().decode(BuildCache.Entry.self, from: Data(line))
      for read in [ours, reference] {
        #expect(read.id == entry.id && read.fingerprint == entry.fingerprint && read.files == entry.files)
        #expect(read.diagnostics == entry.diagnostics && read.releases == 7)
      }
    }
    #expect(throws: (any Error).self) {
      try JSONReader.read(Array(#"{"id":"x"}"#.utf8)) { try BuildCache.Entry(reading: &$0) }
    }
  }
}
