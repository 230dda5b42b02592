import Foundation
import PillarParallel
import PillarSite

/// Where a build keeps each searchable page's postings (its terms and their sections) between
/// rendering the page and writing the search index: files in `.pillar-search/` of the site,
/// one per page, listed with the workload's pages in the build cache. Held in memory they were
/// the difference between 142 and 165 MiB of peak memory at 1,000 workloads, and ten times that
/// at 10,000; kept with the site, a rebuild links an unchanged workload's postings with its
/// pages instead of reading its pages' text again and cutting it into terms
/// (docs/performance.md).
package enum SearchSpill {
  static let folder = ".pillar-search"

  /// Writes a workload's page postings aside; returns where, to read them back.
  static func setAside(_ postings: [SearchPostings], workload: String, in staging: Publisher.Staging) throws
    -> [String]
  {
    try postings.enumerated().map { number, page in
      let path = "\(folder)/\(workload).\(number)"
      try staging.write([SiteFile(path: path, contents: page.serialized)])
      return path
    }
  }

  /// Postings read back per pass of the index are held at most this many bytes at once.
  package static let passBytes = 64 << 20

  /// Writes the search index from the postings set aside (`paths`) and the organisation's, in as
  /// many passes as keep each pass's postings within `passBytes`: one up to about 4,500
  /// workloads, three at 10,000 (each pass reads every postings file again: five passes of
  /// 32 MB made the index stage at 10,000 workloads 3 s instead of 1.3 s).
  static func writeIndex(
    _ paths: [String], and organisation: [SearchPostings], from staging: Publisher.Staging,
    passBytes: Int = passBytes, jobs: Int
  ) throws {
    let sizes = Parallel.map(paths, jobs: jobs) { staging.size(of: $0) ?? 0 }
    let total = sizes.reduce(0, +) + organisation.reduce(0) { $0 + $1.size }
    try SearchIndex.write(passes: (total + passBytes - 1) / passBytes, jobs: jobs) { keeps in
      try readBack(paths, from: staging, keeping: keeps, jobs: jobs) + organisation.map { $0.keeping(keeps) }
    } to: {
      try staging.write([$0])
    }
  }

  /// Every page's postings, read back, with the terms `keeps` accepts. The files are this
  /// build's own, in its own staging folder, which only this build (holding the output's lock)
  /// writes.
  static func readBack(
    _ paths: [String], from staging: Publisher.Staging, keeping keeps: @escaping @Sendable (UInt64) -> Bool, jobs: Int
  ) throws -> [SearchPostings] {
    try Parallel.mapThrowing(paths, jobs: jobs) { path in
      guard let bytes = staging.read(path), let postings = SearchPostings(serialized: bytes) else {
        throw Publisher.Failure(description: "cannot read back the search postings \(path) of the new site")
      }
      return postings.keeping(keeps)
    }
  }

  /// Whether an unchanged workload's postings in the current site can be read back; when one
  /// is missing or damaged, the workload is rendered again.
  static func readable(_ files: [String], site: String) -> Bool {
    files.allSatisfy { path in
      guard path.hasPrefix(folder + "/") else { return true }
      guard let data = FileManager.default.contents(atPath: site + "/" + path) else { return false }
      return SearchPostings(serialized: [UInt8](data)) != nil
    }
  }
}
