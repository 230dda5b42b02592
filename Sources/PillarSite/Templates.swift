import Foundation
import PillarDiagnostics
import PillarTemplate

/// The site's templates, read from the workbook's `templates/` folder (users may replace them).
///
/// Every `{{value}}` is HTML-escaped by the engine. Unescaped output (`{{{x}}}` or `{{&x}}`) is
/// allowed only for keys whose name ends in `Html`: those values are made by Pillar itself
/// (libcmark's safe output, inline SVG), never copied from an input file; and the engine prints
/// only `SafeHTML` values as markup anyway. The check runs on the parsed templates when they
/// load, so a replaced template cannot quietly open a hole.
package struct Templates: Sendable {
  package static let pageNames = [
    "layout", "dashboard", "workload", "scorecard", "questions", "question", "objectives", "objective",
    "threat-model", "classification", "delta", "executive", "metrics", "incident", "incidents", "threat-models",
    "search", "glossary", "framework",
  ]

  let library: TemplateLibrary
  package let folder: URL
  /// `--unchecked-templates`: the engine prints text in triple tags raw, so the browser test's
  /// negative control can show its harness catches what escaping otherwise stops.
  let unsafeRawText: Bool

  /// - Parameter checkEscaping: false only to prove, in tests, that the site's other defences
  ///   catch what an unescaped template lets through.
  package static func load(from folder: URL, checkEscaping: Bool = true) -> (Templates?, [Diagnostic]) {
    var library = TemplateLibrary()
    var diagnostics: [Diagnostic] = []
    for name in pageNames {
      let path = "templates/\(name).mustache"
      guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("\(name).mustache").path),
        let text = String(data: data, encoding: .utf8)
      else {
        diagnostics.append(
          .error(
            "missing-template", "template '\(name).mustache' is missing from \(folder.path)",
            at: SourceLocation(path: path)))
        continue
      }
      do {
        let template = try Template(text)
        if checkEscaping { diagnostics += unescapedValues(template, path: path) }
        library.register(template, named: name)
      } catch {
        diagnostics.append(problem(error, path: path))
      }
    }
    for problem in library.problems() {
      diagnostics.append(
        .error("template-syntax", problem.message, at: SourceLocation(path: "templates/\(problem.template).mustache")))
    }
    return (
      diagnostics.isEmpty ? Templates(library: library, folder: folder, unsafeRawText: !checkEscaping) : nil,
      diagnostics
    )
  }

  /// Refuses unescaped output of any key not named `…Html`, read from the parsed template (the
  /// parser records each `{{{x}}}` and `{{&x}}` with its position). The parser itself refuses
  /// the two ways around this check, changing the delimiters and pragmas (which can turn
  /// escaping off), and lambdas, inheritance and blocks.
  static func unescapedValues(_ template: Template, path: String) -> [Diagnostic] {
    template.unescaped.filter { !$0.name.hasSuffix("Html") }.map { tag in
      .error(
        "unescaped-template-value",
        "'\(tag.name)' is written unescaped; only values named '…Html' may be, use {{\(tag.name)}}",
        at: SourceLocation(path: path, line: tag.line, column: tag.column))
    }
  }

  /// A template that does not parse: a refused way around escaping keeps its own id.
  static func problem(_ error: TemplateSyntaxError, path: String) -> Diagnostic {
    .error(
      error.changesEscaping ? "unescaped-template-value" : "template-syntax", error.message,
      at: SourceLocation(path: path, line: error.line, column: error.column))
  }

  /// Every escaping problem of one template's text (for tests and tools): parsed, then checked.
  package static func check(_ text: String, path: String) -> [Diagnostic] {
    do { return unescapedValues(try Template(text), path: path) } catch { return [problem(error, path: path)] }
  }

  /// `linkPrefix` goes before every link value (keys ending in `href` or `Href`): page
  /// builders give links from the site's root, the page needs them from where it is.
  func render(_ context: TemplateContext, page: String, linkPrefix: String) -> [UInt8] {
    library.render(page, context: context, linkPrefix: linkPrefix, unsafeRawText: unsafeRawText) ?? []
  }
}
