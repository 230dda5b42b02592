#if canImport(Glibc)
  import Glibc
#endif

/// A folder's names and what each is, from `readdir` alone: the file type comes with each name,
/// so nothing is `stat`ed unless the file system leaves the type out. Here, in the low-level
/// module that both the loader (the workbook's inventory) and the publisher (removing and
/// recycling sites) depend on.
package enum FolderEntries {
  package enum Kind: Sendable { case folder, file, link, other }

  /// The names in the folder at `path` (without `.` and `..`, in no particular order) and what
  /// each is, a link never followed; nil when `path` is not a folder (a link to one included: it
  /// is opened without following links).
  package static func of(_ path: String) -> [(name: String, kind: Kind)]? {
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
      case UInt8(DT_LNK): kind = .link
      case UInt8(DT_UNKNOWN):
        var status = stat()
        let mode = lstat(path + "/" + name, &status) == 0 ? status.st_mode & S_IFMT : 0
        kind = mode == S_IFDIR ? .folder : mode == S_IFREG ? .file : mode == S_IFLNK ? .link : .other
      default: kind = .other
      }
      found.append((name, kind))
    }
    return found
  }
}
