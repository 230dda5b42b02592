import Foundation
import PillarLoad

/// The site's search index, made by Pagefind (PyPI `pagefind[bin]`, installed by `scripts/setup`)
/// over the pages that mark their content `data-pagefind-body` (questions, objectives, threat
/// models, incidents, workloads and latest scorecards). Optional: without Pagefind the site is
/// complete but for search, and the build says so. Pagefind's output is deterministic for the
/// same pages, so builds stay byte-identical.
package enum SearchIndex {
  package enum Outcome: Equatable, Sendable {
    case indexed
    /// Pagefind is not installed: the search page says search is unavailable.
    case unavailable
    case failed(String)
  }

  /// - Parameter latestScorecards: the site paths of each workload's latest scorecard. Pagefind
  ///   reads only the files its glob names: reading every page of a large site (20,000 at
  ///   1,000 × 10) to find the marked ones took 29 s, the searchable ones alone about 7 s.
  static func build(site: URL, latestScorecards: [String]) -> Outcome {
    let pages =
      ["questions/*.html", "objectives/*.html", "threat-models/*.html", "incidents/*.html", "workloads/*/index.html"]
      + latestScorecards
    let arguments = [
      "python3", "-m", "pagefind", "--site", site.path, "--output-subdir", "pagefind", "--glob",
      "{\(pages.joined(separator: ","))}",
    ]
    guard let result = try? Subprocess.run(arguments) else { return .unavailable }
    if result.status == 0 { return .indexed }
    let error = String(decoding: result.error, as: UTF8.self)
    // `python3 -m` names a module it cannot find on standard error, exit 1.
    if error.contains("No module named pagefind") { return .unavailable }
    return .failed(String(error.suffix(400)))
  }
}
