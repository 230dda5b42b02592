/// A parsed template: the Mustache subset Pillar's site uses (variables, unescaped variables,
/// sections, inverted sections, comments and partials), with the whitespace rules of
/// swift-mustache 2, which it replaced for speed (see docs/performance.md). Set-delimiter tags,
/// pragmas, lambdas, transforms, dynamic partials and template inheritance are refused when
/// the template is parsed.
package struct Template: Sendable {
  let nodes: [Node]
  /// The partials this template names, for checking that they exist and do not form a cycle.
  let partials: Set<String>
  /// Every `{{{name}}}` and `{{&name}}`, where the parser read it: what a site checks its
  /// templates' unescaped output by, on the parsed template rather than by scanning its text.
  package let unescaped: [UnescapedTag]

  package struct UnescapedTag: Sendable, Equatable {
    package var name: String
    package var line: Int
    package var column: Int
  }

  package init(_ text: String) throws(TemplateSyntaxError) {
    var parser = TemplateParser(text)
    nodes = try parser.parseTemplate()
    unescaped = parser.unescaped
    partials = Node.partials(in: nodes)
  }
}

/// Where and why a template does not parse; line and column count from 1.
package struct TemplateSyntaxError: Error, Sendable, Equatable {
  package var line: Int
  package var column: Int
  package var message: String
  /// A tag that could turn escaping off (a delimiter change, a pragma), as against a tag that
  /// is merely malformed.
  package var changesEscaping = false
}

indirect enum Node: Sendable {
  case text([UInt8])
  case variable(Name, escaped: Bool)
  case section(Name, [Node], inverted: Bool)
  /// `indentation` is set for a standalone partial: every line it renders is indented so.
  case partial(String, indentation: [UInt8]?)

  static func partials(in nodes: [Node]) -> Set<String> {
    var names: Set<String> = []
    for node in nodes {
      switch node {
      case .partial(let name, _): names.insert(name)
      case .section(_, let body, _): names.formUnion(partials(in: body))
      case .text, .variable: break
      }
    }
    return names
  }
}

/// A variable's name, split on dots when the template is parsed rather than at every lookup.
struct Name: Sendable {
  enum Scope: Sendable {
    /// `{{.}}`: the top of the context stack.
    case top
    /// `{{.a.b}}`: looked up in the top context only.
    case anchored
    /// `{{a.b}}`: `a` is looked up through the stack, the rest in what was found.
    case stack
  }

  struct Key: Sendable {
    var name: TemplateKey
    /// Keys ending in `href` or `Href` are site links, made relative to the page by the
    /// renderer's link prefix.
    var isLink: Bool
  }

  var scope: Scope
  var keys: [Key]

  init(_ text: String) {
    keys = text.split(separator: ".").map {
      Key(name: TemplateKey(String($0)), isLink: $0.hasSuffix("href") || $0.hasSuffix("Href"))
    }
    scope = text == "." || (text.first == "." && keys.isEmpty) ? .top : text.first == "." ? .anchored : .stack
  }
}
