import Foundation
import PillarDiagnostics
import PillarModel
import PillarParallel
import PillarRecords
import PillarScoring

/// What a build remembers in the site it wrote (`.pillar-cache.jsonl`), so the next build can
/// skip what did not change: a fingerprint of everything shared (question set, templates,
/// settings, date) and, for each workload, the fingerprint of its folder, the pages it made,
/// its diagnostics and its summary for the organisation-wide pages.
struct BuildCache {
  static let fileName = ".pillar-cache.jsonl"
  /// Bumped whenever what a build writes changes, so an old cache is never trusted.
  static let format = "pillar-cache/6 sha256 \(PillarVersion.current)"

  struct Entry: Codable {
    var id: String
    var fingerprint: String
    var files: [String]
    var diagnostics: [Diagnostic]
    var summary: WorkloadSummary?
  }

  var shared: String
  var workloads: [Entry]
  /// Each workload's line as read, by id: a workload reused unchanged is written back as it was
  /// read rather than encoded again.
  private(set) var lines: [String: [UInt8]] = [:]

  init(shared: String, workloads: [Entry]) {
    self.shared = shared
    self.workloads = workloads
  }

  /// The header line of the cache file.
  private struct Header: Codable {
    var format: String
    var shared: String
  }

  static func read(from output: URL, jobs: Int) -> BuildCache? {
    guard FileManager.default.fileExists(atPath: output.appendingPathComponent(".pillar-site").path),
      let data = FileManager.default.contents(atPath: output.appendingPathComponent(fileName).path)
    else { return nil }
    let lines = [UInt8](data).split(separator: 0x0A).map { Array($0) }
    guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first)),
      header.format == format
    else { return nil }
    let entries = Parallel.map(Array(lines.dropFirst()), jobs: jobs) {
      try? JSONDecoder().decode(Entry.self, from: Data($0))
    }
    guard entries.allSatisfy({ $0 != nil }) else { return nil }
    var cache = BuildCache(shared: header.shared, workloads: entries.map { $0! })
    cache.lines = Dictionary(zip(cache.workloads.map(\.id), lines.dropFirst()), uniquingKeysWith: { first, _ in first })
    return cache
  }

  /// JSON Lines: a header, then one line per workload, so reading and writing run on every core
  /// (one decoder over a thousand summaries was a third of a no-change rebuild).
  /// - Parameter reused: the workloads whose entries are the previous cache's, unchanged.
  /// - Returns: the file in pieces (a line each) to write one after the other.
  func encoded(reusing previous: BuildCache? = nil, reused: Set<String> = [], jobs: Int) throws
    -> [[UInt8]]
  {
    let lines = previous?.lines ?? [:]
    let entries = try Parallel.mapThrowing(workloads, jobs: jobs) { entry in
      if reused.contains(entry.id), let line = lines[entry.id] { return line + [0x0A] }
      return try entry.json() + [0x0A]
    }
    return [try Self.json(Header(format: Self.format, shared: shared)) + [0x0A]] + entries
  }

  fileprivate static func json(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return [UInt8](try encoder.encode(value))
  }
}

extension BuildCache.Entry {
  /// One line of JSON, written directly: `JSONEncoder` over a thousand summaries was most of the
  /// time of writing the cache. `JSONDecoder` reads it back (tests check the round trip).
  func json() throws -> [UInt8] {
    var json = PrettyJSON(pretty: false, capacity: 16 * 1024)
    json.beginObject()
    json.key("diagnostics")
    json.raw(try BuildCache.json(diagnostics))
    json.field("files", files)
    json.field("fingerprint", fingerprint)
    json.field("id", id)
    if let summary {
      json.key("summary")
      summary.write(to: &json)
    }
    json.endObject()
    return json.bytes
  }
}
