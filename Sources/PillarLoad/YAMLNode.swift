/// A front matter value as Pillar reads it: text, a list or a mapping, each with where it is
/// written (1-based line and column within the YAML). Made by `YAMLTree` from libyaml's events,
/// never from an alias, an anchor or a tag, which are refused before any node is made.
indirect enum YAMLNode: Sendable {
  struct Position: Sendable, Equatable {
    var line: Int
    var column: Int
  }

  case scalar(String, isPlain: Bool, at: Position)
  case sequence([YAMLNode], at: Position)
  case mapping([(key: YAMLNode, value: YAMLNode)], at: Position)

  var position: Position {
    switch self {
    case .scalar(_, _, let at), .sequence(_, let at), .mapping(_, let at): at
    }
  }

  /// The text of a scalar; nil for a list or a mapping.
  var text: String? {
    if case .scalar(let text, _, _) = self { text } else { nil }
  }
}
