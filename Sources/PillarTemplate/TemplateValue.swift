/// What a template sees of a context value. Page builders write ordinary literals of strings,
/// flags, numbers, lists and nested contexts; each type says once, through
/// `TemplateRepresentable`, what it is, when the context is built, so rendering never needs a
/// dynamic cast.
package enum TemplateValue: Sendable {
  /// Printed escaped. Empty text counts as nothing: false in a section, printed as nothing,
  /// and it stops the lookup where it is (an enclosing context's key of the same name is not
  /// used).
  case text(String)
  /// Text already in UTF-8 bytes, treated as `text` is, without turning it back into a `String`.
  case bytes([UInt8])
  /// HTML made by Pillar itself (libcmark's safe output, a chart, a rendered page body): the
  /// only value the engine prints unescaped, in `{{{x}}}` or `{{&x}}`. Text in those tags is
  /// escaped like any other: a string never becomes markup by the name it is given.
  case html(SafeHTML)
  /// Shows or hides a section; printed as `true` or `false`.
  case flag(Bool)
  /// Printed in decimal; like any present value, true in a section.
  case number(Int)
  /// A section repeats once per item.
  case list([TemplateValue])
  /// A section pushes it on the context stack; its keys are looked up by name.
  case object(TemplateContext)
}

/// HTML that Pillar made and vouches for. Made only by the producers that are safe by
/// construction: the Markdown renderer (libcmark without raw HTML, links filtered), the chart
/// writer (every label escaped) and the layout's page body (a rendered template).
package struct SafeHTML: Sendable, Hashable {
  package let bytes: [UInt8]

  package init(trusted bytes: [UInt8]) { self.bytes = bytes }
  package init(trusted text: String) { self.bytes = Array(text.utf8) }

  package var isEmpty: Bool { bytes.isEmpty }
}

extension SafeHTML: TemplateRepresentable {
  package var templateValue: TemplateValue { .html(self) }
}

/// A type that can appear in a template context.
package protocol TemplateRepresentable {
  var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable {
  package var templateValue: TemplateValue { self }
}

extension String: TemplateRepresentable {
  package var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRepresentable {
  package var templateValue: TemplateValue { .flag(self) }
}

extension Int: TemplateRepresentable {
  package var templateValue: TemplateValue { .number(self) }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
  package var templateValue: TemplateValue {
    // A list built as values already (the pages' hot lists are) is used as it is, not copied
    // element by element into a new array.
    if Element.self == TemplateValue.self { return .list(unsafeBitCast(self, to: [TemplateValue].self)) }
    return .list(map { $0.templateValue })
  }
}

/// A dictionary of one value type, such as `["title": title, "href": href]` written inline.
extension Dictionary: TemplateRepresentable where Key == String, Value: TemplateRepresentable {
  package var templateValue: TemplateValue {
    var context = TemplateContext()
    for (name, value) in self { context[name] = value }
    return .object(context)
  }
}
