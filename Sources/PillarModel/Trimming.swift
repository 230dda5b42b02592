/// Trimming without Foundation: `trimmingCharacters(in:)` bridges every string through
/// NSString on Linux, which showed in profiles of large workbooks.
extension StringProtocol {
  /// Without leading and trailing spaces and tabs (Foundation's `.whitespaces`).
  package func trimmingSpaces() -> String { trimming { $0.isWhitespace && !$0.isNewline } }

  /// Without leading and trailing whitespace and newlines (`.whitespacesAndNewlines`).
  package func trimmingWhitespace() -> String { trimming(\.isWhitespace) }

  private func trimming(_ isTrimmed: (Character) -> Bool) -> String {
    guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
