import Synchronization

/// Where rendered files go as they are made, from any thread: into the site being written
/// (`pillar build`), or collected in memory (`SiteRenderer.render`, for tests). The
/// organisation's files go through one, so the largest of them (the data export, hundreds of
/// megabytes at 10,000 workloads) is written as it is encoded and no file is held longer than it
/// takes to write it.
package struct SiteSink: Sendable {
  /// A whole file.
  package var file: @Sendable (SiteFile) throws -> Void
  /// A file made piece by piece: its path, and a function that hands each piece to `append`.
  package var stream: @Sendable (String, (_ append: ([UInt8]) throws -> Void) throws -> Void) throws -> Void

  package init(
    file: @escaping @Sendable (SiteFile) throws -> Void,
    stream: @escaping @Sendable (String, (_ append: ([UInt8]) throws -> Void) throws -> Void) throws -> Void
  ) {
    self.file = file
    self.stream = stream
  }

  /// Collected in memory; `files` gives them, sorted by path.
  package final class Collected: Sendable {
    private let collected = Mutex<[SiteFile]>([])

    package init() {}

    package var sink: SiteSink {
      SiteSink(
        file: { file in self.collected.withLock { $0.append(file) } },
        stream: { path, produce in
          var pieces: [[UInt8]] = []
          try produce { pieces.append($0) }
          self.collected.withLock { [pieces] in $0.append(SiteFile(path: path, pieces: pieces)) }
        })
    }

    package var files: [SiteFile] {
      collected.withLock { $0 }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
  }
}
