import PillarModel

/// One (workload, practice) risk from the release where it opened to the one where it closed
/// (`docs/metrics.md`, "Risk lifecycles"). Days are day numbers (days since 1970, as
/// `DateMath`): every workload's summary keeps a hundred or more lives, and metrics compare their
/// days many times. Laid out to stay small (48 bytes, nothing on the heap for a life whose
/// acceptance never changed, which is nearly all of them): at 10,000 workloads the lives with a
/// date string each and an array of marks each were 220 MB.
package struct RiskLife: Sendable, Hashable {
  /// A later release that changed whether the risk is accepted, or until when: the release's
  /// day, and the day the acceptance it holds runs out (nil: not accepted).
  package struct Mark: Sendable, Hashable {
    package var day: Int32
    package var acceptedUntil: Int32?

    package init(day: Int32, acceptedUntil: Int32?) {
      self.day = day
      self.acceptedUntil = acceptedUntil
    }
  }

  package var practice: String
  /// Marks after the opening release's (empty, with no allocation, for most lives).
  package private(set) var laterMarks: [Mark]
  package var opened: Int32
  package var closed: Int32?
  /// The expiry of the acceptance the opening release holds, if any (the risk is paused, as
  /// accepted, until that day).
  package var acceptedUntil: Int32?
  /// The highest open risk it had while open, after classification escalation.
  package var level: Risk
  /// It opened after the practice had been implemented or not applicable.
  package var isRegression: Bool

  package init(
    practice: String, level: Risk, opened: Int32, closed: Int32?, isRegression: Bool, acceptedUntil: Int32?,
    laterMarks: [Mark] = []
  ) {
    self.practice = practice
    self.level = level
    self.opened = opened
    self.closed = closed
    self.isRegression = isRegression
    self.acceptedUntil = acceptedUntil
    self.laterMarks = laterMarks
  }

  /// Every mark, the opening release's first: a day's state is the last mark on or before it.
  package var marks: [Mark] { [Mark(day: opened, acceptedUntil: acceptedUntil)] + laterMarks }

  /// A release on `day` in which the risk is still open, holding an acceptance until
  /// `acceptedUntil` (or none): marked only when that changes.
  mutating func record(day: Int32, acceptedUntil: Int32?) {
    if (laterMarks.last?.acceptedUntil ?? self.acceptedUntil) != acceptedUntil {
      laterMarks.append(Mark(day: day, acceptedUntil: acceptedUntil))
    }
  }

  /// Open and not accepted as of `day`: opened by then, not closed by then, and the latest
  /// release by then does not hold an acceptance still running that day.
  package func isOpen(asOf day: Int) -> Bool {
    withUnsafePointer(to: self) { Self.isOpen($0, asOf: day) }
  }

  /// The same, read through a pointer: metrics ask it of every life dozens of times, and a
  /// method called on a pointee copied the whole life (a retain and release of its practice and
  /// marks) each time.
  package static func isOpen(_ life: UnsafePointer<RiskLife>, asOf day: Int) -> Bool {
    guard Int(life.pointee.opened) <= day, life.pointee.closed.map({ Int($0) > day }) ?? true else { return false }
    // The latest mark by then decides, an acceptance withdrawn included; without one, the
    // opening release's. (Reading a mark's absent acceptance as "no mark" once kept a risk
    // accepted after a later release withdrew the acceptance.)
    var accepted = life.pointee.acceptedUntil
    if !life.pointee.laterMarks.isEmpty, let mark = life.pointee.laterMarks.last(where: { Int($0.day) <= day }) {
      accepted = mark.acceptedUntil
    }
    return accepted.map { Int($0) < day } ?? true
  }
}

/// A life in the build cache as one line of text, a few times shorter than an object with keys
/// (every workload keeps dozens): `practice level opened closed regression marks…`, days as
/// numbers, `-` for none, each mark `day=acceptedUntil`. Ids and levels never hold a space or `=`.
extension RiskLife: Codable {
  package var compact: String {
    func day(_ value: Int32?) -> String { value.map { String($0) } ?? "-" }
    var text = "\(practice) \(level.name) \(opened) \(day(closed)) \(isRegression ? "R" : "-")"
    for mark in marks { text += " \(mark.day)=\(day(mark.acceptedUntil))" }
    return text
  }

