import Foundation
import Testing
import Yams

@testable import PillarLoad

/// Front matter is composed from libyaml's events (`YAMLTree`). Yams, which read it before, is
/// the reference: on generated YAML both read the same tree at the same positions, and every
/// anchor, alias or tag, however it is spelled, is refused before a node is made of it.
@Suite struct YAMLTreeTests {
  /// A comparable picture of a tree: kind, text, plain or not, and position.
  indirect enum Shape: Equatable {
    case scalar(String, plain: Bool, line: Int, column: Int)
    case sequence([Shape], line: Int, column: Int)
    case mapping([Shape], line: Int, column: Int)
  }

  static func shape(_ node: YAMLNode) -> Shape {
    switch node {
    case .scalar(let text, let isPlain, let at): .scalar(text, plain: isPlain, line: at.line, column: at.column)
    case .sequence(let items, let at): .sequence(items.map(shape), line: at.line, column: at.column)
    case .mapping(let pairs, let at):
      .mapping(pairs.flatMap { [shape($0.key), shape($0.value)] }, line: at.line, column: at.column)
    }
  }

  static func shape(_ node: Node) -> Shape {
    let (line, column) = (node.mark?.line ?? 0, node.mark?.column ?? 0)
    switch node {
    case .scalar(let scalar):
      return .scalar(scalar.string, plain: scalar.style == .plain, line: line, column: column)
    case .sequence(let sequence): return .sequence(sequence.map(shape), line: line, column: column)
    case .mapping(let mapping):
      return .mapping(mapping.flatMap { [shape($0.key), shape($0.value)] }, line: line, column: column)
    case .alias: return .scalar("<alias>", plain: false, line: line, column: column)
    }
  }

  /// Yams' reading, or nil when Yams refuses the text.
  static func reference(_ yaml: String) -> Shape? {
    guard
      let parser = try? Parser(
        yaml: yaml, resolver: .basic, constructor: Constructor([:], [:], [:]), encoding: .utf8),
      let root = try? parser.singleRoot()
    else { return nil }
    return shape(root)
  }

  static func ours(_ yaml: String) -> (Shape?, [String]) {
    let report = Report(path: "f.md")
    let node = YAMLTree.compose(yaml, firstLine: 1, report: report)
    return (node.map(shape), report.diagnostics.map(\.id))
  }

  /// A small YAML generator: block and flow collections, every scalar style, comments, blank
  /// lines, tabs where YAML allows them.
  struct Generator {
    var random: SeededGenerator
    let words = ["a", "b c", "2026-03-01", "1.10", "NO", "~", "", "é🙂", "x: y", "#x", "-", "'", "\"", "\\", "@"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

    mutating func scalar() -> String {
      let word = pick(words)
      switch random.next() % 4 {
      case 0: return word.isEmpty || word.contains(where: { ":#'\"\\-@~".contains($0) }) ? "w" : word
      case 1: return "'" + word.replacingOccurrences(of: "'", with: "''") + "'"
      case 2:
        return "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
          + "\\t\""
      default: return "\"\(word.count)\""
      }
    }

    mutating func flow(_ depth: Int) -> String {
      if depth > 2 || random.next() % 3 == 0 { return scalar() }
      if random.next() % 2 == 0 {
        return "[" + (0..<Int(random.next() % 3)).map { _ in flow(depth + 1) }.joined(separator: ", ") + "]"
      }
      return "{"
        + (0..<Int(random.next() % 3)).map { index in "k\(index):\(pick([" ", "\t "]))\(flow(depth + 1))" }
        .joined(separator: ", ") + "}"
    }

    mutating func block(indent: Int, depth: Int) -> String {
      let pad = String(repeating: " ", count: indent)
      var out = ""
      for index in 0..<(1 + Int(random.next() % 3)) {
        let key = pick(["key\(index)", "'quoted \(index)'", "\"k\\u00e9\(index)\""])
        let separator = pick([" ", "\t", "  "])
        let comment = pick(["", "  # note", "\t# tab note"])
        switch random.next() % 5 {
        case 0 where depth < 3:
          out += "\(pad)\(key):\(comment)\n" + block(indent: indent + 2, depth: depth + 1)
        case 1 where depth < 3:
          out += "\(pad)\(key):\n"
          for _ in 0..<(1 + Int(random.next() % 2)) { out += "\(pad)  - \(flow(depth))\n" }
        case 2:
          out += "\(pad)\(key): \(pick(["|", ">-"]))\n\(pad)  line one\n\n\(pad)  line two\n"
        default:
          out += "\(pad)\(key):\(separator)\(flow(depth))\(comment)\n"
        }
        if random.next() % 4 == 0 { out += "\n" }
      }
      return out
    }
  }

  @Test func readsWhatYamsReadsAtTheSamePositions() {
    var generator = Generator(random: SeededGenerator(seed: 2026))
    var compared = 0
    for _ in 0..<1500 {
      let yaml = generator.block(indent: 0, depth: 0)
      let (mine, problems) = Self.ours(yaml)
      let theirs = Self.reference(yaml)
      if let theirs {
        compared += 1
        // Duplicate keys are Fields' business (reported at the second one), not the composer's.
        #expect(mine == theirs, "\(yaml)")
        #expect(problems.isEmpty, "\(yaml)")
      } else {
        #expect(mine == nil || problems.isEmpty, "\(yaml)")
      }
    }
    #expect(compared > 1000)
  }

  /// Every way of writing an anchor, alias or tag that the old text scan missed is refused by
  /// the parser's events, at once: the exponential tree is never built.
  @Test(arguments: [
    ("a: &x [1]\nb: *x\n", "yaml-anchor"), ("a:\t&x\t[1]\nb:\t*x\n", "yaml-anchor"),
    ("a: &x [1]\nb: {\t*x : 1}\n", "yaml-anchor"), ("a: [\t*x]\n", "yaml-anchor"), ("? &k a\n: 1\n", "yaml-anchor"),
    ("a: !!str 1\n", "yaml-tag"), ("a:\t!x 1\n", "yaml-tag"), ("a: ! b\n", "yaml-tag"), ("!t\na: 1\n", "yaml-tag"),
    ("<<: {a: 1}\n", "yaml-merge-key"), ("a: 1\n--- \nb: 2\n", "yaml-multiple-documents"),
  ])
  func refusesAtTheEvent(_ yaml: String, _ id: String) {
    let (node, problems) = Self.ours(yaml)
    #expect(node == nil)
    #expect(problems == [id], "\(yaml)")
  }

  @Test func billionLaughsAfterTabsIsRefusedAtTheFirstAnchor() {
    var yaml = "a0:\t&a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1..<40 {
      yaml +=
        "a\(level):\t&a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",\t") + "]\n"
    }
    yaml += "k: {\t*a39 : 1}\n"
    let report = Report(path: "f.md")
    #expect(YAMLTree.compose(yaml, firstLine: 2, report: report) == nil)
    #expect(
      report.diagnostics.map(\.formatted) == [
        "f.md:2:5: error: YAML anchors and aliases are not allowed; write the value out [yaml-anchor]"
      ])
  }

  @Test func budgetsStopTheParserEarly() {
    let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
    #expect(Self.ours("a: " + deep).1 == ["yaml-too-deep"])
    let wide = "a: [" + Array(repeating: "1", count: 20_000).joined(separator: ",") + "]\n"
    #expect(Self.ours(wide).1 == ["yaml-too-large"])
  }
}
