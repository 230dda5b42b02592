import Foundation
import PillarLoad

/// Workloads a change removed: folders with a profile at the base commit and none in the working
/// tree. Deleting a failing workload's folder used to give "checked 0 workloads" and a pass; now
/// it fails, unless the profile was marked retired at the base (retiring is its own reviewed
/// change, and the site keeps showing the workload as retired until then).
enum RemovedWorkloads {
  static func find(since base: String, root: URL) throws -> [String] {
    let before = try BaseReviews.list(at: base, in: root)
    let gone = before.folders.values.filter { folder in
      folder.profile != nil
        && !FileManager.default.fileExists(atPath: root.appendingPathComponent("reviews/\(folder.id)/workload.md").path)
    }
    let profiles = try before.contents(of: gone.compactMap(\.profile))
    return gone.filter { folder in
      guard let path = folder.profile, let bytes = profiles[path] else { return true }
      return !wasRetired(bytes, path: path)
    }.map(\.id).sorted()
  }

  /// Whether a profile's front matter says `retired:` with a date, read as the loader reads it.
  static func wasRetired(_ bytes: [UInt8], path: String) -> Bool {
    let (workload, _) = WorkbookLoader.parseProfile(bytes, path: path, id: "w")
    return workload?.retirement != nil
  }
}
