import Foundation
import PillarDiagnostics
import PillarTemplate

/// The site's templates, read from the workbook's `templates/` folder (users may replace them).
///
/// Every `{{value}}` is HTML-escaped by the engine. Unescaped output (`{{{x}}}` or `{{&x}}`) is
/// allowed only for keys whose name ends in `Html`: those values are made by Pillar itself
/// (libcmark's safe output, inline SVG), never copied from an input file. The check runs when
/// templates load, so a replaced template cannot quietly open a hole.
package struct Templates: Sendable {
  package static let pageNames = [
    "layout", "dashboard", "workload", "scorecard", "questions", "question", "objectives", "objective",
    "threat-model", "classification", "delta", "executive", "glossary",
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
      let unescaped = checkEscaping ? lint(text, path: path) : []
      diagnostics += unescaped
      do {
        library.register(try Template(text), named: name)
      } catch {
        // The engine refuses delimiter changes and pragmas too; a tag the lint reported is
        // reported once.
        let here = SourceLocation(path: path, line: error.line, column: error.column)
        if !unescaped.contains(where: { $0.location == here }) {
          diagnostics.append(.error("template-syntax", error.message, at: here))
        }
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

  /// Refuses unescaped output of any key not named `…Html`, and the two ways around that check:
  /// changing the delimiters (`{{=<% %>=}}`) and pragmas (`{{% CONTENT_TYPE: TEXT}}`, which turns
  /// escaping off).
  package static func lint(_ text: String, path: String) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var rest = line[...]
      while let open = rest.range(of: "{{") {
        let after = rest[open.upperBound...]
        let tag = after.drop { $0 == " " }
        let here = SourceLocation(
          path: path, line: number + 1, column: line.distance(from: line.startIndex, to: open.lowerBound) + 1)
        switch tag.first {
        case "{", "&":
          let name = tag.dropFirst().prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
          if !name.hasSuffix("Html") {
            diagnostics.append(
              .error(
                "unescaped-template-value",
                "'\(name)' is written unescaped; only values named '…Html' may be, use {{\(name)}}", at: here))
          }
        case "=":
          diagnostics.append(
            .error("unescaped-template-value", "templates may not change the Mustache delimiters", at: here))
        case "%":
          diagnostics.append(
            .error(
              "unescaped-template-value", "templates may not use Mustache pragmas; they can turn escaping off", at: here
            ))
        default:
          break
        }
        rest = after
      }
    }
    return diagnostics
  }

  /// `linkPrefix` goes before every link value (keys ending in `href` or `Href`): page
  /// builders give links from the site's root, the page needs them from where it is.
  func render(_ context: TemplateContext, page: String, linkPrefix: String) -> [UInt8] {
    library.render(page, context: context, linkPrefix: linkPrefix, unsafeRawText: unsafeRawText) ?? []
  }
}
