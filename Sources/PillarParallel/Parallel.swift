import Dispatch
import Foundation
import Synchronization

/// Maps over an array on several threads and returns the results in the input's order, so the
/// output never depends on which thread finished first.
package enum Parallel {
  /// The default number of threads: one per core. The command line's `--jobs` is passed down
  /// as a parameter from the commands to every stage, never kept in a global.
  package static let cores = max(1, System.cores)

  package static func map<T, U>(_ items: [T], jobs: Int = cores, _ transform: @Sendable (T) -> U) -> [U]
  where T: Sendable, U: Sendable {
    let count = items.count
    guard count > 1, jobs > 1 else { return items.map(transform) }
    let results = Results<U>(count: count)
    // Each thread takes the next item when it is free, so no thread idles while another still
    // has a fixed share to finish (items differ in size: a workload with many releases, the
    // dashboard against a small page). Taking an item costs one lock, nothing beside an item's work.
    let next = NextIndex()
    items.withUnsafeBufferPointer { buffer in
      let input = UnsafeSendable(buffer)
      DispatchQueue.concurrentPerform(iterations: min(count, jobs)) { _ in
        while let index = next.take(below: count) { results.set(index, transform(input.value[index])) }
      }
    }
    return results.values()
  }

  /// `map` for work that can fail: every item is tried, and the first error in input order is
  /// thrown.
  package static func mapThrowing<T, U>(_ items: [T], jobs: Int = cores, _ transform: @Sendable (T) throws -> U)
    throws -> [U]
  where T: Sendable, U: Sendable {
    try map(items, jobs: jobs) { item in Result { try transform(item) } }.map { try $0.get() }
  }

  /// `mapThrowing` a batch of items at a time, each batch's results handed to `consume` in order
  /// before the next batch is made: for output too large to hold whole (a file of a record per
  /// workload), so memory holds one batch of results however many items there are.
  package static func forEachBatch<T, U>(
    _ items: some RandomAccessCollection<T>, batch: Int = 512, jobs: Int = cores,
    _ transform: @Sendable (T) throws -> U, consume: (U) throws -> Void
  ) throws where T: Sendable, U: Sendable {
    var start = items.startIndex
    while start != items.endIndex {
      let end = items.index(start, offsetBy: batch, limitedBy: items.endIndex) ?? items.endIndex
      for result in try mapThrowing(Array(items[start..<end]), jobs: jobs, transform) { try consume(result) }
      start = end
    }
  }

  private final class NextIndex: Sendable {
    private let value = Mutex(0)

    func take(below count: Int) -> Int? {
      value.withLock { value in
        guard value < count else { return nil }
        value += 1
        return value - 1
      }
    }
  }

  /// Each index is written by exactly one thread, and read only after all have finished.
  private final class Results<U>: @unchecked Sendable {
    private var storage: [U?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: U) { storage.withUnsafeMutableBufferPointer { $0[index] = value } }
    func values() -> [U] { storage.map { $0! } }
  }

  /// The input's buffer handed to the worker threads: they only read it, and `map` returns only
  /// after every one has finished, while the buffer is still valid.
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
