import PillarDiagnostics

/// A question's risk rule, with the semantics of a Well-Architected Tool lens: the rules are
/// read in order and the first whose condition holds gives the question's risk; the last is
/// `default`, which always holds (`docs/lenses.md`).
package struct RiskRule: Sendable, Hashable {
  package var condition: RuleCondition
  package var risk: Risk
  /// The condition as written, for diagnostics and for writing it back out.
  package var text: String
  package var location: SourceLocation

  package init(condition: RuleCondition, risk: Risk, text: String, location: SourceLocation) {
    self.condition = condition
    self.risk = risk
    self.text = text
    self.location = location
  }

  /// The risk the first holding rule gives, with `isSelected` saying which practices count as
  /// chosen; nil when no rule holds (a validated question always ends with `default`).
  package static func risk(of rules: [RiskRule], isSelected: (String) -> Bool) -> Risk? {
    rules.first { $0.condition.holds(isSelected) }?.risk
  }
}

/// A condition over practice ids: `id`, `!c`, `a && b`, `a || b`, parentheses, or `default`.
package indirect enum RuleCondition: Sendable, Hashable {
  case always
  case practice(String)
  case not(RuleCondition)
  case and(RuleCondition, RuleCondition)
  case or(RuleCondition, RuleCondition)

  package func holds(_ isSelected: (String) -> Bool) -> Bool {
    switch self {
    case .always: true
    case .practice(let id): isSelected(id)
    case .not(let inner): !inner.holds(isSelected)
    case .and(let left, let right): left.holds(isSelected) && right.holds(isSelected)
    case .or(let left, let right): left.holds(isSelected) || right.holds(isSelected)
    }
  }

  /// The condition with each id replaced by a condition of its own (ids renamed, a choice
  /// spelled out as an expression).
  package func substituting(_ replacement: (String) -> RuleCondition) -> RuleCondition {
    switch self {
    case .always: .always
    case .practice(let id): replacement(id)
    case .not(let inner): .not(inner.substituting(replacement))
    case .and(let left, let right): .and(left.substituting(replacement), right.substituting(replacement))
    case .or(let left, let right): .or(left.substituting(replacement), right.substituting(replacement))
    }
  }

  /// Every practice id the condition names, in order of appearance.
  package var practiceIDs: [String] {
    switch self {
    case .always: []
    case .practice(let id): [id]
    case .not(let inner): inner.practiceIDs
    case .and(let left, let right), .or(let left, let right): left.practiceIDs + right.practiceIDs
    }
  }

  /// The condition written back in the lens grammar, fully parenthesised where it nests.
  package func written(mapping: (String) -> String = { $0 }) -> String {
    switch self {
    case .always: "default"
    case .practice(let id): mapping(id)
    case .not(let inner): "!" + inner.operand(mapping)
    case .and(let left, let right): left.operand(mapping, in: .and) + " && " + right.operand(mapping, in: .and)
    case .or(let left, let right): left.operand(mapping, in: .or) + " || " + right.operand(mapping, in: .or)
    }
  }

  private enum Context { case and, or, not }

  private func operand(_ mapping: (String) -> String, in context: Context = .not) -> String {
    switch (self, context) {
    case (.practice, _), (.not, _), (.and, .and), (.or, .or): written(mapping: mapping)
    default: "(" + written(mapping: mapping) + ")"
    }
  }
}

/// Reads a condition: `||` binds loosest, then `&&`, then `!`; ids are runs of letters, digits,
/// `_`, `-` and `.`. Depth is bounded so a hostile condition cannot exhaust the stack.
package enum RuleConditionParser {
  /// A condition for a message: cut at 80 characters, so a hostile one cannot flood the output.
  package static func shown(_ text: String) -> String {
    text.count <= 80 ? text : String(text.prefix(80)) + "…"
  }

  package struct Failure: Error, Equatable {
    /// 0-based offset in the condition's UTF-8 where the problem is.
    package var offset: Int
    package var message: String
  }

  package static let maximumDepth = 64
  /// A lens condition names a question's choices (15 at most); a condition of thousands of terms
  /// would only make a tree deep enough to exhaust the stack when it is walked.
  package static let maximumTerms = 256

  package static func parse(_ text: String) -> Result<RuleCondition, Failure> {
    var parser = Parser(bytes: Array(text.utf8))
    if parser.take("default") {
      parser.skipSpaces()
      if parser.index == parser.bytes.count { return .success(.always) }
    }
    parser.index = 0
    do {
      let condition = try parser.or(depth: 0)
      parser.skipSpaces()
      if parser.index < parser.bytes.count {
        throw Failure(offset: parser.index, message: "unexpected '\(parser.character)'; join conditions with && or ||")
      }
      return .success(condition)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Failure(offset: 0, message: "\(error)"))
    }
  }

  private struct Parser {
    let bytes: [UInt8]
    var index = 0
    var terms = 0

    var character: String {
      index < bytes.count ? String(decoding: [bytes[index]], as: UTF8.self) : "end"
    }

    mutating func skipSpaces() {
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    mutating func take(_ token: String) -> Bool {
      skipSpaces()
      let token = Array(token.utf8)
      guard index + token.count <= bytes.count, Array(bytes[index..<index + token.count]) == token else {
        return false
      }
      index += token.count
      return true
    }

    mutating func or(depth: Int) throws -> RuleCondition {
      var left = try and(depth: depth)
      while take("||") { left = .or(left, try and(depth: depth)) }
      return left
    }

    mutating func and(depth: Int) throws -> RuleCondition {
      var left = try unary(depth: depth)
      while take("&&") { left = .and(left, try unary(depth: depth)) }
      return left
    }

    mutating func unary(depth: Int) throws -> RuleCondition {
      guard depth < RuleConditionParser.maximumDepth else {
        throw Failure(offset: index, message: "nested more than \(RuleConditionParser.maximumDepth) levels deep")
      }
      if take("!") { return .not(try unary(depth: depth + 1)) }
      if take("(") {
        let inner = try or(depth: depth + 1)
        guard take(")") else { throw Failure(offset: index, message: "expected ')' here, found '\(character)'") }
        return inner
      }
      skipSpaces()
      let start = index
      while index < bytes.count, Self.isIDByte(bytes[index]) { index += 1 }
      guard index > start else {
        throw Failure(offset: index, message: "expected a practice id, '!' or '(' here, found '\(character)'")
      }
      terms += 1
      guard terms <= RuleConditionParser.maximumTerms else {
        throw Failure(
          offset: start,
          message: "more than \(RuleConditionParser.maximumTerms) terms; a condition names a question's choices")
      }
      let id = String(decoding: bytes[start..<index], as: UTF8.self)
      if id == "default" {
        throw Failure(offset: start, message: "'default' stands alone as the last rule's condition")
      }
      return .practice(id)
    }

    static func isIDByte(_ byte: UInt8) -> Bool {
      switch byte {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D, 0x2E: true
      default: false
      }
    }
  }
}
