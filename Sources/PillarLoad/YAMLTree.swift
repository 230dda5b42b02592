import PillarDiagnostics
import Yams

/// Turns front matter into a Yams node tree, refusing the parts of YAML that make reviews hard
/// to read or that can exhaust memory: anchors and aliases (which expand exponentially when
/// walked), merge keys, explicit tags, several documents, and trees too big or too deep.
enum YAMLTree {
  static let maximumNodes = 10_000
  static let maximumDepth = 32

  static func compose(_ yaml: String, firstLine: Int, report: Report) -> Node? {
    if let found = YAMLPrescan.firstAnchorOrAlias(in: yaml) {
      report.error(
        "yaml-anchor", "YAML anchors and aliases are not allowed; write the value out",
        at: report.location(found.line + firstLine - 1, found.column))
      return nil
    }
    let root: Node?
    do {
      // No implicit tag resolution: fields are read as text and checked by Pillar itself, and
      // the default resolver runs several regular expressions on every scalar.
      // The encoding and an empty constructor are given, not defaulted: Yams' defaults read the
      // whole process environment and build its type tables on every call.
      let parser = try Parser(yaml: yaml, resolver: .basic, constructor: Constructor([:], [:], [:]), encoding: .utf8)
      root = try parser.nextRoot()
      if try parser.nextRoot() != nil {
        report.error(
          "yaml-multiple-documents", "front matter holds more than one YAML document; remove the extra '---'",
          at: report.location(firstLine))
        return nil
      }
    } catch let error as YamlError {
      report.add(diagnostic(for: error, firstLine: firstLine, path: report.path))
      return nil
    } catch {
      report.error("yaml-syntax", "front matter is not valid YAML: \(error)", at: report.location(firstLine))
      return nil
    }
    guard let root else { return nil }
    var budget = maximumNodes
    guard
      check(
        root, depth: 0, budget: &budget, firstLine: firstLine,
        lines: yaml.split(separator: "\n", omittingEmptySubsequences: false), report: report)
    else { return nil }
    return root
  }

  static func location(of node: Node, firstLine: Int, report: Report) -> SourceLocation {
    guard let mark = node.mark else { return report.location(firstLine) }
    return report.location(mark.line + firstLine - 1, mark.column)
  }

  /// Walks the tree once, stopping at the first construct that is refused.
  private static func check(
    _ node: Node, depth: Int, budget: inout Int, firstLine: Int, lines: [Substring], report: Report
  ) -> Bool {
    let here = location(of: node, firstLine: firstLine, report: report)
    budget -= 1
    if budget < 0 {
      report.error(
        "yaml-too-large", "front matter has more than \(maximumNodes) values; keep front matter small", at: here)
      return false
    }
    if depth > maximumDepth {
      report.error("yaml-too-deep", "front matter is nested more than \(maximumDepth) levels deep", at: here)
      return false
    }
    if node.anchor != nil || startsWith("&", node, lines: lines) {
      report.error("yaml-anchor", "YAML anchors and aliases are not allowed; write the value out", at: here)
      return false
    }
    if hasExplicitTag(node, lines: lines) {
      report.error("yaml-tag", "YAML tags such as '!!str' are not allowed; quote the value instead", at: here)
      return false
    }
    switch node {
    case .alias:
      report.error("yaml-anchor", "YAML anchors and aliases are not allowed; write the value out", at: here)
      return false
    case .scalar:
      return true
    case .sequence(let sequence):
      return sequence.allSatisfy {
        check($0, depth: depth + 1, budget: &budget, firstLine: firstLine, lines: lines, report: report)
      }
    case .mapping(let mapping):
      for (key, value) in mapping {
        if key.scalar?.string == "<<" && key.scalar?.style == .plain {
          report.error(
            "yaml-merge-key", "YAML merge keys ('<<') are not allowed; write the fields out",
            at: location(of: key, firstLine: firstLine, report: report))
          return false
        }
        guard check(key, depth: depth + 1, budget: &budget, firstLine: firstLine, lines: lines, report: report),
          check(value, depth: depth + 1, budget: &budget, firstLine: firstLine, lines: lines, report: report)
        else { return false }
      }
      return true
    }
  }

  /// Yams resolves tags while composing (hashing keys resolves them), so an explicit tag cannot be
  /// told from a resolved one on the node. libyaml starts a node's mark at its properties, so a
  /// node whose text starts with `!` carries an explicit tag.
  private static func hasExplicitTag(_ node: Node, lines: [Substring]) -> Bool {
    startsWith("!", node, lines: lines)
  }

  private static func startsWith(_ indicator: Unicode.Scalar, _ node: Node, lines: [Substring]) -> Bool {
    guard let mark = node.mark, mark.line >= 1, mark.line <= lines.count else { return false }
    let line = lines[mark.line - 1].unicodeScalars
    guard let index = line.index(line.startIndex, offsetBy: mark.column - 1, limitedBy: line.endIndex),
      index < line.endIndex
    else { return false }
    return line[index] == indicator
  }

  private static func diagnostic(for error: YamlError, firstLine: Int, path: String) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, let yaml), .parser(let context, let problem, let mark, let yaml),
      .composer(let context, let problem, let mark, let yaml):
      // libyaml notices some mistakes only past the end of the text; keep the position on a
      // line of the front matter and name where the unfinished construct began.
      let lastLine = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
      let line = min(mark.line, max(1, lastLine))
      let column = line == mark.line ? mark.column : 1
      let detail =
        context.map { "\(problem) \($0.text) that starts at line \($0.mark.line + firstLine - 1)" } ?? problem
      return .error(
        "yaml-syntax", "front matter is not valid YAML: \(detail)",
        at: SourceLocation(path: path, line: line + firstLine - 1, column: column))
    case .duplicatedKeysInMapping(let duplicates, let context):
      return .error(
        "duplicate-key", "key '\(duplicates.first ?? "")' appears more than once",
        at: SourceLocation(path: path, line: context.mark.line + firstLine - 1, column: context.mark.column))
    default:
      return .error(
        "yaml-syntax", "front matter is not valid YAML: \(error)", at: SourceLocation(path: path, line: firstLine))
    }
  }
}
