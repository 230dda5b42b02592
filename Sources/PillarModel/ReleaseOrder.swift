/// The order of a workload's releases: version-like names compare piece by piece, numbers as
/// numbers (`2026.10` after `2026.9`), other pieces as text; the `reviewed` date breaks ties.
package enum ReleaseOrder {
  package static func precedes(_ a: Review, _ b: Review) -> Bool {
    let order = compare(a.release, b.release)
    if order != 0 { return order < 0 }
    if a.reviewed != b.reviewed { return a.reviewed < b.reviewed }
    return a.release < b.release
  }

  /// -1, 0 or 1. Pieces are runs of digits or of other characters; `.`, `-` and `_` separate.
  package static func compare(_ a: String, _ b: String) -> Int {
    let left = pieces(a)
    let right = pieces(b)
    for (x, y) in zip(left, right) where x != y {
      switch (Int(x), Int(y)) {
      case let (m?, n?): if m != n { return m < n ? -1 : 1 }
      case (.some, nil): return -1  // a number sorts before a word
      case (nil, .some): return 1
      case (nil, nil): return x < y ? -1 : 1
      }
    }
    if left.count != right.count { return left.count < right.count ? -1 : 1 }
    return 0
  }

  static func pieces(_ name: String) -> [String] {
    var result: [String] = []
    var current = ""
    var currentIsDigit = false
    for character in name {
      if character == "." || character == "-" || character == "_" {
        if !current.isEmpty { result.append(current) }
        current = ""
        continue
      }
      let isDigit = character.isASCII && character.isNumber
      if !current.isEmpty && isDigit != currentIsDigit {
        result.append(current)
        current = ""
      }
      current.append(character)
      currentIsDigit = isDigit
    }
    if !current.isEmpty { result.append(current) }
    return result
  }
}
