import PillarDiagnostics

/// `reviews/<id>/workload.md`: who owns a workload and how sensitive its data is.
package struct Workload: Sendable {
  package var id: String
  package var name: String
  package var owner: String
  package var classification: Reference
  package var environments: [String]
  package var tags: [String]
  /// The cloud accounts that are the workload's own (`accounts:`): scanner findings of these
  /// accounts are its evidence.
  package var accounts: [String] = []
  /// The threat model templates it names (`threat-model:` or `threat-models:`).
  package var threatModels: [Reference]
  /// Its own threats, `reviews/<id>/threat-model.md`.
  package var ownThreatModel: ThreatModel?
  package var description: MarkdownText
  package var location: SourceLocation
  /// Answer files, oldest release first (see `ReleaseOrder`).
  package var reviews: [Review]
  /// Set when the workload is retired (`retired:` and `retired-reason:` in its profile): it is
  /// no longer gated, and its folder may then be removed without failing a change's check.
  package var retirement: Retirement?

  package struct Retirement: Sendable, Hashable {
    package var date: String
    package var reason: String
    package init(date: String, reason: String) {
      self.date = date
      self.reason = reason
    }
  }

  package init(
    id: String, name: String, owner: String, classification: Reference, environments: [String], tags: [String],
    threatModels: [Reference], description: MarkdownText, location: SourceLocation, reviews: [Review] = [],
    retirement: Retirement? = nil, ownThreatModel: ThreatModel? = nil
  ) {
    self.threatModels = threatModels
    self.ownThreatModel = ownThreatModel
    self.retirement = retirement
    self.id = id
    self.name = name
    self.owner = owner
    self.classification = classification
    self.environments = environments
    self.tags = tags
    self.description = description
    self.location = location
    self.reviews = reviews
  }

  /// The first template it names (the profile's single `threat-model:`).
  package var threatModel: Reference? { threatModels.first }

  /// Every threat model that applies: the templates it names that exist, then its own.
  package func threatModels(in set: QuestionSet) -> [ThreatModel] {
    threatModels.compactMap { set.threatModel($0.id) } + (ownThreatModel.map { [$0] } ?? [])
  }

  /// The workload's current posture: its latest release.
  package var latest: Review? { reviews.last }
}

/// The whole workbook: the question set and every workload with its reviews.
package struct Workbook: Sendable {
  package var questionSet: QuestionSet
  package var workloads: [Workload]
  /// Post-incident reviews, by id.
  package var incidents: [Incident]

  package init(questionSet: QuestionSet, workloads: [Workload], incidents: [Incident] = []) {
    self.questionSet = questionSet
    self.workloads = workloads
    self.incidents = incidents
  }
}
