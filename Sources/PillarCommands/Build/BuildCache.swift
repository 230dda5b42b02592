import Foundation
import PillarDiagnostics
import PillarParallel
import PillarScoring

/// What a build remembers in the site it wrote (`.pillar-cache.json`), so the next build can
/// skip what did not change: a fingerprint of everything shared (question set, templates,
/// settings, date) and, for each workload, the fingerprint of its folder, the pages it made,
/// its diagnostics and its summary for the organisation-wide pages.
struct BuildCache: Codable {
  static let fileName = ".pillar-cache.json"
  /// Bumped whenever what a build writes changes, so an old cache is never trusted.
  static let format = "pillar-cache/2 \(Pillar.configuration.version)"

  struct Entry: Codable {
    var id: String
    var fingerprint: String
    var files: [String]
    var diagnostics: [Diagnostic]
    var summary: WorkloadSummary?
  }

  var format = BuildCache.format
  var shared: String
  var workloads: [Entry]

  static func read(from output: URL) -> BuildCache? {
    guard FileManager.default.fileExists(atPath: output.appendingPathComponent(".pillar-site").path),
      let data = FileManager.default.contents(atPath: output.appendingPathComponent(fileName).path),
      let cache = try? JSONDecoder().decode(BuildCache.self, from: data), cache.format == format
    else { return nil }
    return cache
  }

  /// The same JSON as encoding the whole value with sorted keys, with the workloads encoded in
  /// parallel: one encoder over a thousand summaries took a serial half second at the end of
  /// every build.
  func encoded() throws -> [UInt8] {
    let entries = try Parallel.mapThrowing(workloads) { try BuildCache.json($0) }
    var out =
      Array(#"{"format":"#.utf8) + (try Self.json(format)) + Array(#","shared":"#.utf8) + (try Self.json(shared))
    out += Array(#","workloads":["#.utf8)
    for (index, entry) in entries.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out += entry
    }
    out += Array("]}".utf8)
    return out
  }

  private static func json(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return [UInt8](try encoder.encode(value))
  }
}
