import Dispatch
import Foundation

/// Each stage's time and the process's peak memory when it ended (`pillar build --timings`): a
/// stage that raises the peak is the one to look at when memory grows.
package struct Stopwatch {
  private var last = DispatchTime.now()
  package private(set) var laps: [(stage: String, seconds: Double, peakBytes: Int?)] = []

  package init() {}

  package mutating func lap(_ stage: String) {
    let now = DispatchTime.now()
    laps.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, Self.peakBytes()))
    last = now
  }

  /// The resident set's high-water mark (`VmHWM` in `/proc/self/status`); nil where there is none.
  static func peakBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    return kilobytes * 1024
  }
}
