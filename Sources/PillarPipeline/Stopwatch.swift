import Dispatch

/// Stage timings for `--timings`: a development aid, never part of the output.
package struct Stopwatch {
  private var last = DispatchTime.now()
  package private(set) var laps: [(stage: String, seconds: Double)] = []

  package init() {}

  package mutating func lap(_ stage: String) {
    let now = DispatchTime.now()
    laps.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
    last = now
  }
}
