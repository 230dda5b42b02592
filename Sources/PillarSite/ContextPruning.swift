/// Mustache treats an empty string as true in a section (`{{#note}}…{{/note}}`), which would
/// print empty paragraphs and dangling labels. Removing empty strings from a context makes
/// "nothing to show" false everywhere, without a `hasX` flag for every optional text.
enum ContextPruning {
  static func pruned(_ context: [String: Any]) -> [String: Any] {
    var result: [String: Any] = [:]
    result.reserveCapacity(context.count)
    for (key, value) in context {
      if let pruned = prune(value) { result[key] = pruned }
    }
    return result
  }

  private static func prune(_ value: Any) -> Any? {
    switch value {
    case let text as String: return text.isEmpty ? nil : text
    case let dictionary as [String: Any]: return pruned(dictionary)
    case let array as [[String: Any]]: return array.map(pruned)
    case let array as [Any]: return array.compactMap(prune)
    default: return value
    }
  }
}
