import PillarModel
import PillarScoring

/// What the organisation-wide pages need to know about one workload, and no more: its identity,
/// a line per release, and its latest scorecard. A full build makes one from each evaluated
/// workload; an incremental build reuses the ones of unchanged workloads from its cache, so the
/// dashboard, executive summary, question and objective pages are the same bytes either way.
package struct WorkloadSummary: Codable, Sendable, Equatable {
  package struct Release: Codable, Sendable, Equatable {
    package var release: String
    package var reviewed: String
    package var score: Int?
    package var highRisks: Int
    package var mediumRisks: Int
    package var unanswered: Int
    package var passes: Bool
    /// Implemented and applicable practices per control family (metrics' coverage).
    package var families: [FamilyCoverage]
    /// The objectives this release meets.
    package var objectivesMet: [String]
    /// The expiry of each acceptance this release holds for a practice it leaves missing.
    package var acceptances: [String]

    package init(_ card: Scorecard, review: Review) {
      release = card.release
      reviewed = review.reviewed
      score = card.score
      highRisks = card.highRisks
      mediumRisks = card.mediumRisks
      unanswered = card.unanswered
      passes = card.gate.passes
      // Counted in one pass over the practices in place: copying each family's practices out
      // (each a value with strings and arrays inside) was 5 % of a build's CPU.
      var counts = Array(
        repeating: (practices: 0, implemented: 0, applicable: 0), count: ControlFamily.allCases.count)
      var acceptances: [String] = []
      for question in card.questions {
        let family = ControlFamily.allCases.firstIndex(of: question.question.control)!
        for practice in question.practices {
          counts[family].practices += 1
          switch practice.state {
          case .implemented:
            counts[family].implemented += 1
            counts[family].applicable += 1
          case .notApplicable: break
          case .riskAccepted(let acceptance), .acceptanceExpired(let acceptance):
            acceptances.append(acceptance.expires)
            counts[family].applicable += 1
          default: counts[family].applicable += 1
          }
        }
      }
      families = zip(ControlFamily.allCases, counts).compactMap { family, count in
        count.practices == 0
          ? nil
          : FamilyCoverage(family: family.rawValue, implemented: count.implemented, applicable: count.applicable)
      }
      objectivesMet = card.objectives.filter(\.status.isMet).map(\.id)
      self.acceptances = acceptances
    }
  }

  /// Written `family implemented/applicable` (`preventative 10/12`): one per family of every
  /// release of every workload is kept in the cache.
  package struct FamilyCoverage: Codable, Sendable, Equatable {
    package var family: String
    package var implemented: Int
    package var applicable: Int

    init(family: String, implemented: Int, applicable: Int) {
      self.family = family
      self.implemented = implemented
      self.applicable = applicable
    }

    var compact: String { "\(family) \(implemented)/\(applicable)" }

    /// A coverage from its `compact` form; nil when the text is not one.
    init?(compact text: String) {
      let parts = text.split(whereSeparator: { $0 == " " || $0 == "/" })
      guard parts.count == 3, let implemented = Int(parts[1]), let applicable = Int(parts[2]) else { return nil }
      self.init(family: String(parts[0]), implemented: implemented, applicable: applicable)
    }

    package init(from decoder: any Decoder) throws {
      let text = try decoder.singleValueContainer().decode(String.self)
      guard let coverage = FamilyCoverage(compact: text) else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "coverage '\(text)'"))
      }
      self = coverage
    }

    package func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      try container.encode(compact)
    }
  }

  package struct Planned: Codable, Sendable, Equatable {
    package var practice: String
    package var owner: String
    package var due: String
    package var note: String
    package var listedIn: String
    package var carried: Bool
    package var overdue: Bool
    /// The incident whose follow-up action this is, if any.
    package var incident: String?
  }

  /// How the scanner's findings judge the latest answers (`docs/evidence.md`).
  package struct EvidenceCounts: Codable, Sendable, Equatable {
    package var confirmed = 0
    package var contradicted = 0
    package var suggestsReview = 0
    package var cannotJudge = 0
    /// Judgements from stale evidence (shown, never gating).
    package var stale = 0

    package init(_ evidence: [PracticeEvidence]) {
      for item in evidence {
        switch item.judgement {
        case .confirmed: confirmed += 1
        case .contradicted: contradicted += 1
        case .suggestsReview: suggestsReview += 1
        case .cannotJudge: cannotJudge += 1
        }
        if item.isStale && item.judgement != .cannotJudge { stale += 1 }
      }
    }

    /// Several workloads' counts added up (the dashboard's and the metrics' totals).
    package init(total counts: [EvidenceCounts]) {
      for count in counts {
        confirmed += count.confirmed
        contradicted += count.contradicted
        suggestsReview += count.suggestsReview
        cannotJudge += count.cannotJudge
        stale += count.stale
      }
    }
  }

  package struct Accepted: Codable, Sendable, Equatable {
    package var practice: String
    package var approver: String
    package var reason: String
    package var expires: String
  }

  package var id: String
  package var name: String
  package var owner: String
  package var classification: String
  package var tags: [String]
  package var threatModel: String?
  /// Every threat model template it names.
  package var threatModels: [String]
  /// Each threat of its models at the latest release: `model threat state` (`web TM-WEB-01 open`).
  package var threats: [String]
  package var releases: [Release]
  /// The latest release's scorecard; nil when the workload has no answer file yet.
  package var latest: ScorecardRecord?
  package var plan: [Planned]
  package var acceptances: [Accepted]
  /// The day a retired workload left service: organisation figures leave it out from then on.
  package var retiredOn: String?
  package var retiredBecause: String?
  /// Every risk's life across the releases, and each improvement's delivery (metrics).
  package var risks: [RiskLife]
  package var improvements: [ImprovementOutcome]
  /// Nil when no evidence covers the workload's accounts.
  package var evidence: EvidenceCounts?

  package init(_ result: Evaluation.WorkloadResult) {
    let workload = result.workload
    id = workload.id
    name = workload.name
    owner = workload.owner
    classification = workload.classification.id
    tags = workload.tags
    threatModel = workload.threatModel?.id
    threatModels = workload.threatModels.map(\.id)
    threats = (result.threats.last ?? []).map { "\($0.model) \($0.threat.id) \($0.state.rawValue)" }
    releases = zip(workload.reviews, result.scorecards).map { Release($1, review: $0) }
    if let card = result.scorecards.last, let review = workload.reviews.last {
      latest = ScorecardRecord(card, review: review, workload: workload, latest: true)
    } else {
      latest = nil
    }
    plan = (result.plans.last ?? []).map {
      Planned(
        practice: $0.improvement.practice.id, owner: $0.improvement.owner, due: $0.improvement.due,
        note: $0.improvement.note, listedIn: $0.listedIn, carried: $0.isCarried, overdue: $0.isOverdue,
        incident: $0.incident)
    }
    acceptances = (workload.latest?.acceptances ?? []).map {
      Accepted(practice: $0.practice.id, approver: $0.approver, reason: $0.reason, expires: $0.expires)
    }
    retiredOn = workload.retirement?.date
    retiredBecause = workload.retirement?.reason
    risks = RiskHistory.lives(workload.reviews, result.scorecards)
    improvements = RiskHistory.improvements(workload.reviews, result.scorecards)
    evidence = result.evidence.isEmpty ? nil : EvidenceCounts(result.evidence)
  }
}