  /// A life from its `compact` line; nil when the line is not one.
  package init?(compact text: String) {
    var text = text
    guard let life = text.withUTF8({ Self.read($0) }) else { return nil }
    self = life
  }

  /// The line's fields read in place as bytes: a rebuild reads back a hundred or more lives per
  /// workload, and splitting each into an array of parts, with an array of marks, was a third
  /// of reading a summary.
  private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> RiskLife? {
    var position = 0
    /// The next field, runs of spaces between fields skipped; nil after the last.
    func field() -> Slice<UnsafeBufferPointer<UInt8>>? {
      while position < bytes.count && bytes[position] == 0x20 { position += 1 }
      guard position < bytes.count else { return nil }
      let start = position
      while position < bytes.count && bytes[position] != 0x20 { position += 1 }
      return bytes[start..<position]
    }
    func day(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> Int32?? {
      part.elementsEqual("-".utf8) ? .some(nil) : number(part).map { .some($0) }
    }
    func mark(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> Mark? {
      guard let equals = part.firstIndex(of: UInt8(ascii: "=")), let markDay = number(part[..<equals]),
        let until = day(part[(equals + 1)...])
      else { return nil }
      return Mark(day: markDay, acceptedUntil: until)
    }
    guard let practice = field(), let levelName = field(), let openedField = field(), let closedField = field(),
      let regression = field(), let first = field().flatMap(mark),
      let opened = number(openedField), let closed = day(closedField), first.day == opened,
      let level = levelName.elementsEqual("none".utf8)
        ? Risk.none : Risk(name: String(decoding: levelName, as: UTF8.self))
    else { return nil }
    var laterMarks: [Mark] = []
    while let part = field() {
      guard let later = mark(part) else { return nil }
      laterMarks.append(later)
    }
    return RiskLife(
      practice: String(decoding: practice, as: UTF8.self), level: level, opened: opened, closed: closed,
      isRegression: regression.elementsEqual("R".utf8), acceptedUntil: first.acceptedUntil, laterMarks: laterMarks)
  }

  /// A day number written in decimal, perhaps negative.
  private static func number(_ digits: some Collection<UInt8>) -> Int32? {
    var value: Int64 = 0
    var negative = false
    var count = 0
    for (index, byte) in digits.enumerated() {
      if index == 0 && byte == UInt8(ascii: "-") {
        negative = true
        continue
      }
      guard (0x30...0x39).contains(byte), count < 10 else { return nil }
      value = value * 10 + Int64(byte - 0x30)
      count += 1
    }
    guard count > 0 else { return nil }
    return Int32(exactly: negative ? -value : value)
  }

  package init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let life = RiskLife(compact: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "risk '\(text)'"))
    }
    self = life
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
    // A release without a readable date says nothing of when (validation reports the date).
    for (review, card) in zip(reviews, cards) {
      guard let date = DateMath.dayNumber(review.reviewed).map(Int32.init(clamping:)) else { continue }
      for result in card.questions.lazy.flatMap(\.practices) {
        let id = result.practice.id
        let acceptedUntil: Int32?
        switch result.state {
        case .implemented, .notApplicable:
          if let index = open.removeValue(forKey: id) { lives[index].closed = date }
          inPlace[id] = true
          continue
        case .unanswered where !result.isOpen:
          continue  // says nothing about the practice
        case .riskAccepted(let acceptance), .acceptanceExpired(let acceptance):
          // An expiry that cannot be read holds no acceptance (validation reports it).
          acceptedUntil = DateMath.dayNumber(acceptance.expires).map(Int32.init(clamping:))
        case .missing, .notListed, .unanswered:
          acceptedUntil = nil
        }
        if let index = open[id] {
          lives[index].level = max(lives[index].level, result.risk)
          lives[index].record(day: date, acceptedUntil: acceptedUntil)
        } else {
          open[id] = lives.count
          lives.append(
            RiskLife(
              practice: id, level: result.risk, opened: date, closed: nil, isRegression: inPlace[id] == true,
              acceptedUntil: acceptedUntil))
        }
        inPlace[id] = false
      }
    }
    // Kept for the whole build in every workload's summary: without the growth's spare room.
    return lives.withUnsafeBufferPointer { Array($0) }
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
