import Foundation

/// The few git operations Pillar needs, run as `git` subprocesses in the workbook folder.
package enum Git {
  package struct Failure: Error, CustomStringConvertible {
    package var description: String
  }

  /// Runs git with `arguments` in `folder` and returns its standard output.
  package static func run(_ arguments: [String], in folder: URL) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = folder
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { throw Failure(description: "cannot run git: \(error)") }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let message = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      throw Failure(description: "git \(arguments.joined(separator: " ")) failed: \(text)")
    }
    return data
  }

  /// Checks that `revision` names a commit, so a typo is reported as such.
  package static func verify(_ revision: String, in folder: URL) throws {
    guard !revision.hasPrefix("-") else { throw Failure(description: "'\(revision)' is not a git revision") }
    do {
      _ = try run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: folder)
    } catch {
      let shallow = (try? run(["rev-parse", "--is-shallow-repository"], in: folder)).map {
        String(decoding: $0, as: UTF8.self).hasPrefix("true")
      }
      throw Failure(
        description: shallow == true
          ? "'\(revision)' is not in this clone, which is shallow; fetch the whole history (with actions/checkout, 'fetch-depth: 0'; by hand, 'git fetch --unshallow')"
          : "'\(revision)' is not a commit of this repository; name a branch, tag or commit (fetch it first if it is remote)"
      )
    }
  }

  /// Writes the files under `paths` (relative to `folder`) as they were at `revision` into
  /// `destination`: one `git archive` and one `tar` per path, whatever the number of files (a
  /// `git show` per file took 52 s for 300 workloads). A path absent at `revision` writes nothing.
  package static func export(_ paths: [String], at revision: String, from folder: URL, to destination: URL) throws {
    try verify(revision, in: folder)
    let prefix = try prefix(of: folder)
    let archive = FileManager.default.temporaryDirectory.appendingPathComponent("pillar-\(UUID().uuidString).tar")
    defer { try? FileManager.default.removeItem(at: archive) }
    for path in paths {
      guard !path.split(separator: "/").contains(".."), !path.hasPrefix("/") else { continue }
      // `rev:path` names the folder's tree; absent at that revision, there is nothing to write.
      guard (try? run(["cat-file", "-e", "\(revision):\(prefix)\(path)"], in: folder)) != nil else { continue }
      _ = try run(
        ["archive", "--format=tar", "--prefix=\(path)/", "-o", archive.path, "\(revision):\(prefix)\(path)"], in: folder
      )
      try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
      try runTar(["-xf", archive.path, "-C", destination.path, "--no-same-owner", "--no-same-permissions"])
    }
  }

  private static func runTar(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["tar"] + arguments
    let err = Pipe()
    process.standardError = err
    do { try process.run() } catch { throw Failure(description: "cannot run tar: \(error)") }
    let message = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "tar failed: \(String(decoding: message, as: UTF8.self))")
    }
  }

  /// The commit a change is measured from: where `revision` and `HEAD` meet (`A...B`: where A
  /// and B meet), as a pull request is compared with its base branch. Comparing with the tip of
  /// a base branch that moved on would blame another team's change on the pull request.
  package static func mergeBase(_ revision: String, in folder: URL) throws -> String {
    let (left, right): (String, String)
    if let range = revision.range(of: "...") {
      left = String(revision[..<range.lowerBound])
      right = String(revision[range.upperBound...])
    } else {
      (left, right) = (revision, "HEAD")
    }
    let sides = [left.isEmpty ? "HEAD" : left, right.isEmpty ? "HEAD" : right]
    for side in sides { try verify(side, in: folder) }
    do {
      let out = try run(["merge-base", sides[0], sides[1]], in: folder)
      return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    } catch {
      let shallow = (try? run(["rev-parse", "--is-shallow-repository"], in: folder)).map {
        String(decoding: $0, as: UTF8.self).hasPrefix("true")
      }
      throw Failure(
        description: shallow == true
          ? "cannot find where \(sides[0]) and \(sides[1]) meet: this clone is shallow; fetch the whole history (with actions/checkout, 'fetch-depth: 0'; by hand, 'git fetch --unshallow')"
          : "\(sides[0]) and \(sides[1]) have no commit in common")
    }
  }

  /// Files changed since `revision` (committed or not), relative to `folder`.
  package static func changedFiles(since revision: String, in folder: URL, under path: String = ".") throws -> [String]
  {
    try verify(revision, in: folder)
    let tracked = try run(["diff", "--name-only", "-z", "--relative", revision, "--", path], in: folder)
    let untracked = try run(["ls-files", "--others", "--exclude-standard", "-z", "--", path], in: folder)
    return (tracked.split(separator: 0) + untracked.split(separator: 0)).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The committer date of `HEAD` (`YYYY-MM-DD`, in the committer's own time zone, as the
  /// reviewer who wrote a `reviewed` date reads the calendar), or nil when `folder` is not inside
  /// a git work tree with a commit (or git cannot be run).
  package static func headCommitDay(in folder: URL) -> String? {
    guard let out = try? run(["log", "-1", "--format=%cs", "HEAD"], in: folder) else { return nil }
    let day = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return DateText.isValid(day) ? day : nil
  }

  /// The path of `folder` inside its repository, ending in `/` (empty at the top).
  package static func prefix(of folder: URL) throws -> String {
    String(decoding: try run(["rev-parse", "--show-prefix"], in: folder), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
