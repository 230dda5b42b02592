import Foundation
import PillarDiagnostics
import PillarLoad
import PillarPipeline
import PillarSite
import Testing

/// A rebuild reuses the pages of workloads whose files did not change, and the result is the same
/// bytes a full build of the same inputs writes.
@Suite struct IncrementalBuildTests {
  static func tree(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
      if !isDirectory.boolValue { files[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
    }
    return files
  }

  func build(_ bench: Workbench, _ output: URL) throws -> Run {
    try Run.pillar([
      "build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", output.path, "--date",
      "2026-11-01",
    ])
  }

  @Test func rebuildsOnlyWhatChangedAndMatchesAFullBuild() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    let fresh = temporaryFolder()
    defer { for folder in [output, fresh] { try? FileManager.default.removeItem(at: folder) } }
    #expect(try build(bench, output).stdout.contains("(2 workloads rebuilt)"))

    let unchanged = try build(bench, output)
    #expect(unchanged.status == 0)
    #expect(unchanged.stdout.contains("is up to date"))

    // One answer file changes: one workload is rebuilt, and the site equals a full build's.
    try bench.write(
      "reviews/ledger/2026.1.md",
      try bench.read("reviews/ledger/2026.1.md").replacingOccurrences(
        of: "- [ ] Q01-BP03 Use groups", with: "- [x] Q01-BP03 Use groups"))
    let incremental = try build(bench, output)
    #expect(incremental.stdout.contains("(1 workloads rebuilt)"), "\(incremental.stdout)")
    #expect(try build(bench, fresh).status == 0)
    let left = try Self.tree(output)
    let right = try Self.tree(fresh)
    // A postings file beside each workload's searchable page (its pages' terms for the index).
    #expect(
      left.keys.filter { $0.hasPrefix(".pillar-search/") }.count
        == left.keys.filter { $0.hasPrefix("search/pages/workloads/") }.count)
    #expect(left.keys.sorted() == right.keys.sorted())
    for (path, data) in left { #expect(data == right[path], "\(path) differs from a full build") }

    // A change to the question set rebuilds every workload.
    try bench.write("questions/Q02-logging.md", try bench.read("questions/Q02-logging.md") + "\nMore guidance.\n")
    #expect(try build(bench, output).stdout.contains("(2 workloads rebuilt)"))
  }

