import Foundation
import PillarDiagnostics

#if canImport(Glibc)
  import Glibc
#endif

/// Reads an input file, checking what it is and how big it is with `lstat` first: a 1 GB
/// (sparse) answer file is refused from its size, without reading a byte of it (it took 2.1 GB
/// of memory and 3 s before), and a link, a folder or a device is never read.
package enum InputFile {
  package enum Contents {
    case bytes([UInt8])
    case tooLarge(Int)
    /// Not a regular file, missing, or unreadable.
    case unreadable
  }

  /// - Parameter maximum: the most bytes accepted; the build's own cache files, which run to
  /// hundreds of megabytes at 10,000 workloads, are read with a larger one than input files.
  package static func read(_ path: String, maximum: Int = SourceText.maximumBytes) -> Contents {
    var status = stat()
    guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return .unreadable }
    let size = Int(status.st_size)
    guard size <= maximum else { return .tooLarge(size) }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else { return .unreadable }
    defer { close(descriptor) }
    // One byte more than `lstat` said, to notice a file that grew since.
    var bytes = [UInt8](repeating: 0, count: size + 1)
    var count = 0
    while count < bytes.count {
      let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
      if got < 0 && errno == EINTR { continue }
      guard got >= 0 else { return .unreadable }
      if got == 0 { break }
      count += got
    }
    guard count <= size else { return .tooLarge(maximum + 1) }
    bytes.removeSubrange(count...)
    return .bytes(bytes)
  }

  /// The diagnostic for a file that cannot be read as input.
  package static func problem(_ contents: Contents, path: String) -> Diagnostic? {
    switch contents {
    case .bytes: nil
    case .tooLarge(let size):
      .error(
        "file-too-large", "file is \(size) bytes; input files are limited to \(SourceText.maximumBytes) bytes",
        at: SourceLocation(path: path))
    case .unreadable:
      .error(
        "unreadable-file", "cannot read the file; check that it is a readable regular file",
        at: SourceLocation(path: path))
    }
  }
}
