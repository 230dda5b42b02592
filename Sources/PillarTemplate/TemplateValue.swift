/// What a template sees of a context value. Page builders write ordinary dictionaries of
/// strings, flags, numbers, lists and nested dictionaries; each type says once, through
/// `TemplateRepresentable`, what it is, so rendering never needs a dynamic cast.
public enum TemplateValue {
  /// Printed escaped. Empty text counts as nothing: false in a section, printed as nothing,
  /// and it stops the lookup where it is (an enclosing context's key of the same name is not
  /// used).
  case text(String)
  /// Shows or hides a section; printed as `true` or `false`.
  case flag(Bool)
  /// Printed in decimal; like any present value, true in a section.
  case number(Int)
  /// A section repeats once per item.
  case list([any TemplateRepresentable])
  /// A section pushes it on the context stack; its keys are looked up by name.
  case object(TemplateContext)
}

/// A type that can appear in a template context.
public protocol TemplateRepresentable {
  var templateValue: TemplateValue { get }
}

/// A template context: names to values.
public typealias TemplateContext = [String: any TemplateRepresentable]

extension String: TemplateRepresentable {
  public var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRepresentable {
  public var templateValue: TemplateValue { .flag(self) }
}

extension Int: TemplateRepresentable {
  public var templateValue: TemplateValue { .number(self) }
}

extension Dictionary: TemplateRepresentable where Key == String, Value == any TemplateRepresentable {
  public var templateValue: TemplateValue { .object(self) }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
  public var templateValue: TemplateValue { .list(map { $0 }) }
}
