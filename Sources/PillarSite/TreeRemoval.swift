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
    for (name, kind) in entries(of: path) ?? [] where kind == .folder {
      for (child, childKind) in entries(of: path + "/" + name) ?? [] where childKind == .folder {
        folders.append(path + "/" + name + "/" + child)
      }
    }
    _ = Parallel.map(folders, jobs: jobs) { removeOnOneThread($0) }
    removeOnOneThread(path)
  }

  private static func removeOnOneThread(_ path: String) {
    guard let found = entries(of: path) else {
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

  enum Kind { case folder, file, other }

  /// The names in a folder and what each is (a link is `other`, whatever it points to); nil when
  /// `path` is not a folder (a link to one included: it is opened without following links).
  static func entries(of path: String) -> [(name: String, kind: Kind)]? {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0, let directory = fdopendir(descriptor) else {
      if descriptor >= 0 { close(descriptor) }
      return nil
    }
    defer { closedir(directory) }
    var found: [(name: String, kind: Kind)] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name == "." || name == ".." { continue }
      var kind: Kind
      switch entry.pointee.d_type {
      case UInt8(DT_DIR): kind = .folder
      case UInt8(DT_REG): kind = .file
      case UInt8(DT_UNKNOWN):
        var status = stat()
        let mode = lstat(path + "/" + name, &status) == 0 ? status.st_mode & S_IFMT : 0
        kind = mode == S_IFDIR ? .folder : mode == S_IFREG ? .file : .other
      default: kind = .other
      }
      found.append((name, kind))
    }
    return found
  }
}
