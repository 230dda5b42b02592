import Foundation
import PillarDiagnostics
import PillarLoad
import PillarModel
import PillarParallel
import PillarRecords
import PillarScoring
import PillarSite

/// What a build remembers in the site it wrote, so the next build can skip what did not change.
/// Two files of JSON Lines, read and written on every core:
///
/// - `.pillar-cache.jsonl`: a header with the fingerprint of everything shared (question set,
///   templates, settings, date), then a line per workload: the fingerprint of its folder, the
///   files it made, its diagnostics and its number of releases. A rebuild with nothing changed
///   reads only this (about 1.5 KB per workload).
/// - `.pillar-summaries.jsonl`: a line per workload, in the same order, with its summary for the
///   organisation-wide pages (about 24 KB per workload), read only when something changed.
///   Splitting them took a no-change rebuild's cache read from 0.52 s to (see
///   docs/performance.md).
struct BuildCache {
  static let fileName = ".pillar-cache.jsonl"
  static let summariesFileName = ".pillar-summaries.jsonl"
  /// Bumped whenever what a build writes changes, so an old cache is never trusted.
  static let format = "pillar-cache/8 sha256 \(PillarVersion.current)"

  struct Entry: Codable {
    var id: String
    var fingerprint: String
    var files: [String]
    var diagnostics: [Diagnostic]
    var releases: Int
    /// Read from the summaries file when needed, and written there.
    var summary: WorkloadSummary?

    enum CodingKeys: String, CodingKey {
      case id, fingerprint, files, diagnostics, releases
    }

    init(
      id: String, fingerprint: String, files: [String], diagnostics: [Diagnostic], summary: WorkloadSummary? = nil
    ) {
      self.id = id
      self.fingerprint = fingerprint
      self.files = files
      self.diagnostics = diagnostics
      self.summary = summary
      releases = summary?.releases.count ?? 0
    }
  }

  var shared: String
  var workloads: [Entry]
  /// Each workload's summary line as read, by id: a workload reused unchanged is written back
  /// as it was read rather than encoded again.
  private var summaryLines: [String: ArraySlice<UInt8>] = [:]
  private var folder: URL?

  init(shared: String, workloads: [Entry]) {
    self.shared = shared
    self.workloads = workloads
  }

  /// The header line of the cache file.
  private struct Header: Codable {
    var format: String
    var shared: String
  }

