import CSystemCalls
import Foundation
import PillarParallel

#if canImport(Glibc)
  import Glibc
#endif

/// The `publish` stage, the only one that writes. The site is written into a fresh folder beside
/// the output and swapped in whole, so a failed or killed build leaves the last good site.
package enum Publisher {
  package struct Failure: Error, CustomStringConvertible {
    package var description: String

    package init(description: String) { self.description = description }
  }

  static let stagingPrefix = ".pillar-staging-"

  /// A site being written: files go into a fresh folder beside the output, which `commit` swaps
  /// in whole; `abort` (or a crash, cleaned up by the next build) leaves the output untouched.
  /// Writes from several threads at once are safe: each file is written by one thread, and
  /// folders are made with `mkdir`, which tolerates a race.
  package final class Staging: @unchecked Sendable {
    package let output: URL
    package let folder: URL
    /// The two folders' paths, made once: Foundation's URL paths cost on every file.
    private let outputPath: String
    private let folderPath: String

    /// Threads that delete the previous site after the swap.
    private let jobs: Int

    package init(output: URL, jobs: Int) throws {
      self.jobs = jobs
      let manager = FileManager.default
      let parent = output.deletingLastPathComponent()
      let name = output.lastPathComponent
      try manager.createDirectory(at: parent, withIntermediateDirectories: true)
      removeLeftovers(in: parent, name: name)
      self.output = output
      folder = parent.appendingPathComponent("\(stagingPrefix)\(name)-\(getpid())")
      outputPath = output.path
      folderPath = folder.path
      try? manager.removeItem(at: folder)
      try manager.createDirectory(at: folder, withIntermediateDirectories: false)
      try Publisher.write(
        SiteFile(
          path: OutputFolder.marker, text: "This folder is written by pillar build and replaced whole on each build.\n"),
        under: folder)
    }

    package func write(_ files: [SiteFile]) throws {
      var made: Set<Substring> = []
      for file in files {
        try makeFolders(for: file.path, made: &made)
        try Publisher.write(file, at: folderPath + "/" + file.path)
      }
    }

    /// Hard-links files of the current site into the new one: for pages whose inputs did not
    /// change. Pages are never modified in place, so sharing them is safe.
    package func link(_ paths: [String]) throws {
      var made: Set<Substring> = []
      for path in paths {
        try makeFolders(for: path, made: &made)
        let source = outputPath + "/" + path
        let target = folderPath + "/" + path
        guard Glibc.link(source, target) == 0 else {
          throw Failure(description: "cannot reuse \(source): \(String(cString: strerror(errno)))")
        }
      }
    }

    /// Makes the folders above `path`, skipping those this call already made (`made`): a
    /// workload's pages share their folders, and a `mkdir` per level per file costs on large
    /// sites. Another thread may have made a folder first, which `EEXIST` tolerates.
    private func makeFolders(for path: String, made: inout Set<Substring>) throws {
      var end = path.startIndex
      while let slash = path[end...].firstIndex(of: "/") {
        let parent = path[..<slash]
        end = path.index(after: slash)
        guard made.insert(parent).inserted else { continue }
        let full = folderPath + "/" + parent
        if mkdir(full, 0o755) != 0 && errno != EEXIST {
          throw Failure(description: "cannot create \(full): \(String(cString: strerror(errno)))")
        }
      }
    }

    package func commit() throws {
      sync()
      try swap(folder, into: output)
      // After the exchange, `folder` holds the previous site.
      TreeRemoval.remove(folderPath, jobs: jobs)
    }

    /// A file of the new site written piece by piece as `produce` makes them.
    package func write(
      _ path: String, producing produce: (_ append: ([UInt8]) throws -> Void) throws -> Void
    ) throws {
      var made: Set<Substring> = []
      try makeFolders(for: path, made: &made)
      try Publisher.write(at: folderPath + "/" + path, producing: produce)
    }

    /// Writes whole files and streamed ones into this site.
    package var sink: SiteSink {
      SiteSink(file: { try self.write([$0]) }, stream: { try self.write($0, producing: $1) })
    }

    /// A file this build wrote into the new site.
    package func read(_ path: String) -> [UInt8]? {
      FileManager.default.contents(atPath: folderPath + "/" + path).map { [UInt8]($0) }
    }

    /// The size in bytes of a file this build wrote.
    package func size(of path: String) -> Int? {
      var status = stat()
      return stat(folderPath + "/" + path, &status) == 0 ? Int(status.st_size) : nil
    }

    package func abort() {
      TreeRemoval.remove(folderPath, jobs: jobs)
    }
  }

  /// Removes what builds killed before they could clean up left beside `output`.
  package static func removeLeftovers(beside output: URL) {
    removeLeftovers(in: output.deletingLastPathComponent(), name: output.lastPathComponent)
  }

  /// Staging folders of builds that were killed before they could clean up.
  static func removeLeftovers(in parent: URL, name: String) {
    let prefix = "\(stagingPrefix)\(name)-"
    let manager = FileManager.default
    for entry in (try? manager.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
      let folder = parent.appendingPathComponent(entry)
      // Only folders this process family made: they hold the marker or nothing yet.
      let contents = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
      if contents.isEmpty || contents.contains(OutputFolder.marker) { try? manager.removeItem(at: folder) }
    }
  }

  /// POSIX writes: Foundation's file writing syncs every file on Linux, which is many times slower.
  static func write(_ file: SiteFile, under folder: URL) throws {
    try write(file, at: folder.path + "/" + file.path)
  }

  static func write(_ file: SiteFile, at path: String) throws {
    try write(at: path) { append in
      for piece in file.pieces { try append(piece) }
    }
  }

  /// A file written piece by piece as `produce` makes them.
  static func write(at path: String, producing produce: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else {
      throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    try produce { piece in
      var offset = 0
      try piece.withUnsafeBytes { bytes in
        while offset < bytes.count {
          let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
          if written < 0 {
            if errno == EINTR { continue }
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
          }
          offset += written
        }
      }
    }
  }

  /// Moves `staging` to `output`, exchanging the two atomically when `output` exists.
  static func swap(_ staging: URL, into output: URL) throws {
    if FileManager.default.fileExists(atPath: output.path) {
      guard pillar_exchange(staging.path, output.path) == 0 else {
        throw Failure(description: "cannot replace \(output.path): \(String(cString: strerror(errno)))")
      }
    } else {
      guard rename(staging.path, output.path) == 0 else {
        throw Failure(description: "cannot create \(output.path): \(String(cString: strerror(errno)))")
      }
    }
  }
}
