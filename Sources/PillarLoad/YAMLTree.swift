import CLibYAML
import PillarDiagnostics

/// Turns front matter into a `YAMLNode` tree from libyaml's own event stream, refusing the parts
/// of YAML that make reviews hard to read or that can exhaust time and memory, at the event
/// that brings them and before any node is made of them: anchors and aliases (which expand
/// exponentially when walked), explicit tags, merge keys, several documents, and trees too big
/// or too deep. The refusal is structural, from the parser, so no spelling of an alias (after a
/// tab, as a flow-mapping key, …) gets past it; parsing stops at the first refusal, so the work
/// is bounded by the budget whatever the input.
///
/// Yams, which read front matter before, keeps libyaml's events private and expands aliases
/// while hashing keys; it stays in the tests as the reference this composer is compared with.
package enum YAMLTree {
  package static let maximumNodes = 10_000
  package static let maximumDepth = 32

  static func compose(_ yaml: String, firstLine: Int, report: Report) -> YAMLNode? {
    var bytes = Array(yaml.utf8)
    guard !bytes.isEmpty else { return nil }
    return bytes.withUnsafeMutableBufferPointer { buffer -> YAMLNode? in
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else {
        report.error("yaml-syntax", "front matter could not be read: out of memory", at: report.location(firstLine))
        return nil
      }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var composer = Composer(yaml: yaml, firstLine: firstLine, report: report)
      return composer.run(&parser)
    }
  }

  static func location(of node: YAMLNode, firstLine: Int, report: Report) -> SourceLocation {
    report.location(node.position.line + firstLine - 1, node.position.column)
  }

  /// One pass over the events with a stack of open lists and mappings.
  private struct Composer {
    struct Open {
      var isMapping: Bool
      var position: YAMLNode.Position
      var items: [YAMLNode] = []
    }

    let yaml: String
    let firstLine: Int
    let report: Report
    var stack: [Open] = []
    var root: YAMLNode?
    var documents = 0
    var nodes = 0

    init(yaml: String, firstLine: Int, report: Report) {
      self.yaml = yaml
      self.firstLine = firstLine
      self.report = report
    }

    /// The root node, or nil after reporting why there is none.
    mutating func run(_ parser: inout yaml_parser_t) -> YAMLNode? {
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(&parser, &event) == 1 else {
          reportSyntaxError(parser)
          return nil
        }
        defer { yaml_event_delete(&event) }
        let position = YAMLNode.Position(
          line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return root
        case YAML_DOCUMENT_START_EVENT:
          documents += 1
          if documents > 1 {
            report.error(
              "yaml-multiple-documents", "front matter holds more than one YAML document; remove the extra '---'",
              at: report.location(firstLine))
            return nil
          }
        case YAML_ALIAS_EVENT:
          return refuseAnchor(at: position)
        case YAML_SCALAR_EVENT:
          let scalar = event.data.scalar
          guard admit(anchor: scalar.anchor, tag: scalar.tag, at: position) else { return nil }
          let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
          let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
          if isPlain, text == "<<", let open = stack.last, open.isMapping, open.items.count % 2 == 0 {
            report.error(
              "yaml-merge-key", "YAML merge keys ('<<') are not allowed; write the fields out", at: here(position))
            return nil
          }
          add(.scalar(text, isPlain: isPlain, at: position))
        case YAML_SEQUENCE_START_EVENT:
          let start = event.data.sequence_start
          guard admit(anchor: start.anchor, tag: start.tag, at: position) else { return nil }
          stack.append(Open(isMapping: false, position: position))
        case YAML_MAPPING_START_EVENT:
          let start = event.data.mapping_start
          guard admit(anchor: start.anchor, tag: start.tag, at: position) else { return nil }
          stack.append(Open(isMapping: true, position: position))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          guard let open = stack.popLast() else { return nil }
          if open.isMapping {
            let pairs = stride(from: 0, to: open.items.count - 1, by: 2).map {
              (key: open.items[$0], value: open.items[$0 + 1])
            }
            add(.mapping(pairs, at: open.position))
          } else {
            add(.sequence(open.items, at: open.position))
          }
        default:
          break
        }
        if failed { return nil }
      }
    }

    private var failed = false

    /// Counts a node that is about to open or be added, and refuses anchors, tags, and trees
    /// over the budget.
    private mutating func admit(
      anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
      at position: YAMLNode.Position
    ) -> Bool {
      if anchor != nil {
        _ = refuseAnchor(at: position)
        return false
      }
      if tag != nil {
        report.error(
          "yaml-tag", "YAML tags such as '!!str' are not allowed; quote the value instead", at: here(position))
        return false
      }
      nodes += 1
      if nodes > YAMLTree.maximumNodes {
        report.error(
          "yaml-too-large", "front matter has more than \(YAMLTree.maximumNodes) values; keep front matter small",
          at: here(position))
        return false
      }
      if stack.count > YAMLTree.maximumDepth {
        report.error(
          "yaml-too-deep", "front matter is nested more than \(YAMLTree.maximumDepth) levels deep", at: here(position))
        return false
      }
      return true
    }

    private mutating func refuseAnchor(at position: YAMLNode.Position) -> YAMLNode? {
      report.error("yaml-anchor", "YAML anchors and aliases are not allowed; write the value out", at: here(position))
      failed = true
      return nil
    }

    private mutating func add(_ node: YAMLNode) {
      if stack.isEmpty { root = node } else { stack[stack.count - 1].items.append(node) }
    }

    private func here(_ position: YAMLNode.Position) -> SourceLocation {
      report.location(position.line + firstLine - 1, position.column)
    }

    /// libyaml's problem and its context, placed on a line of the front matter: some mistakes
    /// are noticed only past the end of the text, so the position is kept on the last line and
    /// the message names where the unfinished construct began.
    private func reportSyntaxError(_ parser: yaml_parser_t) {
      let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
      let mark = (line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
      let lastLine = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
      let line = min(mark.line, max(1, lastLine))
      let column = line == mark.line ? mark.column : 1
      let detail =
        parser.context.map {
          "\(problem) \(String(cString: $0)) that starts at line \(Int(parser.context_mark.line) + firstLine)"
        } ?? problem
      report.error(
        "yaml-syntax", "front matter is not valid YAML: \(detail)", at: report.location(line + firstLine - 1, column))
    }
  }
}

extension YAMLTree {
  /// What the `yaml` fuzz target checks of one composition: the tree's size and depth, every
  /// line a node or diagnostic points at, and whether a tree came back.
  package struct Check: Sendable {
    package var accepted: Bool
    package var nodes: Int
    package var depth: Int
    package var lines: [Int]
    package var diagnostics: [String]
  }

  package static func check(_ yaml: String) -> Check {
    let report = Report(path: "fuzz.md")
    let root = compose(yaml, firstLine: 1, report: report)
    var nodes = 0
    var depth = 0
    var lines: [Int] = report.diagnostics.map(\.location.line)
    var pending: [(YAMLNode, Int)] = root.map { [($0, 1)] } ?? []
    while let (node, level) = pending.popLast() {
      nodes += 1
      depth = max(depth, level)
      lines.append(node.position.line)
      switch node {
      case .scalar: break
      case .sequence(let items, _): pending += items.map { ($0, level + 1) }
      case .mapping(let pairs, _): pending += pairs.flatMap { [($0.key, level + 1), ($0.value, level + 1)] }
      }
    }
    return Check(
      accepted: root != nil, nodes: nodes, depth: depth, lines: lines, diagnostics: report.diagnostics.map(\.formatted))
  }
}
