import Mustache

/// Readies a page context for the template engine, in one pass:
///
/// - **Links.** Page builders give every link (a key ending in `href` or `Href`) as a path from
///   the site's root; here it becomes a path from the page (`../../questions/SEC03.html`), so
///   templates write `href="{{href}}"` and the site works from disk.
/// - **Nothing to show.** Mustache treats an empty string as true in a section
///   (`{{#note}}…{{/note}}`) and, when a key is missing, looks it up again in every enclosing
///   context. Empty strings become `Nothing`, which is false in a section, prints as nothing, and
///   stops the lookup where it is.
enum ContextPreparation {
  /// The context as the engine sees it: dictionaries boxed in a final class, which the engine's
  /// dynamic casts resolve faster than the generic `Dictionary<String, Any>`.
  static func boxed(_ context: [String: Any], root: String) -> Box { Box(prepared(context, root: root)) }

  final class Box: MustacheParent, @unchecked Sendable {
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }
    func child(named name: String) -> Any? { values[name] }
  }

  static func prepared(_ context: [String: Any], root: String) -> [String: Any] {
    var result: [String: Any] = [:]
    result.reserveCapacity(context.count)
    for (key, value) in context {
      if let text = value as? String, !text.isEmpty, key.hasSuffix("href") || key.hasSuffix("Href") {
        result[key] = root + text
      } else {
        result[key] = prepare(value, root: root)
      }
    }
    return result
  }

  private static func prepare(_ value: Any, root: String) -> Any {
    switch value {
    case let text as String: return text.isEmpty ? Nothing() : text
    case let dictionary as [String: Any]: return Box(prepared(dictionary, root: root))
    case let array as [[String: Any]]: return array.map { Box(prepared($0, root: root)) }
    case let array as [Any]: return array.map { prepare($0, root: root) }
    default: return value
    }
  }

  /// An absent value: false in sections, empty when printed.
  struct Nothing: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
  }
}
