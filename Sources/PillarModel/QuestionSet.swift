import PillarDiagnostics

/// `questions/lens.md`: what the question set is and which version of it this is.
public struct Lens: Sendable {
  public var id: String
  public var name: String
  public var version: String
  public var introduction: MarkdownText

  public init(id: String, name: String, version: String, introduction: MarkdownText) {
    self.id = id
    self.name = name
    self.version = version
    self.introduction = introduction
  }
}

/// One data classification level; `rank` orders levels from least (0) to most sensitive.
public struct ClassificationLevel: Sendable, Hashable {
  public var id: String
  public var title: String
  public var rank: Int
  public var description: MarkdownText

  public init(id: String, title: String, rank: Int, description: MarkdownText) {
    self.id = id
    self.title = title
    self.rank = rank
    self.description = description
  }
}

/// What / How / Why: how the organisation communicates a question or an objective.
public struct Rationale: Sendable, Hashable {
  public var what: MarkdownText
  public var how: MarkdownText
  public var why: MarkdownText

  public init(what: MarkdownText, how: MarkdownText, why: MarkdownText) {
    self.what = what
    self.how = how
    self.why = why
  }
}

public struct Objective: Sendable {
  public var id: String
  public var title: String
  public var rationale: Rationale
  /// The objective is about the path-to-production gate (`gate: true`): a release that fails
  /// the gate never meets it, whatever its questions' risks.
  public var isAboutTheGate: Bool
  public var location: SourceLocation

  public init(id: String, title: String, rationale: Rationale, isAboutTheGate: Bool = false, location: SourceLocation) {
    self.id = id
    self.title = title
    self.rationale = rationale
    self.isAboutTheGate = isAboutTheGate
    self.location = location
  }
}

public struct Threat: Sendable, Hashable {
  public var id: String
  public var title: String
  public var mitigations: [Reference]

  public init(id: String, title: String, mitigations: [Reference]) {
    self.id = id
    self.title = title
    self.mitigations = mitigations
  }
}

public struct ThreatModel: Sendable {
  public var id: String
  public var title: String
  public var threats: [Threat]
  public var assets: MarkdownText
  public var trustBoundaries: MarkdownText
  public var threatsText: MarkdownText
  public var location: SourceLocation

  public init(
    id: String, title: String, threats: [Threat], assets: MarkdownText, trustBoundaries: MarkdownText,
    threatsText: MarkdownText, location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.threats = threats
    self.assets = assets
    self.trustBoundaries = trustBoundaries
    self.threatsText = threatsText
    self.location = location
  }
}

/// An id written in an input file that must name something else, and where it was written.
public struct Reference: Sendable, Hashable {
  public var id: String
  public var location: SourceLocation

  public init(_ id: String, at location: SourceLocation) {
    self.id = id
    self.location = location
  }
}

/// The whole of `questions/`.
public struct QuestionSet: Sendable {
  public var lens: Lens
  public var levels: [ClassificationLevel]
  public var objectives: [Objective]
  public var questions: [Question] { didSet { indexPractices() } }
  public var threatModels: [ThreatModel]
  /// From `questions/mappings.md`: how practice ids changed between versions.
  public var mappings: [VersionMapping]

  public init(
    lens: Lens, levels: [ClassificationLevel], objectives: [Objective], questions: [Question],
    threatModels: [ThreatModel], mappings: [VersionMapping] = []
  ) {
    self.mappings = mappings
    self.lens = lens
    self.levels = levels
    self.objectives = objectives
    self.questions = questions
    self.threatModels = threatModels
    indexPractices()
  }

  /// Practice id → title, for telling a not-applicable reason from a title holding a colon.
  public private(set) var practiceTitles: [String: String] = [:]
  /// Practice id → the id of the question it belongs to. Kept, not computed on each use: every
  /// answer file is checked against it.
  public private(set) var practiceQuestions: [String: String] = [:]

  private mutating func indexPractices() {
    practiceTitles = [:]
    practiceQuestions = [:]
    for question in questions {
      for practice in question.practices where practiceTitles[practice.id] == nil {
        practiceTitles[practice.id] = practice.title
        practiceQuestions[practice.id] = question.id
      }
    }
  }

  public func level(_ id: String) -> ClassificationLevel? { levels.first { $0.id == id } }

  public func question(_ id: String) -> Question? { questions.first { $0.id == id } }
  public func objective(_ id: String) -> Objective? { objectives.first { $0.id == id } }
  public func threatModel(_ id: String) -> ThreatModel? { threatModels.first { $0.id == id } }

  /// The questions that name an objective: they are what measures it.
  public func questions(measuring objectiveID: String) -> [Question] {
    questions.filter { $0.objectives.contains { $0.id == objectiveID } }
  }
}
