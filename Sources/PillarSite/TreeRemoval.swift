import Foundation
import PillarParallel

#if canImport(Glibc)
  import Glibc
#endif

/// Deletes a folder a build made (the previous site after the swap, or an abandoned staging
/// folder), with `unlinkat` on every core: FileManager's removal of a 20,000-file site was a
/// quarter of a one-change rebuild. Links inside are removed, never followed.
enum TreeRemoval {
  static func remove(_ path: String, jobs: Int) {
    // The folders two levels down (`workloads/<id>`, `questions/…`) go in parallel; each is
    // small enough to remove on one thread.
    var folders: [String] = []
    for (name, kind) in FolderEntries.of(path) ?? [] where kind == .folder {
      for (child, childKind) in FolderEntries.of(path + "/" + name) ?? [] where childKind == .folder {
        folders.append(path + "/" + name + "/" + child)
      }
    }
    _ = Parallel.map(folders, jobs: jobs) { removeOnOneThread($0) }
    removeOnOneThread(path)
  }

  private static func removeOnOneThread(_ path: String) {
    guard let found = FolderEntries.of(path) else {
      unlink(path)
      return
    }
    for (name, kind) in found {
      if kind == .folder {
        removeOnOneThread(path + "/" + name)
      } else {
        unlink(path + "/" + name)
      }
    }
    rmdir(path)
  }
}
