import PillarDiagnostics

/// `questions/lens.md`: what the question set is and which version of it this is.
package struct Lens: Sendable {
  package var id: String
  package var name: String
  package var version: String
  package var introduction: MarkdownText
  /// The framework and revision the practices' `source-risk` levels come from (`risk-source:`).
  package var riskSource: String? = nil
  /// The lens and pillar the set was imported from (`lens:`).
  package var origin: SetLens? = nil

  package init(id: String, name: String, version: String, introduction: MarkdownText) {
    self.id = id
    self.name = name
    self.version = version
    self.introduction = introduction
  }
}

/// One data classification level; `rank` orders levels from least (0) to most sensitive.
package struct ClassificationLevel: Sendable, Hashable {
  package var id: String
  package var title: String
  package var rank: Int
  package var description: MarkdownText
  /// How often, in days, a workload at this level must be reviewed (`review-every`).
  package var reviewEvery: Int
  /// What the level promises and the practices that keep each promise (`promises:`).
  package var promises: [LevelPromise] = []
  /// A practice ticked at this level (or above) must cite evidence: a link in its note
  /// (`evidence-required: true`). Cumulative, like requirements.
  package var evidenceRequired = false

  /// The cadence of a level that does not set `review-every` (`docs/metrics.md`).
  package static let defaultReviewEvery = 180

  package init(
    id: String, title: String, rank: Int, description: MarkdownText, reviewEvery: Int = defaultReviewEvery
  ) {
    self.id = id
    self.title = title
    self.rank = rank
    self.description = description
    self.reviewEvery = reviewEvery
  }
}

/// What / How / Why: how the organisation communicates a question or an objective.
package struct Rationale: Sendable, Hashable {
  package var what: MarkdownText
  package var how: MarkdownText
  package var why: MarkdownText

  package init(what: MarkdownText, how: MarkdownText, why: MarkdownText) {
    self.what = what
    self.how = how
    self.why = why
  }
}

package struct Objective: Sendable {
  package var id: String
  package var title: String
  package var rationale: Rationale
  /// The objective is about the path-to-production gate (`gate: true`): a release that fails
  /// the gate never meets it, whatever its questions' risks.
  package var isAboutTheGate: Bool
  package var location: SourceLocation

  package init(id: String, title: String, rationale: Rationale, isAboutTheGate: Bool = false, location: SourceLocation)
  {
    self.id = id
    self.title = title
    self.rationale = rationale
    self.isAboutTheGate = isAboutTheGate
    self.location = location
  }
}

/// What a level of the classification scale promises, and the practices that enforce it: each
/// must be required at that level, so the gate keeps the promise (`docs/format.md`).
package struct LevelPromise: Sendable, Hashable {
  /// A short heading, such as "Access".
  package var area: String?
  package var text: String
  package var practices: [Reference]
  package var location: SourceLocation

  package init(area: String?, text: String, practices: [Reference], location: SourceLocation) {
    self.area = area
    self.text = text
    self.practices = practices
    self.location = location
  }
}

/// The STRIDE categories of a threat.
package enum StrideCategory: String, Sendable, Hashable, CaseIterable {
  case spoofing, tampering, repudiation
  case informationDisclosure = "information-disclosure"
  case denialOfService = "denial-of-service"
  case elevationOfPrivilege = "elevation-of-privilege"

  package var title: String {
    switch self {
    case .spoofing: "Spoofing"
    case .tampering: "Tampering"
    case .repudiation: "Repudiation"
    case .informationDisclosure: "Information disclosure"
    case .denialOfService: "Denial of service"
    case .elevationOfPrivilege: "Elevation of privilege"
    }
  }
}

/// A threat as a structured threat statement: a source with `prerequisites` can do `title`,
/// which leads to `impact`; its STRIDE categories and priority; the practices that mitigate it.
package struct Threat: Sendable, Hashable {
  package var id: String
  package var title: String
  package var mitigations: [Reference]
  package var location: SourceLocation
  package var stride: [StrideCategory] = []
  package var priority: Risk? = nil
  package var prerequisites: String? = nil
  package var impact: String? = nil

  package init(id: String, title: String, mitigations: [Reference], location: SourceLocation) {
    self.id = id
    self.title = title
    self.mitigations = mitigations
    self.location = location
  }
}

package struct ThreatModel: Sendable {
  package var id: String
  package var title: String
  package var threats: [Threat]
  package var assets: MarkdownText
  package var trustBoundaries: MarkdownText
  package var threatsText: MarkdownText
  package var location: SourceLocation

  package init(
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
package struct Reference: Sendable, Hashable {
  package var id: String
  package var location: SourceLocation

  package init(_ id: String, at location: SourceLocation) {
    self.id = id
    self.location = location
  }
}

/// The whole of `questions/`.
package struct QuestionSet: Sendable {
  package var lens: Lens
  package var levels: [ClassificationLevel]
  package var objectives: [Objective]
  package var questions: [Question] { didSet { indexPractices() } }
  package var threatModels: [ThreatModel]
  /// From `questions/mappings.md`: how practice ids changed between versions.
  package var mappings: [VersionMapping]
  /// The frameworks practices may reference: the built-in ones and `questions/frameworks.md`'s.
  package var frameworks: [Framework] = Framework.builtIn

  package init(
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
  package private(set) var practiceTitles: [String: String] = [:]
  /// Practice id → the id of the question it belongs to. Kept, not computed on each use: every
  /// answer file is checked against it.
  package private(set) var practiceQuestions: [String: String] = [:]

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

  package func level(_ id: String) -> ClassificationLevel? { levels.first { $0.id == id } }

  /// Whether `practice` is required at `level` (its `required-from` is this level or below).
  package func isRequired(_ practice: BestPractice, at level: ClassificationLevel) -> Bool {
    practice.requiredFrom.flatMap { self.level($0.id) }.map { $0.rank <= level.rank } ?? false
  }

  /// Whether the default gate keeps a practice at `level`: missing it is a high risk there,
  /// because it is rated high or required at that level.
  package func isEnforced(_ practice: BestPractice, at level: ClassificationLevel) -> Bool {
    practice.risk == .high || isRequired(practice, at: level)
  }

  /// Whether a ticked practice must cite evidence at `level`: the level or one below it says
  /// `evidence-required: true` (requirements are cumulative).
  package func requiresEvidence(at level: ClassificationLevel) -> Bool {
    levels.contains { $0.evidenceRequired && $0.rank <= level.rank }
  }

  package func question(_ id: String) -> Question? { questions.first { $0.id == id } }
  package func objective(_ id: String) -> Objective? { objectives.first { $0.id == id } }
  package func threatModel(_ id: String) -> ThreatModel? { threatModels.first { $0.id == id } }
  package func framework(_ id: String) -> Framework? { frameworks.first { $0.id == id } }

  /// The questions that name an objective: they are what measures it.
  package func questions(measuring objectiveID: String) -> [Question] {
    questions.filter { $0.objectives.contains { $0.id == objectiveID } }
  }
}
