import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One build at a time per output folder: an advisory lock (`flock`) on a file beside the
/// folder, held from before the leftovers of killed builds are cleaned up until after the swap.
/// Without it a second build's start-up cleanup deleted the first one's staging folder while it
/// was being written, and both reported success over a site missing hundreds of pages. The lock
/// goes with the process, so a killed build never leaves it held.
package final class OutputLock {
  private let descriptor: Int32

  /// Takes the lock for `output`, waiting for another build to finish; `waiting` is called once
  /// before waiting, so the user knows why nothing happens.
  package init(output: URL, waiting: () -> Void) throws {
    let parent = output.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let path = parent.appendingPathComponent(".pillar-lock-\(output.lastPathComponent)").path
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else {
      throw Publisher.Failure(description: "cannot open the build lock \(path): \(String(cString: strerror(errno)))")
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      waiting()
      while flock(descriptor, LOCK_EX) != 0 {
        guard errno == EINTR else {
          close(descriptor)
          throw Publisher.Failure(description: "cannot lock \(path): \(String(cString: strerror(errno)))")
        }
      }
    }
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