  /// Evidence judged on reused workloads reaches the organisation's pages as on a full build
  /// (the cache once dropped each summary's evidence counts, so the dashboard's tally counted
  /// only the workloads built again).
  @Test func anIncrementalBuildWithEvidenceMatchesAFullBuild() throws {
    let bench = try Workbench(fixture: "evidence/workbook")
    let output = temporaryFolder()
    let fresh = temporaryFolder()
    defer { for folder in [output, fresh] { try? FileManager.default.removeItem(at: folder) } }
    func build(_ output: URL) throws -> Run {
      try Run.pillar([
        "build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", output.path, "--date",
        "2026-11-29", "--evidence", EvidenceTests.findings,
      ])
    }
    #expect(try build(output).status == 0)
    let file = "reviews/intranet/2026.1.md"
    try bench.write(file, try bench.read(file) + "\nA note.\n")
    #expect(try build(output).stdout.contains("(1 workloads rebuilt)"))
    #expect(try build(fresh).status == 0)
    let left = try Self.tree(output)
    let right = try Self.tree(fresh)
    #expect(String(decoding: right["index.html"] ?? Data(), as: UTF8.self).contains("evidence"))
    #expect(left.keys.sorted() == right.keys.sorted())
    for (path, data) in left { #expect(data == right[path], "\(path) differs from a full build") }
  }

  /// After an incremental build the previous site is kept beside the output, and the next build
  /// writes into it instead of linking every file anew (`RecycledSite`). Through a run of
  /// builds (a note added, another, the change undone, a workload removed, then back) each site
  /// equals a full build of the same input, and the kept site is exactly the one just replaced:
  /// files it shares with the live site are never written through.
  @Test func thePreviousSiteIsRecycledAndEveryBuildMatchesAFullOne() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    let fresh = temporaryFolder()
    let previous = Publisher.previousSite(of: output)
    #expect(try build(bench, output).status == 0)
    #expect(!FileManager.default.fileExists(atPath: previous.path), "a first build has no previous site to keep")
    let file = "reviews/ledger/2026.1.md"
    let original = try bench.read(file)
    let shopFiles = try FileManager.default.contentsOfDirectory(atPath: bench.root.path + "/reviews/shop")
    let shop = try shopFiles.map { ("reviews/shop/" + $0, try bench.read("reviews/shop/" + $0)) }
    let steps: [(String, () throws -> Void)] = [
      ("a note added", { try bench.write(file, original + "\nA note.\n") }),
      ("another note", { try bench.write(file, original + "\nAnother note.\n") }),
      ("the change undone", { try bench.write(file, original) }),
      ("a workload removed", { try bench.remove("reviews/shop") }),
      ("the workload back", { for (path, text) in shop { try bench.write(path, text) } }),
    ]
    for (step, change) in steps {
      let replaced = try Self.tree(output)
      try change()
      let run = try build(bench, output)
      #expect(run.status == 0, "\(step): \(run.stderr)")
      try? FileManager.default.removeItem(at: fresh)
      #expect(try build(bench, fresh).status == 0)
      let left = try Self.tree(output)
      let right = try Self.tree(fresh)
      #expect(left.keys.sorted() == right.keys.sorted(), "\(step)")
      for (path, data) in left { #expect(data == right[path], "\(step): \(path) differs from a full build") }
      #expect(try Self.tree(previous) == replaced, "\(step): the kept site is not the one replaced")
    }
    // An unchanged page is one file shared by the two sites, not a copy.
    let page = "workloads/ledger/index.html"
    let inodes = try [output, previous].map {
      try FileManager.default.attributesOfItem(atPath: $0.appendingPathComponent(page).path)[.systemFileNumber]
        as? Int
    }
    #expect(inodes[0] != nil && inodes[0] == inodes[1])
  }

  /// The kept site lies outside the output folder's checks, so what the next build finds in it
  /// is not trusted: a link planted in it (to a folder or a file elsewhere) is removed, never
  /// written through, and a folder of that name without Pillar's marker is left alone.
  @Test func aLinkPlantedInThePreviousSiteIsRemovedNotFollowed() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    let fresh = temporaryFolder()
    let elsewhere = temporaryFolder()
    let previous = Publisher.previousSite(of: output)
    let manager = FileManager.default
    try manager.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let target = elsewhere.appendingPathComponent("target.txt")
    try Data("mine\n".utf8).write(to: target)
    #expect(try build(bench, output).status == 0)
    let file = "reviews/ledger/2026.1.md"
    try bench.write(file, try bench.read(file) + "\nA note.\n")
    #expect(try build(bench, output).status == 0)
    #expect(manager.fileExists(atPath: previous.appendingPathComponent(OutputFolder.marker).path))
    // The previous site's workloads folder becomes a link to a folder elsewhere (the files its
    // cache lists are gone: they are linked again, not kept), its home page a link to a file
    // elsewhere.
    try manager.removeItem(at: previous.appendingPathComponent("workloads"))
    try manager.createSymbolicLink(at: previous.appendingPathComponent("workloads"), withDestinationURL: elsewhere)
    try manager.removeItem(at: previous.appendingPathComponent("index.html"))
    try manager.createSymbolicLink(at: previous.appendingPathComponent("index.html"), withDestinationURL: target)
    try bench.write(file, try bench.read(file) + "\nAnother note.\n")
    #expect(try build(bench, output).status == 0)
    #expect(try manager.contentsOfDirectory(atPath: elsewhere.path) == ["target.txt"])
    #expect(try String(contentsOf: target, encoding: .utf8) == "mine\n")
    #expect(try build(bench, fresh).status == 0)
    #expect(try Self.tree(output) == Self.tree(fresh))

    // A folder by that name that Pillar did not make is neither used nor replaced.
    try manager.removeItem(at: previous)
    try manager.createDirectory(at: previous, withIntermediateDirectories: false)
    try Data("notes\n".utf8).write(to: previous.appendingPathComponent("mine.txt"))
    try bench.write(file, try bench.read(file) + "\nA third note.\n")
    #expect(try build(bench, output).status == 0)
    #expect(try manager.contentsOfDirectory(atPath: previous.path) == ["mine.txt"])
    try manager.removeItem(at: fresh)
    #expect(try build(bench, fresh).status == 0)
    #expect(try Self.tree(output) == Self.tree(fresh))
  }

