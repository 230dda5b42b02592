/// Ids become file names of the site, so they are held to a small, safe alphabet.
package enum Identifier {
  package static let maximumLength = 64
  static let reserved: Set<String> = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

  /// Why `text` is not a valid id, or nil when it is.
  package static func problem(_ text: String) -> String? {
    guard let first = text.unicodeScalars.first else { return "it is empty" }
    if text.unicodeScalars.count > maximumLength { return "it is longer than \(maximumLength) characters" }
    guard isAlphanumeric(first) else { return "it must start with a letter or a digit" }
    for scalar in text.unicodeScalars where !(isAlphanumeric(scalar) || scalar == "." || scalar == "-" || scalar == "_")
    {
      return "use only letters, digits, '.', '-' and '_'"
    }
    if text.contains("..") { return "it must not contain '..'" }
    if text.hasSuffix(".") { return "it must not end with '.'" }
    // Names Windows reserves, with any extension: a site must unpack on every file system.
    let stem = text.split(separator: ".", maxSplits: 1).first.map { $0.uppercased() } ?? ""
    if reserved.contains(stem) { return "'\(stem)' is a reserved file name on Windows" }
    return nil
  }

  /// Release names are ordered by their numbers, and `pillar new` counts on from the last one:
  /// each run of digits must be a number Pillar can count with (at most 15 digits).
  package static func releaseProblem(_ release: String) -> String? {
    var run = 0
    for scalar in release.unicodeScalars {
      run = ("0"..."9").contains(scalar) ? run + 1 : 0
      if run > 15 { return "a number in a release name may have at most 15 digits" }
    }
    return nil
  }

  private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9": true
    default: false
    }
  }
}

/// Dates are kept as `YYYY-MM-DD` text: it sorts correctly and prints as written. Years run from
/// 1970 to 9999: the year 0000 is a typo, not a review.
package enum DateText {
  package static func isValid(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { return false }
    let days = [
      31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]
    return year >= 1970 && (1...12).contains(month) && (1...days[month - 1]).contains(day)
  }
}
