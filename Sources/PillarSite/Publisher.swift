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
    /// Set when the folder is the site before last, recycled (see `RecycledSite`).
    private let recycled: RecycledSite?

    /// Whether the folder is the site before last, whose files may be kept (`keep`).
    package var isRecycled: Bool { recycled != nil }

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
      // The site before last, when a build kept it and it is still Pillar's own, is taken by
      // renaming it: a build killed from here on leaves a staging folder, removed whole later.
      let previous = Publisher.previousSite(of: output).path
      if manager.fileExists(atPath: previous + "/" + OutputFolder.marker), rename(previous, folderPath) == 0 {
        recycled = RecycledSite(walking: folderPath)
      } else {
        recycled = nil
        try manager.createDirectory(at: folder, withIntermediateDirectories: false)
      }
      try write([
        SiteFile(
          path: OutputFolder.marker, text: "This folder is written by pillar build and replaced whole on each build.\n")
      ])
    }

    package func write(_ files: [SiteFile]) throws {
      var made: Set<Substring> = []
      recycled?.record(files.lazy.map(\.path))
      for file in files {
        try makeFolders(for: file.path, made: &made)
        try Publisher.write(file, at: folderPath + "/" + file.path, replacing: recycled != nil)
      }
    }

    /// Hard-links files of the current site into the new one: for pages whose inputs did not
    /// change. Pages are never modified in place, so sharing them is safe.
    package func link(_ paths: [String]) throws {
      var made: Set<Substring> = []
      recycled?.record(paths)
      for path in paths {
        try makeFolders(for: path, made: &made)
        let source = outputPath + "/" + path
        let target = folderPath + "/" + path
        if recycled != nil { unlink(target) }
        guard Glibc.link(source, target) == 0 else {
          throw Failure(description: "cannot reuse \(source): \(String(cString: strerror(errno)))")
        }
      }
    }

    /// Keeps files the recycled site before last already holds with the bytes this build would
    /// link or write (the caller knows from that site's cache); false, and nothing kept, when
    /// the folder is not recycled or lacks one of them.
    package func keep(_ paths: [String]) -> Bool {
      guard let recycled, recycled.holds(paths) else { return false }
      recycled.record(paths)
      return true
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

    /// Publishes the new site. With `keepingPrevious`, the previous site is kept beside the output
    /// for the next build to recycle (worth it when the two share most of their files, as after
    /// an incremental build); otherwise it is deleted.
    package func commit(keepingPrevious: Bool = false) throws {
      recycled?.sweep(folderPath)
      sync()
      guard try swap(folder, into: output) else { return }
      // After the exchange, `folder` holds the previous site.
      let previous = Publisher.previousSite(of: output).path
      if keepingPrevious && rename(folderPath, previous) == 0 { return }
      TreeRemoval.remove(folderPath, jobs: jobs)
    }

    /// A file of the new site written piece by piece as `produce` makes them.
    package func write(
      _ path: String, producing produce: (_ append: ([UInt8]) throws -> Void) throws -> Void
    ) throws {
      var made: Set<Substring> = []
      try makeFolders(for: path, made: &made)
      recycled?.record(CollectionOfOne(path))
      try Publisher.write(at: folderPath + "/" + path, replacing: recycled != nil, producing: produce)
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

  /// Where a build keeps the previous site for the next one to recycle: beside the output.
  package static func previousSite(of output: URL) -> URL {
    output.deletingLastPathComponent().appendingPathComponent(".pillar-previous-\(output.lastPathComponent)")
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
  static func write(_ file: SiteFile, at path: String, replacing: Bool = false) throws {
    try write(at: path, replacing: replacing) { append in
      for piece in file.pieces { try append(piece) }
    }
  }

  /// A file written piece by piece as `produce` makes them. With `replacing`, a file already at
  /// `path` is unlinked first, never truncated: it may be a hard link shared with the live site.
  static func write(
    at path: String, replacing: Bool = false, producing produce: (_ append: ([UInt8]) throws -> Void) throws -> Void
  ) throws {
    if replacing { unlink(path) }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
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

  /// Moves `staging` to `output`, exchanging the two atomically when `output` exists; true when
  /// they were exchanged, and `staging` now holds the previous site.
  static func swap(_ staging: URL, into output: URL) throws -> Bool {
    if FileManager.default.fileExists(atPath: output.path) {
      guard pillar_exchange(staging.path, output.path) == 0 else {
        throw Failure(description: "cannot replace \(output.path): \(String(cString: strerror(errno)))")
      }
      return true
    }
    guard rename(staging.path, output.path) == 0 else {
      throw Failure(description: "cannot create \(output.path): \(String(cString: strerror(errno)))")
    }
    return false
  }
}
