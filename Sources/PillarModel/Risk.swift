/// The risk a missing practice leaves open, and the risk of a question. Ordered so the worst of
/// several is their `max`.
package enum Risk: Int, Sendable, Hashable, Comparable, CaseIterable {
  case none = 0
  case low
  case medium
  case high

  package init?(name: String) {
    switch name {
    case "low": self = .low
    case "medium": self = .medium
    case "high": self = .high
    default: return nil
    }
  }

  package var name: String {
    switch self {
    case .none: "none"
    case .low: "low"
    case .medium: "medium"
    case .high: "high"
    }
  }

  /// Weight of a practice of this risk level in the 0–100 score.
  package var weight: Int {
    switch self {
    case .none: 0
    case .low: 1
    case .medium: 2
    case .high: 3
    }
  }

  package static func < (lhs: Risk, rhs: Risk) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Written by name (`"high"`), as every record and export names a risk.
extension Risk: Codable {
  package init(from decoder: any Decoder) throws {
    let name = try decoder.singleValueContainer().decode(String.self)
    guard let risk = name == "none" ? Risk.none : Risk(name: name) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "unknown risk '\(name)'"))
    }
    self = risk
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(name)
  }
}

/// The four control families a question belongs to.
package enum ControlFamily: String, Sendable, Hashable, CaseIterable {
  case preventative
  case detective
  case response
  case dataProtection = "data-protection"

  package var title: String {
    switch self {
    case .preventative: "Preventative"
    case .detective: "Detective"
    case .response: "Incident response"
    case .dataProtection: "Data protection"
    }
  }
}
