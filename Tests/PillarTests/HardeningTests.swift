import Foundation
import PillarDiagnostics
import Testing

/// Hostile and broken input: each bad file gives one clear diagnostic with its position, never a
/// crash or a hang, and every other file is still checked.
@Suite struct HardeningTests {
  struct BadFile: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var expected: String
    var testDescription: String { name }
  }

  static let header = "---\nrelease: \"2026.11\"\nreviewed: 2026-11-01\nreviewers: [a]\n"
  static let path = "reviews/shop/2026.11.md"

  static let cases: [BadFile] = [
    BadFile(
      name: "over the size limit", bytes: Array((header + "---\n" + String(repeating: "x", count: 1 << 20)).utf8),
      expected: "\(path):1:1: error: file is 1048639 bytes; input files are limited to 1048576 bytes [file-too-large]"),
    BadFile(
      name: "invalid UTF-8", bytes: Array((header + "---\nnotes ").utf8) + [0xC3, 0x28],
      expected: "\(path):6:7: error: file is not valid UTF-8; save it as UTF-8 [invalid-utf8]"),
    BadFile(
      name: "NUL byte", bytes: Array(header.utf8) + [0] + Array("---\n".utf8),
      expected: "\(path):5:1: error: file contains a NUL byte; is it a binary file? [binary-file]"),
    BadFile(
      name: "binary file", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D],
      expected: "\(path):3:1: error: file contains a NUL byte; is it a binary file? [binary-file]"),
    BadFile(
      name: "empty file", bytes: [],
      expected:
        "\(path):1:1: error: file must start with YAML front matter: a line '---', the fields, and a closing '---' [missing-front-matter]"
    ),
    BadFile(
      name: "front matter never closed", bytes: Array(header.utf8),
      expected:
        "\(path):1:1: error: front matter opened here is never closed; add a line '---' after the fields [unclosed-front-matter]"
    ),
    BadFile(
      name: "tab indentation", bytes: Array((header + "improvements:\n\t- practice: Q01-BP01\n---\n").utf8),
      expected:
        "\(path):6:1: error: front matter is not valid YAML: found character that cannot start any token while scanning for the next token that starts at line 6 [yaml-syntax]"
    ),
    BadFile(
      name: "merge key", bytes: Array((header + "improvements:\n  - <<: {practice: Q01-BP01}\n---\n").utf8),
      expected: "\(path):6:5: error: YAML merge keys ('<<') are not allowed; write the fields out [yaml-merge-key]"),
    BadFile(
      name: "tag", bytes: Array((header + "question-set: !!float 1.0\n---\n").utf8),
      expected: "\(path):5:15: error: YAML tags such as '!!str' are not allowed; quote the value instead [yaml-tag]"),
    BadFile(
      name: "second document", bytes: Array((header + "--- second\n---\n").utf8),
      expected:
        "\(path):2:1: error: front matter holds more than one YAML document; remove the extra '---' [yaml-multiple-documents]"
    ),
    BadFile(
      name: "duplicate key", bytes: Array((header + "reviewers: [b]\n---\n").utf8),
      expected: "\(path):5:1: error: field 'reviewers' appears more than once; keep one [duplicate-key]"),
    BadFile(
      name: "unknown key", bytes: Array((header + "reviewd: 2026-01-01\n---\n").utf8),
      expected: "\(path):5:1: error: unknown field 'reviewd'; did you mean 'reviewed'? [unknown-field]"),
    BadFile(
      name: "deeply nested YAML",
      bytes: Array(
        (header + "x: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n---\n").utf8),
      expected: "\(path):5:36: error: front matter is nested more than 32 levels deep [yaml-too-deep]"),
    BadFile(
      name: "anchors and aliases", bytes: Array((header + "a: &a [x]\nb: [*a, *a]\n---\n").utf8),
      expected: "\(path):5:4: error: YAML anchors and aliases are not allowed; write the value out [yaml-anchor]"),
  ]

  @Test(arguments: cases)
  func badFileGivesOneDiagnosticAndOtherFilesAreStillChecked(_ bad: BadFile) throws {
    let bench = try Workbench()
    try FileManager.default.createDirectory(
      at: bench.root.appendingPathComponent("reviews/shop"), withIntermediateDirectories: true)
    try Data(bad.bytes).write(to: bench.root.appendingPathComponent(Self.path))
    // A second, unrelated problem elsewhere must be reported too.
    try bench.write("reviews/ledger/workload.md", "---\nname: Ledger\nowner: f\nclassification: secret\n---\n")
    let diagnostics = try bench.diagnostics()
    let here = diagnostics.filter { $0.hasPrefix(Self.path) }
    #expect(here == [bad.expected], "got:\n\(diagnostics.joined(separator: "\n"))")
    #expect(diagnostics.contains { $0.hasPrefix("reviews/ledger/workload.md:4:17: error: classification 'secret'") })
  }

  @Test func byteOrderMarkAndCRLFAreAccepted() throws {
    let bench = try Workbench()
    let text = try bench.read("reviews/shop/2026.10.md").replacingOccurrences(of: "\n", with: "\r\n")
    try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(
      to: bench.root.appendingPathComponent("reviews/shop/2026.10.md"))
    #expect(try bench.diagnostics() == [])
  }

  /// 368 bytes that expand to billions of nodes if aliases are followed: refused at once.
  @Test func aliasBombIsRefusedInUnder100Milliseconds() throws {
    var yaml = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
    for (name, previous) in zip(["b", "c", "d", "e", "f", "g", "h", "i"], ["a", "b", "c", "d", "e", "f", "g", "h"]) {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
    }
    let text = "---\n" + yaml + "---\n"
    #expect(text.utf8.count > 300)
    let bench = try Workbench()
    try bench.write(Self.path, text)
    let clock = ContinuousClock()
    let start = clock.now
    let diagnostics = try bench.diagnostics()
    let elapsed = clock.now - start
    #expect(
      diagnostics.contains(
        "\(Self.path):2:4: error: YAML anchors and aliases are not allowed; write the value out [yaml-anchor]"))
    #expect(elapsed < .milliseconds(100), "took \(elapsed)")
  }

  @Test func symbolicLinksAreNotFollowedOutOfTheWorkbook() throws {
    let bench = try Workbench()
    let outside = temporaryFolder()
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: outside) }
    try Data("---\nrelease: \"9\"\nreviewed: 2026-01-01\nreviewers: [x]\n---\nSECRET\n".utf8).write(
      to: outside.appendingPathComponent("9.md"))
    try FileManager.default.createSymbolicLink(
      at: bench.root.appendingPathComponent("reviews/shop/9.md"),
      withDestinationURL: outside.appendingPathComponent("9.md"))
    try FileManager.default.createSymbolicLink(
      at: bench.root.appendingPathComponent("reviews/elsewhere"), withDestinationURL: outside)
    let checked = try bench.checked()
    #expect(
      checked.diagnostics.map(\.formatted).sorted() == [
        "reviews/elsewhere:1:1: warning: 'reviews/elsewhere' is a symbolic link; links are not followed, so it is skipped [symlink]",
        "reviews/shop/9.md:1:1: warning: 'reviews/shop/9.md' is a symbolic link; links are not followed, so it is skipped [symlink]",
      ])
    #expect(
      checked.workbook.workloads.first { $0.id == "shop" }?.reviews.map(\.release) == ["2026.1", "2026.9", "2026.10"])
    // The question set folder itself as a link is refused outright.
    try FileManager.default.moveItem(
      at: bench.root.appendingPathComponent("questions"), to: outside.appendingPathComponent("questions"))
    try FileManager.default.createSymbolicLink(
      at: bench.root.appendingPathComponent("questions"),
      withDestinationURL: outside.appendingPathComponent("questions"))
    #expect(try bench.diagnostics().contains { $0.hasPrefix("questions:1:1: error: 'questions' is a symbolic link") })
  }

  // Names starting with '.' are hidden and skipped like .git, so they never become paths either.
  @Test(arguments: ["CON", "nul.md", "a..b", "-x", "x.", String(repeating: "a", count: 65)])
  func unsafeWorkloadNamesAreRefused(_ name: String) throws {
    let bench = try Workbench()
    try bench.write("reviews/\(name)/workload.md", "---\nname: X\nowner: o\nclassification: public\n---\n")
    #expect(try bench.diagnostics().contains { $0.hasPrefix("reviews/\(name):1:1: error: workload folder name") })
  }

  @Test func theHomeFolderAndParentsOfInputsAreRefusedAsOutput() throws {
    let bench = try Workbench()
    let home = temporaryFolder()
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let asHome = try Run.pillar(
      ["build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output", home.path],
      environment: ["HOME": home.path])
    #expect(asHome.status == 2)
    #expect(asHome.stderr.contains("the output folder is the home folder"))
    let parent = try Run.pillar(
      [
        "build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output",
        bench.root.deletingLastPathComponent().path,
      ])
    #expect(parent.status == 2)
    #expect(parent.stderr.contains("refusing to write the site"))
    let inside = try Run.pillar(
      [
        "build", "--root", bench.root.path, "--templates", Repo.templates.path, "--output",
        bench.root.appendingPathComponent("reviews/site").path,
      ])
    #expect(inside.stderr.contains("the output folder is inside the input folder reviews/"))
  }
}

/// Quoted `*` and `&` are text, not aliases or anchors.
@Suite struct QuotedIndicatorTests {
  @Test func quotedIndicatorsAreNotAnchors() throws {
    let bench = try Workbench()
    try bench.write(
      "reviews/shop/workload.md",
      "---\nname: \"a \\\" [*b] &c\"\nowner: 'it''s [*x] {k: &y}'\nclassification: public\ntags: [\"*a\", '&b']\n---\n")
    #expect(try bench.diagnostics() == [])
  }
}
