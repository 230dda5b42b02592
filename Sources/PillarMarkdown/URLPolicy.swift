/// Which link and image destinations may reach the site. An allow-list, because libcmark's own
/// filter is a deny-list that lets every scheme it does not know about through.
public enum URLPolicy {
  public static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

  /// True for `http:`, `https:`, `mailto:` and relative URLs (no scheme at all).
  public static func isAllowed(_ destination: String) -> Bool {
    // The common case, decided without looking further.
    if destination.hasPrefix("https://") || destination.hasPrefix("http://") || destination.hasPrefix("mailto:") {
      return true
    }
    guard let scheme = scheme(of: destination) else { return !isNetworkPath(destination) }
    return allowedSchemes.contains(scheme)
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
  public static func scheme(of destination: String) -> String? {
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
