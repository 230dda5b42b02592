/// Named templates, each usable as a page or as a partial of another (`{{> name}}`).
package struct TemplateLibrary: Sendable {
  package private(set) var templates: [String: Template] = [:]

  package init() {}

  package mutating func register(_ template: Template, named name: String) { templates[name] = template }

  /// Partials that name no template, and cycles of partials (which would never end), one
  /// message per problem, keyed by the template that has it.
  package func problems() -> [(template: String, message: String)] {
    var found: [(String, String)] = []
    for name in templates.keys.sorted() {
      for partial in templates[name]!.partials.sorted() where templates[partial] == nil {
        found.append(
          (
            name,
            "partial '{{> \(partial)}}' names no template; the templates are \(templates.keys.sorted().joined(separator: ", "))"
          ))
      }
      if let cycle = cycle(from: name, path: [name]) {
        found.append((name, "partials include each other without end: \(cycle.joined(separator: " → "))"))
      }
    }
    return found
  }

  private func cycle(from name: String, path: [String]) -> [String]? {
    for partial in templates[name]?.partials.sorted() ?? [] {
      if partial == path[0] { return path + [partial] }
      if path.contains(partial) { continue }
      if let found = cycle(from: partial, path: path + [partial]) { return found }
    }
    return nil
  }

  /// The page `name` rendered with `context`; nil when there is no such template.
  /// - Parameter unsafeRawText: print text in triple tags as it is (the browser test's negative
  ///   control only; see `TemplateRenderer.unsafeRawText`).
  package func render(_ name: String, context: TemplateContext, linkPrefix: String = "", unsafeRawText: Bool = false)
    -> [UInt8]?
  {
    guard let template = templates[name] else { return nil }
    var renderer = TemplateRenderer(
      library: self, context: context, linkPrefix: linkPrefix, unsafeRawText: unsafeRawText)
    renderer.render(template.nodes, indentation: [])
    return renderer.output
  }
}
