import Foundation
import Testing

/// A build killed with SIGKILL at random moments never leaves a half-written site: the output
/// folder always holds one whole site, and the next build leaves no staging folder behind.
@Suite struct InterruptedBuildTests {
  static func fileList(_ folder: URL) throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func killedBuildsLeaveTheLastGoodSite() throws {
    let workbook = temporaryFolder()
    let output = temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: workbook)
      try? FileManager.default.removeItem(at: output)
    }
    try generateWorkbook(at: workbook, workloads: 40, releases: 4)
    func build(_ date: String) -> [String] {
      ["build", "--root", workbook.path, "--output", output.path, "--date", date, "--quiet"]
    }
    let clock = ContinuousClock()
    let start = clock.now
    #expect(try Run.pillar(build("2026-01-01")).status == 0)
    let duration = clock.now - start
    let goodFiles = try Self.fileList(output)
    let goodIndex = try Data(contentsOf: output.appendingPathComponent("index.html"))
    #expect(goodFiles.contains("index.html") && goodFiles.contains(".pillar-site"))
    // The whole new site, built elsewhere: its search index's file names differ by content.
    let other = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: other) }
    #expect(
      try Run.pillar(["build", "--root", workbook.path, "--output", other.path, "--date", "2026-06-01", "--quiet"])
        .status == 0)
    let newFiles = try Self.fileList(other)

    // Kill builds of a different date at spread-out moments (fixed seed: the same moments each run).
    var generator = SeededGenerator(seed: 42)
    var killed = 0
    for _ in 0..<8 {
      let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
      let delay = Double.random(in: 0...0.9, using: &generator) * seconds
      let process = Process()
      process.executableURL = Repo.binary
      process.arguments = build("2026-06-01")
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        killed += 1
      }
      process.waitUntilExit()
      // Whatever moment it died at, the output is one whole site: the old one or the new one.
      let files = try Self.fileList(output)
      #expect(files == goodFiles || files == newFiles, "after a kill at \(delay) s the site is neither whole site")
      let index = try Data(contentsOf: output.appendingPathComponent("index.html"))
      let dated = String(decoding: index, as: UTF8.self)
      #expect(
        index == goodIndex || dated.contains("posture as of 2026-06-01"),
        "index.html is neither the old nor a whole new page")
    }
    #expect(killed > 0, "no build was still running when killed; the workbook is too small to test this")
    // The next build completes and removes what killed builds left beside the output.
    #expect(try Run.pillar(build("2026-01-01")).status == 0)
    #expect(try Data(contentsOf: output.appendingPathComponent("index.html")) == goodIndex)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
      .filter { $0.hasPrefix(".pillar-staging-\(output.lastPathComponent)") }
    #expect(leftovers == [])
  }

  @Test func theSameSiteWhateverTheOrderFilesWereWritten() throws {
    // Two copies of the fixture, their files created in opposite orders: directory listings
    // differ, the sites must not.
    let first = temporaryFolder()
    let second = temporaryFolder()
    defer {
      for folder in [first, second] { try? FileManager.default.removeItem(at: folder) }
    }
    let source = Repo.fixtures.appendingPathComponent("basic")
    let files = try Self.fileList(source).filter { !$0.hasSuffix("/") }
    for (folder, order) in [(first, files), (second, files.reversed())] {
      for path in order {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: source.appendingPathComponent(path).path, isDirectory: &isDirectory)
        let target = folder.appendingPathComponent("wb").appendingPathComponent(path)
        if isDirectory.boolValue {
          try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        } else {
          try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data(contentsOf: source.appendingPathComponent(path)).write(to: target)
        }
      }
      let run = try Run.pillar([
        "build", "--root", folder.appendingPathComponent("wb").path, "--templates", Repo.templates.path, "--output",
        folder.appendingPathComponent("site").path, "--date", "2026-11-01",
      ])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let pages = try Self.fileList(first.appendingPathComponent("site"))
    #expect(pages == (try Self.fileList(second.appendingPathComponent("site"))))
    for page in pages where isFile(first.appendingPathComponent("site/\(page)")) {
      #expect(
        try Data(contentsOf: first.appendingPathComponent("site/\(page)"))
          == Data(contentsOf: second.appendingPathComponent("site/\(page)")), "\(page)")
    }
  }
}

/// A small deterministic random number generator (SplitMix64), so a failing run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
