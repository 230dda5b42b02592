import PillarModel

/// What the organisation-wide pages need to know about one workload, and no more: its identity,
/// a line per release, and its latest scorecard. A full build makes one from each evaluated
/// workload; an incremental build reuses the ones of unchanged workloads from its cache, so the
/// dashboard, executive summary, question and objective pages are the same bytes either way.
public struct WorkloadSummary: Codable, Sendable, Equatable {
  public struct Release: Codable, Sendable, Equatable {
    public var release: String
    public var reviewed: String
    public var score: Int?
    public var highRisks: Int
    public var mediumRisks: Int
    public var unanswered: Int
    public var passes: Bool

    public init(_ card: Scorecard, review: Review) {
      release = card.release
      reviewed = review.reviewed
      score = card.score
      highRisks = card.highRisks
      mediumRisks = card.mediumRisks
      unanswered = card.unanswered
      passes = card.gate.passes
    }
  }

  public struct Planned: Codable, Sendable, Equatable {
    public var practice: String
    public var owner: String
    public var due: String
    public var note: String
    public var listedIn: String
    public var carried: Bool
    public var overdue: Bool
  }

  public struct Accepted: Codable, Sendable, Equatable {
    public var practice: String
    public var approver: String
    public var reason: String
    public var expires: String
  }

  public var id: String
  public var name: String
  public var owner: String
  public var classification: String
  public var threatModel: String?
  public var releases: [Release]
  /// The latest release's scorecard; nil when the workload has no answer file yet.
  public var latest: ScorecardRecord?
  public var plan: [Planned]
  public var acceptances: [Accepted]
  /// The day a retired workload left service: organisation figures leave it out from then on.
  public var retiredOn: String?
  public var retiredBecause: String?

  public init(_ result: Evaluation.WorkloadResult) {
    let workload = result.workload
    id = workload.id
    name = workload.name
    owner = workload.owner
    classification = workload.classification.id
    threatModel = workload.threatModel?.id
    releases = zip(workload.reviews, result.scorecards).map { Release($1, review: $0) }
    if let card = result.scorecards.last, let review = workload.reviews.last {
      latest = ScorecardRecord(card, review: review, workload: workload, latest: true)
    } else {
      latest = nil
    }
    plan = (result.plans.last ?? []).map {
      Planned(
        practice: $0.improvement.practice.id, owner: $0.improvement.owner, due: $0.improvement.due,
        note: $0.improvement.note, listedIn: $0.listedIn, carried: $0.isCarried, overdue: $0.isOverdue)
    }
    acceptances = (workload.latest?.acceptances ?? []).map {
      Accepted(practice: $0.practice.id, approver: $0.approver, reason: $0.reason, expires: $0.expires)
    }
    retiredOn = workload.retirement?.date
    retiredBecause = workload.retirement?.reason
  }
}

/// Everything the organisation-wide pages are made from.
public struct Organisation: Sendable {
  public var questionSet: QuestionSet
  public var today: String
  public var policy: GatePolicy
  public var workloads: [WorkloadSummary]

  public init(questionSet: QuestionSet, today: String, policy: GatePolicy, workloads: [WorkloadSummary]) {
    self.questionSet = questionSet
    self.today = today
    self.policy = policy
    self.workloads = workloads
  }

  public init(_ evaluation: Evaluation) {
    self.init(
      questionSet: evaluation.questionSet, today: evaluation.today, policy: evaluation.policy,
      workloads: evaluation.workloads.map(WorkloadSummary.init))
  }

  /// Workloads in service that have at least one release, with their latest scorecard. Retired
  /// workloads are left out of every organisation figure: they no longer ship.
  public var latest: [(summary: WorkloadSummary, card: ScorecardRecord)] {
    workloads.compactMap { summary in summary.retiredOn == nil ? summary.latest.map { (summary, $0) } : nil }
  }

  public var releaseCount: Int { workloads.reduce(0) { $0 + $1.releases.count } }

  /// The scores the organisation's average is taken over: each workload's latest release that
  /// answers every question. A release with unanswered questions scores them as not implemented,
  /// so a half-filled first review would drag the average down (and dropping it would lift it);
  /// the pages say how many workloads the average covers.
  public var averagedScores: [Int] {
    latest.compactMap { $0.card.unanswered == 0 ? $0.card.score : nil }
  }
}

extension WorkloadSummary {
  /// This summary as `PrettyJSON` (for the build cache, which `JSONDecoder` reads back).
  public func write(to json: inout PrettyJSON) {
    json.beginObject()
    json.field("acceptances", acceptances) { accepted, json in
      json.beginObject()
      json.field("approver", accepted.approver)
      json.field("expires", accepted.expires)
      json.field("practice", accepted.practice)
      json.field("reason", accepted.reason)
      json.endObject()
    }
    json.field("classification", classification)
    json.field("id", id)
    if let latest {
      json.key("latest")
      latest.write(to: &json)
    }
    json.field("name", name)
    json.field("owner", owner)
    json.field("plan", plan) { planned, json in
      json.beginObject()
      json.field("carried", planned.carried)
      json.field("due", planned.due)
      json.field("listedIn", planned.listedIn)
      json.field("note", planned.note)
      json.field("overdue", planned.overdue)
      json.field("owner", planned.owner)
      json.field("practice", planned.practice)
      json.endObject()
    }
    json.field("releases", releases) { release, json in
      json.beginObject()
      json.field("highRisks", release.highRisks)
      json.field("mediumRisks", release.mediumRisks)
      json.field("passes", release.passes)
      json.field("release", release.release)
      json.field("reviewed", release.reviewed)
      json.field("score", release.score)
      json.field("unanswered", release.unanswered)
      json.endObject()
    }
    json.field("retiredBecause", retiredBecause)
    json.field("retiredOn", retiredOn)
    json.field("threatModel", threatModel)
    json.endObject()
  }
}