  /// The previous build's cache without its summaries (see `withSummaries`).
  static func read(from output: URL, jobs: Int) -> BuildCache? {
    guard FileManager.default.fileExists(atPath: output.appendingPathComponent(".pillar-site").path),
      let bytes = contents(of: output.appendingPathComponent(fileName).path)
    else { return nil }
    let lines = bytes.split(separator: 0x0A).map { Array($0) }
    guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first)),
      header.format == format
    else { return nil }
    let entries = Parallel.map(Array(lines.dropFirst()), jobs: jobs) { line in
      try? JSONReader.read(line) { try Entry(reading: &$0) }
    }
    guard entries.allSatisfy({ $0 != nil }) else { return nil }
    var cache = BuildCache(shared: header.shared, workloads: entries.map { $0! })
    cache.folder = output
    return cache
  }

  /// The cache with the summary lines of the workloads named, read but not parsed: each is
  /// parsed by `summarised` on the workloads stage's threads, beside the workload being built
  /// (as a stage of its own, parsing took 0.15 s of a one-change rebuild on every core). Nil when
  /// the summaries file is missing or does not match the cache, and nothing may be reused.
  func withSummaryLines(of ids: Set<String>) -> BuildCache? {
    guard let folder, let bytes = Self.contents(of: folder.appendingPathComponent(Self.summariesFileName).path)
    else { return nil }
    // Lines are slices of the one buffer the file was read into, not copies.
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
    guard lines.count == workloads.count else { return nil }
    var cache = self
    cache.summaryLines = Dictionary(
      zip(workloads, lines).filter { ids.contains($0.0.id) }.map { ($0.0.id, $0.1) },
      uniquingKeysWith: { first, _ in first })
    return cache
  }

  /// `entry` with its summary read from its line; nil when there is no line for it or the line
  /// cannot be read, and the workload must be built again.
  func summarised(_ entry: Entry) -> Entry? {
    guard let line = summaryLines[entry.id] else { return nil }
    guard !line.elementsEqual("null".utf8) else { return entry.releases == 0 ? entry : nil }
    guard let summary = try? JSONReader.read(Array(line), { try WorkloadSummary(reading: &$0) }) else { return nil }
    var read = entry
    read.summary = summary
    return read
  }

  /// A cache file read whole into one buffer (`InputFile`, with POSIX calls: Foundation's `Data`,
  /// then a copy into an array, doubled the time of reading the 23 MB summaries file); nil when
  /// it cannot be read.
  static func contents(of path: String) -> [UInt8]? {
    guard case .bytes(let bytes) = InputFile.read(path, maximum: 1 << 40) else { return nil }
    return bytes
  }

  /// Both files, written through `sink` a batch of workloads at a time: held whole, the
  /// summaries file was 24 KB a workload in memory (32 KB with each line's spare capacity), 330 MB
  /// at 10,000 workloads.
  /// - Parameter reused: the workloads whose entries are the previous cache's, unchanged.
  func write(to sink: SiteSink, reusing previous: BuildCache? = nil, reused: Set<String> = [], jobs: Int) throws {
    try sink.stream(Self.fileName) { append in
      try append(try Self.json(Header(format: Self.format, shared: shared)) + [0x0A])
      try Parallel.forEachBatch(workloads, jobs: jobs) {
        try $0.json() + [0x0A]
      } consume: {
        try append($0)
      }
    }
    let lines = previous?.summaryLines ?? [:]
    try sink.stream(Self.summariesFileName) { append in
      // Small batches: a summary line is about 24 KB.
      try Parallel.forEachBatch(workloads, batch: 64, jobs: jobs) { entry -> [UInt8] in
        if reused.contains(entry.id), let line = lines[entry.id] { return Array(line) + [0x0A] }
        guard let value = entry.summary else { return Array("null\n".utf8) }
        var json = PrettyJSON(pretty: false, capacity: 32 * 1024)
        value.write(to: &json)
        json.raw([0x0A])
        // Without the spare room: a batch of lines is held until it is written.
        return json.bytes.withUnsafeBufferPointer { Array($0) }
      } consume: {
        try append($0)
      }
    }
  }

  fileprivate static func json(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return [UInt8](try encoder.encode(value))
  }
}

extension BuildCache.Entry {
  /// An entry from its cache line, with our own reader: `JSONDecoder` over every line was most
  /// of the time of reading the cache, which a no-change rebuild does and nothing else. The
  /// diagnostics, absent from most lines, are handed to `JSONDecoder` when there are some. The
  /// tests check the round trip against `JSONDecoder`.
  init(reading json: inout JSONReader) throws {
    var id: String?
    var fingerprint: String?
    var files: [String]?
    var diagnostics: [Diagnostic]?
    var releases: Int?
    try json.object { json, key in
      switch key {
      case "id": id = try json.string()
      case "fingerprint": fingerprint = try json.string()
      case "files": files = try json.strings()
      case "releases": releases = try json.int()
      case "diagnostics":
        let raw = try json.raw()
        diagnostics =
          raw.elementsEqual("[]".utf8) ? [] : try JSONDecoder().decode([Diagnostic].self, from: Data(raw))
      default: try json.skip()
      }
    }
    guard let id, let fingerprint, let files, let diagnostics, let releases else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a cache entry lacks a field"))
    }
    self.init(id: id, fingerprint: fingerprint, files: files, diagnostics: diagnostics)
    self.releases = releases
  }

  /// The cache line, written directly: `JSONEncoder` over a thousand entries was most of the
  /// time of writing the cache. `JSONDecoder` reads it back (tests check the round trip).
  func json() throws -> [UInt8] {
    var json = PrettyJSON(pretty: false, capacity: 2 * 1024)
    json.beginObject()
    json.key("diagnostics")
    json.raw(try BuildCache.json(diagnostics))
    json.field("files", files)
    json.field("fingerprint", fingerprint)
    json.field("id", id)
    json.field("releases", releases)
    json.endObject()
    return json.bytes
  }
}