/// Everything the organisation-wide pages are made from.
package struct Organisation: Sendable {
  package var questionSet: QuestionSet
  package var today: String
  package var policy: GatePolicy
  package var workloads: [WorkloadSummary]
  /// Post-incident reviews, by id.
  package var incidents: [Incident]

  package init(
    questionSet: QuestionSet, today: String, policy: GatePolicy, workloads: [WorkloadSummary],
    incidents: [Incident] = []
  ) {
    self.questionSet = questionSet
    self.today = today
    self.policy = policy
    self.workloads = workloads
    self.incidents = incidents
  }

  package init(_ evaluation: Evaluation) {
    self.init(
      questionSet: evaluation.questionSet, today: evaluation.today, policy: evaluation.policy,
      workloads: evaluation.workloads.map(WorkloadSummary.init), incidents: evaluation.workbook.incidents)
  }

  /// Workloads in service that have at least one release, with their latest scorecard. Retired
  /// workloads are left out of every organisation figure: they no longer ship.
  package var latest: [(summary: WorkloadSummary, card: ScorecardRecord)] {
    workloads.compactMap { summary in summary.retiredOn == nil ? summary.latest.map { (summary, $0) } : nil }
  }

  package var releaseCount: Int { workloads.reduce(0) { $0 + $1.releases.count } }

  /// The scores the organisation's average is taken over: each workload's latest release that
  /// answers every question. A release with unanswered questions scores them as not implemented,
  /// so a half-filled first review would drag the average down (and dropping it would lift it);
  /// the pages say how many workloads the average covers.
  package var averagedScores: [Int] {
    latest.compactMap { $0.card.unanswered == 0 ? $0.card.score : nil }
  }
}

extension WorkloadSummary {
  /// This summary as `PrettyJSON` (for the build cache, which `JSONDecoder` reads back).
  package func write(to json: inout PrettyJSON) {
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
    if let evidence {
      json.key("evidence")
      json.beginObject()
      json.field("cannotJudge", evidence.cannotJudge)
      json.field("confirmed", evidence.confirmed)
      json.field("contradicted", evidence.contradicted)
      json.field("stale", evidence.stale)
      json.field("suggestsReview", evidence.suggestsReview)
      json.endObject()
    }
    json.field("id", id)
    json.field("improvements", improvements) { outcome, json in
      json.beginObject()
      json.field("delivered", outcome.delivered)
      json.field("due", outcome.due)
      json.field("practice", outcome.practice)
      json.endObject()
    }
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
      json.field("incident", planned.incident)
      json.field("listedIn", planned.listedIn)
      json.field("note", planned.note)
      json.field("overdue", planned.overdue)
      json.field("owner", planned.owner)
      json.field("practice", planned.practice)
      json.endObject()
    }
    json.field("releases", releases) { release, json in
      json.beginObject()
      json.field("acceptances", release.acceptances)
      json.field("families", release.families.map(\.compact))
      json.field("highRisks", release.highRisks)
      json.field("mediumRisks", release.mediumRisks)
      json.field("objectivesMet", release.objectivesMet)
      json.field("passes", release.passes)
      json.field("release", release.release)
      json.field("reviewed", release.reviewed)
      json.field("score", release.score)
      json.field("unanswered", release.unanswered)
      json.endObject()
    }
    json.field("retiredBecause", retiredBecause)
    json.field("retiredOn", retiredOn)
    json.field("risks", risks.map(\.compact))
    json.field("tags", tags)
    json.field("threatModel", threatModel)
    json.field("threatModels", threatModels)
    json.field("threats", threats)
    json.endObject()
  }
}
