/// Which link and image destinations may reach the site. An allow-list, because libcmark's own
/// filter is a deny-list that lets every scheme it does not know about through.
package enum URLPolicy {
  package static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

  /// True for `http:`, `https:`, `mailto:` and relative URLs that stay inside the site.
  package static func isAllowed(_ destination: String) -> Bool {
    // The common case, decided without looking further.
    if destination.hasPrefix("https://") || destination.hasPrefix("http://") || destination.hasPrefix("mailto:") {
      return true
    }
    guard let scheme = scheme(of: destination) else {
      return !isNetworkPath(destination) && !isLocalFile(destination)
    }
    return allowedSchemes.contains(scheme)
  }

  /// An absolute path (`/etc/hostname`) or one that climbs (`../../x`): opened from disk, the
  /// site would load a file of the reader's machine, so such a path is never a link. Pages link
  /// to each other themselves; notes have no need to climb.
  static func isLocalFile(_ destination: String) -> Bool {
    var path = ""
    for scalar in destination.unicodeScalars.drop(while: { $0.value <= 0x20 }) {
      if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
      if scalar == "?" || scalar == "#" { break }
      path.unicodeScalars.append(scalar == "\\" ? "/" : scalar)
    }
    if path.hasPrefix("/") { return true }
    // `%2e` is a dot to a browser resolving the path.
    return path.split(separator: "/", omittingEmptySubsequences: false).contains { segment in
      var rest = Substring(segment.lowercased())
      var dots = 0
      while !rest.isEmpty {
        if rest.hasPrefix(".") {
          rest = rest.dropFirst()
        } else if rest.hasPrefix("%2e") {
          rest = rest.dropFirst(3)
        } else {
          return false
        }
        dots += 1
      }
      return dots == 2
    }
  }

  /// `//host/x` (and `\\host`, `/\\host`, which browsers read the same way) names another host
  /// while looking relative; the site must load nothing from outside itself without saying so.
  static func isNetworkPath(_ destination: String) -> Bool {
    let start = destination.unicodeScalars.drop { $0.value <= 0x20 }.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
    let first = start.prefix(2).map { $0 == "\\" ? "/" : $0 }
    return first == ["/", "/"]
  }

  /// The scheme as a browser would see it: leading C0 controls and spaces are ignored and tabs
  /// and newlines anywhere are removed (the URL standard does this), so `java\tscript:` is caught.
  package static func scheme(of destination: String) -> String? {
    var scalars = destination.unicodeScalars.drop { $0.value <= 0x20 }[...]
    scalars = scalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }[...]
    var scheme = ""
    for scalar in scalars {
      switch scalar {
      case ":":
        return scheme.isEmpty ? "" : scheme.lowercased()
      case "a"..."z", "A"..."Z":
        scheme.unicodeScalars.append(scalar)
      case "0"..."9", "+", "-", ".":
        if scheme.isEmpty { return nil }
        scheme.unicodeScalars.append(scalar)
      default:
        // A `/`, `?`, `#` or any other character before a colon: a relative URL. Anything odd
        // that is not a plain relative path is refused by the caller's escaping anyway.
        return scalar.value < 0x20 ? "" : nil
      }
    }
    return nil
  }
}