  /// An unchanged workload's search postings are linked from the site it published; when one is
  /// damaged, that workload is rendered again rather than trusted, and the site still equals a
  /// full build's.
  @Test func damagedSearchPostingsAreRenderedAgain() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    let fresh = temporaryFolder()
    defer { for folder in [output, fresh] { try? FileManager.default.removeItem(at: folder) } }
    #expect(try build(bench, output).status == 0)
    let postings = output.appendingPathComponent(".pillar-search/shop.0")
    let bytes = try Data(contentsOf: postings)
    try bytes.dropLast().write(to: postings)
    try bench.write("reviews/ledger/2026.1.md", try bench.read("reviews/ledger/2026.1.md") + "\nA new note.\n")
    let rebuilt = try build(bench, output)
    #expect(rebuilt.stdout.contains("(2 workloads rebuilt)"), "\(rebuilt.stdout)")
    #expect(try build(bench, fresh).status == 0)
    #expect(try Self.tree(output) == Self.tree(fresh))
  }

  @Test func upToDateBuildsStillReportWarningsAndErrorsStillStop() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    try bench.write("reviews/shop/2026.10.md", try bench.read("reviews/shop/2026.10.md") + "\n[bad](javascript:x)\n")
    let first = try build(bench, output)
    #expect(first.stderr.contains("warning: link destination 'javascript:x'"))
    let again = try build(bench, output)
    #expect(again.stdout.contains("is up to date"))
    #expect(again.stderr.contains("warning: link destination 'javascript:x'"))
    try bench.write("reviews/shop/workload.md", "---\nname: Shop\n---\n")
    let broken = try build(bench, output)
    #expect(broken.status == 2)
    #expect(try Self.tree(output)["index.html"] != nil)
  }
}

extension IncrementalBuildTests {
  /// The build is a library: a test runs the pipeline without a process and reads its outcome.
  @Test func thePipelineRunsWithoutTheCommandLine() throws {
    let bench = try Workbench()
    let output = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let pipeline = SiteBuilder(
      root: bench.root, output: output, templatesFolder: Repo.templates, date: "2026-11-01", environment: [:])
    let first = try pipeline.build()
    #expect(first.wrote && first.workloads == 2 && first.rebuilt == 2 && !first.diagnostics.hasErrors)
    #expect(first.buildDate == BuildDate(day: "2026-11-01", source: .flag))
    let second = try pipeline.build()
    #expect(!second.wrote && second.rebuilt == 0)
    // Called as a library, the pipeline keeps the output folder's rules itself.
    let dangerous = SiteBuilder(
      root: bench.root, output: bench.root, templatesFolder: Repo.templates, date: "2026-11-01", environment: [:])
    #expect(throws: OutputFolder.Refusal.self) { try dangerous.build() }
    #expect(FileManager.default.fileExists(atPath: bench.root.appendingPathComponent("reviews/shop/2026.10.md").path))
  }

  /// A large site's search index is written in passes, each over a share of the terms (so
  /// memory holds a share of the postings): the site is the same bytes as with one pass.
  @Test func theSearchIndexInPassesIsTheSameSite() throws {
    let bench = try Workbench()
    let whole = temporaryFolder()
    let inPasses = temporaryFolder()
    defer { for folder in [whole, inPasses] { try? FileManager.default.removeItem(at: folder) } }
    var pipeline = SiteBuilder(
      root: bench.root, output: whole, templatesFolder: Repo.templates, date: "2026-11-01", environment: [:])
    #expect(try pipeline.build().wrote)
    pipeline.output = inPasses
    pipeline.searchPassBytes = 2048
    #expect(try pipeline.build().wrote)
    let left = try Self.tree(whole)
    let right = try Self.tree(inPasses)
    #expect(left.keys.count { $0.hasPrefix("search/terms/") } > 20)
    // Several passes: the postings are several times the bytes of a pass.
    #expect(left.filter { $0.key.hasPrefix(".pillar-search/") }.values.reduce(0) { $0 + $1.count } > 3 * 2048)
    #expect(left.keys.sorted() == right.keys.sorted())
    for (path, data) in left { #expect(data == right[path], "\(path) differs with the index in passes") }
  }
}
