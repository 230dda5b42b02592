import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program with `posix_spawn` and waits with `waitpid`. Foundation's `Process` waited
/// about 50 ms for each child on Linux, which made a diff that asks git a dozen questions
/// take a second; this takes a few milliseconds per child.
package enum Subprocess {
  package struct Result {
    package var status: Int32
    package var output: Data
    package var error: Data
  }

  package struct Failure: Error, CustomStringConvertible {
    package var description: String
  }

  /// - Parameter input: written to the child's standard input (from another thread, so that
  ///   neither side waits on a full pipe); without it, standard input is `/dev/null`.
  package static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
    var output: [Int32] = [-1, -1]
    var errors: [Int32] = [-1, -1]
    var feed: [Int32] = [-1, -1]
    guard pipe(&output) == 0, pipe(&errors) == 0, input == nil || pipe(&feed) == 0 else {
      throw Failure(description: "cannot make a pipe: \(String(cString: strerror(errno)))")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
    if input != nil {
      posix_spawn_file_actions_adddup2(&actions, feed[0], 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    for descriptor in output + errors + feed where descriptor >= 0 {
      posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, &envp)
    close(output[1])
    close(errors[1])
    if feed[0] >= 0 { close(feed[0]) }
    guard spawned == 0 else {
      for descriptor in [output[0], errors[0], feed[1]] where descriptor >= 0 { close(descriptor) }
      throw Failure(description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
    }
    if let input, feed[1] >= 0 {
      let writer = FileHandle(fileDescriptor: feed[1], closeOnDealloc: true)
      DispatchQueue.global().async {
        try? writer.write(contentsOf: input)
        try? writer.close()
      }
    }
    let errorReader = FileHandle(fileDescriptor: errors[0], closeOnDealloc: true)
    let messages = Messages()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { messages.data = errorReader.readDataToEndOfFile() }
    let data = FileHandle(fileDescriptor: output[0], closeOnDealloc: true).readDataToEndOfFile()
    group.wait()
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS: a normal exit has no signal bits, and its code above them.
    let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Result(status: code, output: data, error: messages.data)
  }

  /// What the child wrote to standard error, filled in by the thread that reads it.
  private final class Messages: @unchecked Sendable {
    // Written once by the reading thread before `group.wait()` returns; read after it.
    var data = Data()
  }
}
