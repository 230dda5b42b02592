import PillarDiagnostics

/// `reviews/<id>/workload.md`: who owns a workload and how sensitive its data is.
public struct Workload: Sendable {
  public var id: String
  public var name: String
  public var owner: String
  public var classification: Reference
  public var environments: [String]
  public var tags: [String]
  public var threatModel: Reference?
  public var description: MarkdownText
  public var location: SourceLocation
  /// Answer files, oldest release first (see `ReleaseOrder`).
  public var reviews: [Review]
  /// Set when the workload is retired (`retired:` and `retired-reason:` in its profile): it is
  /// no longer gated, and its folder may then be removed without failing a change's check.
  public var retirement: Retirement?

  public struct Retirement: Sendable, Hashable {
    public var date: String
    public var reason: String
    public init(date: String, reason: String) {
      self.date = date
      self.reason = reason
    }
  }

  public init(
    id: String, name: String, owner: String, classification: Reference, environments: [String], tags: [String],
    threatModel: Reference?, description: MarkdownText, location: SourceLocation, reviews: [Review] = [],
    retirement: Retirement? = nil
  ) {
    self.retirement = retirement
    self.id = id
    self.name = name
    self.owner = owner
    self.classification = classification
    self.environments = environments
    self.tags = tags
    self.threatModel = threatModel
    self.description = description
    self.location = location
    self.reviews = reviews
  }

  /// The workload's current posture: its latest release.
  public var latest: Review? { reviews.last }
}

/// The whole workbook: the question set and every workload with its reviews.
public struct Workbook: Sendable {
  public var questionSet: QuestionSet
  public var workloads: [Workload]

  public init(questionSet: QuestionSet, workloads: [Workload]) {
    self.questionSet = questionSet
    self.workloads = workloads
  }
}
