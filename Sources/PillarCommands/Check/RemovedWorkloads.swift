import Foundation
import PillarLoad

/// Workloads a change removed: folders with a profile at the base commit and none in the working
/// tree. Deleting a failing workload's folder used to give "checked 0 workloads" and a pass; now
/// it fails, unless the profile was marked retired at the base (retiring is its own reviewed
/// change, and the site keeps showing the workload as retired until then).
enum RemovedWorkloads {
  static func find(since base: String, root: URL) throws -> [String] {
    let prefix = try Git.prefix(of: root)
    let listing = try Git.run(["ls-tree", "-r", "--name-only", "--full-name", base, "--", "reviews"], in: root)
    var removed: [String] = []
    for path in listing.split(separator: 0x0A).map({ String(decoding: $0, as: UTF8.self) }) {
      guard path.hasPrefix(prefix) else { continue }
      let parts = path.dropFirst(prefix.count).split(separator: "/")
      guard parts.count == 3, parts[0] == "reviews", parts[2] == "workload.md",
        Identifier.problem(String(parts[1])) == nil
      else { continue }
      let id = String(parts[1])
      let profile = root.appendingPathComponent("reviews/\(id)/workload.md").path
      guard !FileManager.default.fileExists(atPath: profile) else { continue }
      let old = try Git.run(["show", "\(base):\(path)"], in: root)
      if !wasRetired([UInt8](old), path: path) { removed.append(id) }
    }
    return removed.sorted()
  }

  /// Whether a profile's front matter says `retired:` with a date, read as the loader reads it.
  static func wasRetired(_ bytes: [UInt8], path: String) -> Bool {
    let (workload, _) = WorkbookLoader.parseProfile(bytes, path: path, id: "w")
    return workload?.retirement != nil
  }
}
