import PillarModel

/// One (workload, practice) risk from the release where it opened to the one where it closed
/// (`docs/metrics.md`, "Risk lifecycles").
package struct RiskLife: Sendable, Hashable {
  /// A release in which the risk is open: its `reviewed` date, and the expiry of the acceptance
  /// that release holds for it, if any (the risk is paused, as accepted, until that day).
  package struct Mark: Sendable, Hashable {
    package var date: String
    package var acceptedUntil: String?

    package init(date: String, acceptedUntil: String?) {
      self.date = date
      self.acceptedUntil = acceptedUntil
    }
  }

  package var practice: String
  /// The highest open risk it had while open, after classification escalation.
  package var level: Risk
  package var opened: String
  package var closed: String?
  /// It opened after the practice had been implemented or not applicable.
  package var isRegression: Bool
  /// The release that opened it, then each later one that changed whether it is accepted (or
  /// until when): a date's state is the last mark on or before it.
  package var marks: [Mark]

  package init(practice: String, level: Risk, opened: String, closed: String?, isRegression: Bool, marks: [Mark]) {
    self.practice = practice
    self.level = level
    self.opened = opened
    self.closed = closed
    self.isRegression = isRegression
    self.marks = marks
  }
}

/// A life in the build cache as one line of text, a few times shorter than an object with keys
/// (every workload keeps dozens): `practice level opened closed regression marks…`, `-` for
/// none, each mark `date=acceptedUntil`. Ids, levels and dates never hold a space or `=`.
extension RiskLife: Codable {
  package var compact: String {
    var text = "\(practice) \(level.name) \(opened) \(closed ?? "-") \(isRegression ? "R" : "-")"
    for mark in marks { text += " \(mark.date)=\(mark.acceptedUntil ?? "-")" }
    return text
  }

  package init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    let parts = text.split(separator: " ").map(String.init)
    let marks = parts.dropFirst(5).map { part -> Mark in
      let halves = part.split(separator: "=", maxSplits: 1).map(String.init)
      return Mark(date: halves[0], acceptedUntil: halves.count > 1 && halves[1] != "-" ? halves[1] : nil)
    }
    guard parts.count >= 5, let level = parts[1] == "none" ? Risk.none : Risk(name: parts[1]) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "risk '\(text)'"))
    }
    self.init(
      practice: parts[0], level: level, opened: parts[2], closed: parts[3] == "-" ? nil : parts[3],
      isRegression: parts[4] == "R", marks: marks)
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(compact)
  }
}

/// An improvement of a workload's answer files (each practice and due date once) and the day its
/// practice was delivered: implemented or not applicable in the listing release or a later one.
package struct ImprovementOutcome: Sendable, Hashable, Codable {
  package var practice: String
  package var due: String
  package var delivered: String?

  package init(practice: String, due: String, delivered: String?) {
    self.practice = practice
    self.due = due
    self.delivered = delivered
  }
}

package enum RiskHistory {
  /// Every risk of one workload, from its releases in release order and their scorecards.
  package static func lives(_ reviews: [Review], _ cards: [Scorecard]) -> [RiskLife] {
    var lives: [RiskLife] = []
    var open: [String: Int] = [:]  // practice → its open life
    var inPlace: [String: Bool] = [:]  // practice → implemented or not applicable when last answered
    for (review, card) in zip(reviews, cards) where !review.reviewed.isEmpty {
      let date = review.reviewed
      for result in card.questions.lazy.flatMap(\.practices) {
        let id = result.practice.id
        let acceptedUntil: String?
        switch result.state {
        case .implemented, .notApplicable:
          if let index = open.removeValue(forKey: id) { lives[index].closed = date }
          inPlace[id] = true
          continue
        case .unanswered where !result.isOpen:
          continue  // says nothing about the practice
        case .riskAccepted(let acceptance), .acceptanceExpired(let acceptance):
          acceptedUntil = acceptance.expires
        case .missing, .notListed, .unanswered:
          acceptedUntil = nil
        }
        let mark = RiskLife.Mark(date: date, acceptedUntil: acceptedUntil)
        if let index = open[id] {
          lives[index].level = max(lives[index].level, result.risk)
          if lives[index].marks.last?.acceptedUntil != acceptedUntil { lives[index].marks.append(mark) }
        } else {
          open[id] = lives.count
          lives.append(
            RiskLife(
              practice: id, level: result.risk, opened: date, closed: nil, isRegression: inPlace[id] == true,
              marks: [mark]))
        }
        inPlace[id] = false
      }
    }
    return lives
  }

  /// Each improvement once (by practice and due date, first listing kept) with its delivery day.
  package static func improvements(_ reviews: [Review], _ cards: [Scorecard]) -> [ImprovementOutcome] {
    var seen: Set<[String]> = []
    var outcomes: [ImprovementOutcome] = []
    for (index, review) in reviews.enumerated() {
      for improvement in review.improvements where seen.insert([improvement.practice.id, improvement.due]).inserted {
        let delivered = reviews.indices.dropFirst(index).first { later in
          guard later < cards.count, !reviews[later].reviewed.isEmpty else { return false }
          return cards[later].questions.contains { question in
            question.practices.contains { $0.practice.id == improvement.practice.id && $0.state.isInPlace }
          }
        }
        outcomes.append(
          ImprovementOutcome(
            practice: improvement.practice.id, due: improvement.due, delivered: delivered.map { reviews[$0].reviewed }))
      }
    }
    return outcomes
  }
}

extension PracticeState {
  /// Implemented, or not applicable: nothing left to do.
  package var isInPlace: Bool {
    switch self {
    case .implemented, .notApplicable: true
    default: false
    }
  }
}
