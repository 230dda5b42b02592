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
    _ = try run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: folder)
  }

  /// Writes the files under `paths` (relative to `folder`) as they were at `revision` into `destination`.
  package static func export(_ paths: [String], at revision: String, from folder: URL, to destination: URL) throws {
    try verify(revision, in: folder)
    for path in paths {
      let listing = try run(["ls-tree", "-r", "-z", "--name-only", "--full-name", revision, "--", path], in: folder)
      let prefix = try prefix(of: folder)
      for fullName in listing.split(separator: 0).map({ String(decoding: $0, as: UTF8.self) }) {
        guard fullName.hasPrefix(prefix) else { continue }
        let relative = String(fullName.dropFirst(prefix.count))
        guard !relative.split(separator: "/").contains("..") else { continue }
        let contents = try run(["show", "\(revision):\(fullName)"], in: folder)
        let target = destination.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: target)
      }
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
