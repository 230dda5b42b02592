import Dispatch

/// Maps over an array on several threads and returns the results in the input's order, so the
/// output never depends on which thread finished first.
public enum Parallel {
  /// How many threads to use: set once by the command line (`--jobs`), all cores by default.
  nonisolated(unsafe) public static var jobs = max(1, System.cores)

  public static func map<T, U>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] where T: Sendable, U: Sendable {
    let count = items.count
    guard count > 1, jobs > 1 else { return items.map(transform) }
    let results = Results<U>(count: count)
    // Chunks of work keep scheduling costs low; more chunks than threads balance uneven items.
    let chunks = min(count, jobs * 8)
    items.withUnsafeBufferPointer { buffer in
      let input = UnsafeSendable(buffer)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let start = count * chunk / chunks
        let end = count * (chunk + 1) / chunks
        for index in start..<end { results.set(index, transform(input.value[index])) }
      }
    }
    return results.values()
  }

  /// `map` for work that can fail: every item is tried, and the first error in input order is
  /// thrown.
  public static func mapThrowing<T, U>(_ items: [T], _ transform: @Sendable (T) throws -> U) throws -> [U]
  where T: Sendable, U: Sendable {
    try map(items) { item in Result { try transform(item) } }.map { try $0.get() }
  }

  /// Each index is written by exactly one thread, and read only after all have finished.
  private final class Results<U>: @unchecked Sendable {
    private var storage: [U?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: U) { storage.withUnsafeMutableBufferPointer { $0[index] = value } }
    func values() -> [U] { storage.map { $0! } }
  }

  private struct UnsafeSendable<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
  }
}

enum System {
  static var cores: Int {
    #if canImport(Glibc)
      return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    #else
      return 1
    #endif
  }
}

#if canImport(Glibc)
  import Glibc
#endif
