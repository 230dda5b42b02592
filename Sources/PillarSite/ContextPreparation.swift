import Mustache

/// Readies page contexts for the template engine, lazily, as the engine looks values up:
///
/// - **Links.** Page builders give every link (a key ending in `href` or `Href`) as a path from
///   the site's root; here it becomes a path from the page (`../../questions/SEC03.html`), so
///   templates write `href="{{href}}"` and the site works from disk.
/// - **Nothing to show.** Mustache treats an empty string as true in a section
///   (`{{#note}}…{{/note}}`) and, when a key is missing, looks it up again in every enclosing
///   context. Empty strings become `Nothing`, which is false in a section, prints as nothing, and
///   stops the lookup where it is.
/// - **Speed.** Dictionaries are seen by the engine as `Box`, a final class: its dynamic casts
///   resolve faster on it than on `Dictionary<String, Any>`, and values nobody looks up are
///   never converted.
enum ContextPreparation {
  static func boxed(_ context: [String: Any], root: String) -> Box { Box(context, root: root) }

  final class Box: MustacheParent, @unchecked Sendable {
    let values: [String: Any]
    let root: String

    init(_ values: [String: Any], root: String) {
      self.values = values
      self.root = root
    }

    func child(named name: String) -> Any? {
      guard let value = values[name] else { return nil }
      if let text = value as? String {
        if text.isEmpty { return Nothing() }
        return name.hasSuffix("href") || name.hasSuffix("Href") ? root + text : text
      }
      return ContextPreparation.prepare(value, root: root)
    }
  }

  static func prepare(_ value: Any, root: String) -> Any {
    switch value {
    case let text as String: return text.isEmpty ? Nothing() : text
    case let dictionary as [String: Any]: return Box(dictionary, root: root)
    case let array as [[String: Any]]: return array.map { Box($0, root: root) }
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
