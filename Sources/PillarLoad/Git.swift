import Dispatch
import Foundation

/// The few git operations Pillar needs, run as `git` subprocesses in the workbook folder.
package enum Git {
  package struct Failure: Error, CustomStringConvertible {
    package var description: String
  }

  /// Runs git with `arguments` in `folder` and returns its standard output.
  package static func run(_ arguments: [String], in folder: URL, input: Data? = nil) throws -> Data {
    let result: Subprocess.Result
    do {
      result = try Subprocess.run(["git", "-C", folder.path] + arguments, input: input)
    } catch let failure as Subprocess.Failure {
      throw Failure(description: failure.description)
    }
    guard result.status == 0 else {
      let text = String(decoding: result.error, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      throw Failure(description: "git \(arguments.joined(separator: " ")) failed: \(text)")
    }
    return result.output
  }

  /// Checks that `revision` names a commit, so a typo is reported as such.
  package static func verify(_ revision: String, in folder: URL) throws {
    guard !revision.hasPrefix("-") else { throw Failure(description: "'\(revision)' is not a git revision") }
    do {
      _ = try run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: folder)
    } catch {
      throw Failure(
        description: isShallow(folder)
          ? "'\(revision)' is not in this clone, which is shallow; \(fetchHistory)"
          : "'\(revision)' is not a commit of this repository; name a branch, tag or commit (fetch it first if it is remote)"
      )
    }
  }

  static let fetchHistory =
    "fetch the whole history (with actions/checkout, 'fetch-depth: 0'; by hand, 'git fetch --unshallow')"

  /// Whether the clone has only part of its history (common CI checkouts fetch one commit).
  static func isShallow(_ folder: URL) -> Bool {
    (try? run(["rev-parse", "--is-shallow-repository"], in: folder)).map {
      String(decoding: $0, as: UTF8.self).hasPrefix("true")
    } == true
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

  /// The contents of files (relative to `folder`) at `revision`, read by one `git cat-file
  /// --batch` and never written to disk; a file absent there is absent from the result.
  package static func contents(of files: [String], at revision: String, in folder: URL) throws -> [String: [UInt8]] {
    guard !files.isEmpty else { return [:] }
    let prefix = try prefix(of: folder)
    let requests = Data(files.map { "\(revision):\(prefix)\($0)\n" }.joined().utf8)
    let data = [UInt8](try run(["cat-file", "--batch"], in: folder, input: requests))
    var result: [String: [UInt8]] = [:]
    var offset = 0
    for file in files {
      guard let newline = data[offset...].firstIndex(of: 0x0A) else { break }
      let header = String(decoding: data[offset..<newline], as: UTF8.self).split(separator: " ")
      offset = newline + 1
      // "<sha> blob <size>", or "<name> missing".
      guard header.count == 3, header[1] == "blob", let size = Int(header[2]), offset + size <= data.count else {
        continue
      }
      result[file] = Array(data[offset..<offset + size])
      offset += size + 1
    }
    return result
  }

  /// The files under `path` (relative to `folder`) at `revision`, relative to `folder`.
  package static func files(under path: String, at revision: String, in folder: URL) throws -> [String] {
    let prefix = try prefix(of: folder)
    let listing = try run(["ls-tree", "-r", "-z", "--name-only", "--full-name", revision, "--", path], in: folder)
    return listing.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { $0.hasPrefix(prefix) }
      .map { String($0.dropFirst(prefix.count)) }
  }

  private static func runTar(_ arguments: [String]) throws {
    let result: Subprocess.Result
    do { result = try Subprocess.run(["tar"] + arguments) } catch let failure as Subprocess.Failure {
      throw Failure(description: failure.description)
    }
    guard result.status == 0 else {
      throw Failure(description: "tar failed: \(String(decoding: result.error, as: UTF8.self))")
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
      throw Failure(
        description: isShallow(folder)
          ? "cannot find where \(sides[0]) and \(sides[1]) meet: this clone is shallow; \(fetchHistory)"
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
