import PillarDiagnostics

/// A control framework practices can map to: the three built in (NIST CSF 2.0, ISO/IEC
/// 27001:2022 Annex A, CIS Controls v8) and any a team declares in `questions/frameworks.md`
/// (`docs/frameworks.md`).
package struct Framework: Sendable, Hashable {
  package struct Control: Sendable, Hashable {
    package var id: String
    package var title: String?

    package init(id: String, title: String?) {
      self.id = id
      self.title = title
    }
  }

  /// The key practices use under `references:`, such as `nist-csf-2.0`.
  package var id: String
  package var title: String
  /// What an id looks like, for the message when one does not ("PR.AA-01").
  package var example: String
  /// Whether `text` is written as this framework writes its ids.
  package var isWellFormed: @Sendable (String) -> Bool
  /// Every control, in the framework's order; empty when only the format is known.
  package var controls: [Control]
  package var location: SourceLocation?

  package init(
    id: String, title: String, example: String, controls: [Control], location: SourceLocation? = nil,
    isWellFormed: @escaping @Sendable (String) -> Bool
  ) {
    self.id = id
    self.title = title
    self.example = example
    self.controls = controls
    self.location = location
    self.isWellFormed = isWellFormed
  }

  package static func == (left: Framework, right: Framework) -> Bool {
    left.id == right.id && left.title == right.title && left.controls == right.controls
  }

  package func hash(into hasher: inout Hasher) { hasher.combine(id) }

  package func control(_ id: String) -> Control? { controls.first { $0.id == id } }

  /// The name a line of references uses ("NIST CSF 2.0", "ISO 27001", "CIS v8").
  package var shortTitle: String {
    switch id {
    case "nist-csf-2.0": "NIST CSF 2.0"
    case "iso-27001-2022": "ISO 27001"
    case "cis-v8": "CIS v8"
    default: title
    }
  }

  package static let builtIn: [Framework] = [
    Framework(
      id: "nist-csf-2.0", title: "NIST Cybersecurity Framework 2.0", example: "PR.AA-01",
      controls: nistCSF2Controls.map { Control(id: $0.id, title: $0.title) },
      isWellFormed: { matches($0, [.upper, .upper, .dot, .upper, .upper, .dash, .digit, .digit]) }),
    Framework(
      id: "iso-27001-2022", title: "ISO/IEC 27001:2022 Annex A", example: "5.15",
      controls: iso27001Controls.map { Control(id: $0, title: nil) },
      isWellFormed: { isDotted($0, parts: 2) }),
    Framework(
      id: "cis-v8", title: "CIS Critical Security Controls v8", example: "6.3",
      controls: cisV8Safeguards.map { Control(id: $0, title: nil) },
      isWellFormed: { isDotted($0, parts: 2) }),
  ]

  enum Shape { case upper, digit, dot, dash }

  static func matches(_ text: String, _ shape: [Shape]) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == shape.count else { return false }
    return zip(bytes, shape).allSatisfy { byte, kind in
      switch kind {
      case .upper: (0x41...0x5A).contains(byte)
      case .digit: (0x30...0x39).contains(byte)
      case .dot: byte == 0x2E
      case .dash: byte == 0x2D
      }
    }
  }

  /// `n.n` (and so on): numbers of one to three digits joined by dots, no leading zero.
  static func isDotted(_ text: String, parts: Int) -> Bool {
    let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    return pieces.count == parts
      && pieces.allSatisfy { piece in
        (1...3).contains(piece.utf8.count) && piece.utf8.allSatisfy { (0x30...0x39).contains($0) }
          && !(piece.utf8.count > 1 && piece.utf8.first == 0x30)
      }
  }
}

/// A practice's reference to a control of a framework, where it is written.
package struct ControlReference: Sendable, Hashable {
  package var framework: String
  package var control: String
  package var location: SourceLocation

  package init(framework: String, control: String, location: SourceLocation) {
    self.framework = framework
    self.control = control
    self.location = location
  }
}

/// How a team framework writes its ids (`id-format` in `questions/frameworks.md`): `#` stands for
/// one or more digits, `A` for one or more capital letters, `a` for one or more small letters,
/// anything else (or a character after `\\`) for itself. Matched left to right in one pass, so no
/// format can make a check slow, as a regular expression could.
package struct IDFormat: Sendable, Hashable {
  enum Part: Hashable {
    case digits, upper, lower
    case literal(Character)
  }

  let parts: [Part]
  package let text: String

  package init(_ text: String) {
    self.text = text
    var parts: [Part] = []
    var escaped = false
    for character in text {
      if escaped {
        parts.append(.literal(character))
        escaped = false
        continue
      }
      switch character {
      case "\\": escaped = true
      case "#": parts.append(.digits)
      case "A": parts.append(.upper)
      case "a": parts.append(.lower)
      default: parts.append(.literal(character))
      }
    }
    self.parts = parts
  }

  package func matches(_ id: String) -> Bool {
    var rest = Substring(id)
    for part in parts {
      switch part {
      case .literal(let character):
        guard rest.first == character else { return false }
        rest = rest.dropFirst()
      case .digits, .upper, .lower:
        let run = rest.prefix { character in
          guard character.isASCII else { return false }
          switch part {
          case .digits: return character.isNumber
          case .upper: return character.isUppercase
          default: return character.isLowercase
          }
        }
        guard !run.isEmpty else { return false }
        rest = rest.dropFirst(run.count)
      }
    }
    return rest.isEmpty
  }
}
