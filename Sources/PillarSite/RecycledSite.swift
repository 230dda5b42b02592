import Foundation
import PillarParallel
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The site before last, recycled as a build's staging folder. After a swap, the folder that
/// held the new site holds the previous one; instead of deleting its 24,000 files (a hard link
/// each, most of them shared with the new site), an incremental build keeps it beside the output
/// as `.pillar-previous-<name>`, and the next build writes into it: files it already holds with
/// the right bytes are kept, the rest replaced, and what the new site lacks is swept away before
/// the swap. A one-change rebuild then touches hundreds of files instead of linking 24,000 and
/// deleting 24,000 (see docs/performance.md). The swap stays whole and atomic.
///
/// A file is never rewritten in place: it may be a hard link shared with the live site, so it is
/// unlinked first and written anew.
final class RecycledSite: Sendable {
  /// The files the folder held when it was taken, relative to it.
  let files: Set<String>
  /// Its folders, relative to it, each after the one that holds it.
  let folders: [String]
  /// What this build put in the folder: written, linked, or kept as it was.
  private let present = Mutex<Set<String>>([])

  /// Takes stock of the folder at `path` before anything is written into it. Whatever is neither
  /// a regular file nor a folder is removed at once: a link to a folder elsewhere would take the
  /// build's writes outside the site.
  init(walking path: String) {
    var files: Set<String> = []
    var folders: [String] = []
    var pending = [""]
    while let relative = pending.popLast() {
      let prefix = relative.isEmpty ? "" : relative + "/"
      for (name, kind) in FolderEntries.of(relative.isEmpty ? path : path + "/" + relative) ?? [] {
        switch kind {
        case .file: files.insert(prefix + name)
        case .folder:
          folders.append(prefix + name)
          pending.append(prefix + name)
        case .link, .other: unlink(path + "/" + prefix + name)
        }
      }
    }
    self.files = files
    self.folders = folders
  }

  /// Whether the folder held every one of `paths` when it was taken (its cache may list files
  /// someone has since deleted).
  func holds(_ paths: [String]) -> Bool {
    paths.allSatisfy(files.contains)
  }

  func record(_ paths: some Sequence<String>) {
    present.withLock { present in
      for path in paths { present.insert(path) }
    }
  }

  /// Removes, from the folder at `path`, the files this build did not put there, then the
  /// folders left empty (deepest first; `rmdir` leaves the others).
  func sweep(_ path: String) {
    let present = present.withLock { $0 }
    for file in files where !present.contains(file) { unlink(path + "/" + file) }
    for folder in folders.reversed() { rmdir(path + "/" + folder) }
  }
}
