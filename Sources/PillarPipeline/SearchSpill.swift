import Foundation
import PillarParallel
import PillarSite

/// Where a build keeps each searchable page's postings between rendering the page and writing
/// the search index: on disk, in a working folder of the new site that is removed before the
/// site is published. Held in memory they were the difference between 142 and 165 MiB of peak
/// memory at 1,000 workloads, and ten times that at 10,000 (docs/performance.md).
enum SearchSpill {
  static let folder = ".pillar-search-work"

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

  /// Every page's postings, read back. The files are this build's own, in its own staging
  /// folder, which only this build (holding the output's lock) writes.
  static func readBack(_ paths: [String], from staging: Publisher.Staging, jobs: Int) throws -> [SearchPostings] {
    try Parallel.mapThrowing(paths, jobs: jobs) { path in
      guard let bytes = staging.read(path), let postings = SearchPostings(serialized: bytes) else {
        throw Publisher.Failure(description: "cannot read back the search postings \(path) of the new site")
      }
      return postings
    }
  }

  /// The postings of an unchanged workload's searchable pages, from the sections files its
  /// pages published in the current site; nil when one is missing or damaged, and the workload
  /// is then rendered again.
  static func published(_ files: [String], site: String) -> [SearchPostings]? {
    var postings: [SearchPostings] = []
    for path in files where path.hasPrefix("search/pages/") {
      guard let data = FileManager.default.contents(atPath: site + "/" + path),
        let document = SearchDocument(fragment: [UInt8](data))
      else { return nil }
      postings.append(SearchPostings(document))
    }
    return postings
  }
}
