/// "Did you mean" support: the candidate closest to a misspelled word, when one is close enough
/// that suggesting it is more likely to help than to confuse.
package enum Suggestion {
  package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(word.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if distance < (best?.distance ?? .max) || (distance == best?.distance && candidate < best!.name) {
        best = (candidate, distance)
      }
    }
    guard let best else { return nil }
    let allowed = max(1, min(3, target.count / 3))
    return best.distance <= allowed ? best.name : nil
  }

  /// Appends ` (did you mean 'x'?)` when a close candidate exists.
  package static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
    guard let match = closest(to: word, in: candidates), match != word else { return "" }
    return "; did you mean '\(match)'?"
  }

  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
