import Foundation
import PillarDiagnostics

/// Decides whether a folder may be used as the site's output. Pillar deletes what it replaces,
/// so it only ever replaces a folder it made itself (one holding the marker file) and never
/// one that holds, or is, an input.
package enum OutputFolder {
  package static let marker = ".pillar-site"

  /// An output folder that must not be written, and why.
  package struct Refusal: Error, CustomStringConvertible {
    package var output: URL
    package var reason: String
    package var description: String { "refusing to write the site to \(output.path): \(reason)" }
  }

  /// Everything a build may do to its output folder, in order, through one type: refuse a
  /// dangerous folder, take the lock (one build at a time), clean up after killed builds, and
  /// stage the new site that `Staging.commit` swaps in. The returned lock is held until released.
  package static func claim(_ output: URL, workbook: URL, waiting: () -> Void) throws -> OutputLock {
    if let reason = problem(output: output, workbook: workbook) { throw Refusal(output: output, reason: reason) }
    let lock = try OutputLock(output: output, waiting: waiting)
    Publisher.removeLeftovers(beside: output)
    return lock
  }

  /// Why `output` must not be used, or nil when it may.
  package static func problem(output: URL, workbook: URL, home: URL? = FileManager.default.homeDirectoryForCurrentUser)
    -> String?
  {
    // The path as given, before links are resolved: a link there would be replaced by a real
    // folder when the site is swapped in, so it is refused rather than followed.
    var given = output.standardizedFileURL.path
    while given.count > 1 && given.hasSuffix("/") { given.removeLast() }
    var status = stat()
    if lstat(given, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK {
      return "the output folder is a symbolic link; give the folder it points to"
    }
    let out = normalized(output)
    let root = normalized(workbook)
    if out == "/" { return "the output folder is the file system root" }
    if homes.contains(where: { out == normalized($0) }) { return "the output folder is the home folder" }
    if out == root { return "the output folder is the workbook itself" }
    for input in ["questions", "reviews", "templates"] {
      let folder = normalized(workbook.appendingPathComponent(input))
      if out == folder || folder.hasPrefix(out + "/") {
        return "the output folder is or holds the input folder \(input)/"
      }
      if out.hasPrefix(folder + "/") { return "the output folder is inside the input folder \(input)/" }
    }
    if root.hasPrefix(out + "/") { return "the output folder holds the workbook" }
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: out, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { return "the output path exists and is not a folder" }
      let contents = (try? manager.contentsOfDirectory(atPath: out)) ?? []
      if !contents.isEmpty && !contents.contains(marker) {
        return
          "the output folder is not empty and was not made by pillar (it has no \(marker) file); choose an empty or new folder"
      }
    }
    return nil
  }

  /// The home folder as the environment says and as the user database says.
  package static var homes: [URL] {
    [
      ProcessInfo.processInfo.environment["HOME"].map { URL(fileURLWithPath: $0) },
      FileManager.default.homeDirectoryForCurrentUser,
    ]
    .compactMap { $0 }
  }

  /// An absolute path with `.`, `..` and symbolic links of existing parents resolved.
  static func normalized(_ url: URL) -> String {
    let path = url.standardizedFileURL.resolvingSymlinksInPath().path
    return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
  }
}
