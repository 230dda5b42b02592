import PillarModel
import PillarScoring

/// Summaries read back from the build cache with `JSONReader`, field by field, as
/// `WorkloadSummary.write(to:)` and `ScorecardRecord.write(to:)` write them. A field the writer
/// always writes is required; one it leaves out when nil is optional. Fields not named are
/// skipped, and a value of the wrong kind throws.
extension WorkloadSummary {
  package init(reading json: inout JSONReader) throws {
    var id: String?
    var name: String?
    var owner: String?
    var classification: String?
    var tags: [String]?
    var threatModels: [String]?
    var threats: [String]?
    var releases: [Release]?
    var plan: [Planned]?
    var acceptances: [Accepted]?
    var risks: [RiskLife]?
    var improvements: [ImprovementOutcome]?
    var threatModel: String?
    var retiredOn: String?
    var retiredBecause: String?
    var latest: ScorecardRecord?
    var evidence: EvidenceCounts?
    try json.object { json, key in
      switch key {
      case "id": id = try json.string()
      case "name": name = try json.string()
      case "owner": owner = try json.string()
      case "classification": classification = try json.string()
      case "tags": tags = try json.strings()
      case "threatModel": threatModel = try json.string()
      case "threatModels": threatModels = try json.strings()
      case "threats": threats = try json.strings()
      case "releases": releases = try json.list(of: Release.init(reading:))
      case "latest": latest = try ScorecardRecord(reading: &json)
      case "plan": plan = try json.list(of: Planned.init(reading:))
      case "acceptances": acceptances = try json.list(of: Accepted.init(reading:))
      case "retiredOn": retiredOn = try json.string()
      case "retiredBecause": retiredBecause = try json.string()
      case "risks": risks = try json.list { json in try compact(json.string(), RiskLife.init(compact:)) }
      case "improvements": improvements = try json.list(of: ImprovementOutcome.init(reading:))
      case "evidence": evidence = try EvidenceCounts(reading: &json)
      default: try json.skip()
      }
    }
    self.id = try required(id, "id")
    self.name = try required(name, "name")
    self.owner = try required(owner, "owner")
    self.classification = try required(classification, "classification")
    self.tags = try required(tags, "tags")
    self.threatModel = threatModel
    self.threatModels = try required(threatModels, "threatModels")
    self.threats = try required(threats, "threats")
    self.releases = try required(releases, "releases")
    self.latest = latest
    self.plan = try required(plan, "plan")
    self.acceptances = try required(acceptances, "acceptances")
    self.retiredOn = retiredOn
    self.retiredBecause = retiredBecause
    self.risks = try required(risks, "risks")
    self.improvements = try required(improvements, "improvements")
    self.evidence = evidence
  }
}

extension WorkloadSummary.Release {
  init(reading json: inout JSONReader) throws {
    var release: String?
    var reviewed: String?
    var score: Int?
    var high: Int?
    var medium: Int?
    var unanswered: Int?
    var passes: Bool?
    var families: [WorkloadSummary.FamilyCoverage]?
    var objectivesMet: [String]?
    var acceptances: [String]?
    try json.object { json, key in
      switch key {
      case "release": release = try json.string()
      case "reviewed": reviewed = try json.string()
      case "score": score = try json.int()
      case "highRisks": high = try json.int()
      case "mediumRisks": medium = try json.int()
      case "unanswered": unanswered = try json.int()
      case "passes": passes = try json.bool()
      case "families":
        families = try json.list { json in
          try compact(json.string(), WorkloadSummary.FamilyCoverage.init(compact:))
        }
      case "objectivesMet": objectivesMet = try json.strings()
      case "acceptances": acceptances = try json.strings()
      default: try json.skip()
      }
    }
    self.release = try required(release, "release")
    self.reviewed = try required(reviewed, "reviewed")
    self.score = score
    highRisks = try required(high, "highRisks")
    mediumRisks = try required(medium, "mediumRisks")
    self.unanswered = try required(unanswered, "unanswered")
    self.passes = try required(passes, "passes")
    self.families = try required(families, "families")
    self.objectivesMet = try required(objectivesMet, "objectivesMet")
    self.acceptances = try required(acceptances, "acceptances")
  }
}

extension WorkloadSummary.Planned {
  init(reading json: inout JSONReader) throws {
    var practice: String?
    var owner: String?
    var due: String?
    var note: String?
    var listedIn: String?
    var incident: String?
    var carried: Bool?
    var overdue: Bool?
    try json.object { json, key in
      switch key {
      case "practice": practice = try json.string()
      case "owner": owner = try json.string()
      case "due": due = try json.string()
      case "note": note = try json.string()
      case "listedIn": listedIn = try json.string()
      case "incident": incident = try json.string()
      case "carried": carried = try json.bool()
      case "overdue": overdue = try json.bool()
      default: try json.skip()
      }
    }
    self.init(
      practice: try required(practice, "practice"), owner: try required(owner, "owner"), due: try required(due, "due"),
      note: try required(note, "note"), listedIn: try required(listedIn, "listedIn"),
      carried: try required(carried, "carried"), overdue: try required(overdue, "overdue"), incident: incident)
  }
}

extension WorkloadSummary.Accepted {
  init(reading json: inout JSONReader) throws {
    var practice: String?
    var approver: String?
    var reason: String?
    var expires: String?
    try json.object { json, key in
      switch key {
      case "practice": practice = try json.string()
      case "approver": approver = try json.string()
      case "reason": reason = try json.string()
      case "expires": expires = try json.string()
      default: try json.skip()
      }
    }
    self.init(
      practice: try required(practice, "practice"), approver: try required(approver, "approver"),
      reason: try required(reason, "reason"), expires: try required(expires, "expires"))
  }
}

extension WorkloadSummary.EvidenceCounts {
  init(reading json: inout JSONReader) throws {
    var counts = Self(total: [])
    try json.object { json, key in
      switch key {
      case "confirmed": counts.confirmed = try json.int()
      case "contradicted": counts.contradicted = try json.int()
      case "suggestsReview": counts.suggestsReview = try json.int()
      case "cannotJudge": counts.cannotJudge = try json.int()
      case "stale": counts.stale = try json.int()
      default: try json.skip()
      }
    }
    self = counts
  }
}

extension ImprovementOutcome {
  init(reading json: inout JSONReader) throws {
    var practice: String?
    var due: String?
    var delivered: String?
    try json.object { json, key in
      switch key {
      case "practice": practice = try json.string()
      case "due": due = try json.string()
      case "delivered": delivered = try json.string()
      default: try json.skip()
      }
    }
    self.init(practice: try required(practice, "practice"), due: try required(due, "due"), delivered: delivered)
  }
}

extension ScorecardRecord {
  init(reading json: inout JSONReader) throws {
    var workload: String?
    var name: String?
    var owner: String?
    var classification: String?
    var release: String?
    var reviewed: String?
    var file: String?
    var questionSet: String?
    var latest: Bool?
    var score: Int?
    var high: Int?
    var medium: Int?
    var low: Int?
    var unanswered: Int?
    var gate: Gate?
    var families: [Group]?
    var objectives: [Group]?
    var questions: [Question]?
    try json.object { json, key in
      switch key {
      case "workload": workload = try json.string()
      case "name": name = try json.string()
      case "owner": owner = try json.string()
      case "classification": classification = try json.string()
      case "release": release = try json.string()
      case "reviewed": reviewed = try json.string()
      case "file": file = try json.string()
      case "questionSet": questionSet = try json.string()
      case "latest": latest = try json.bool()
      case "score": score = try json.int()
      case "highRisks": high = try json.int()
      case "mediumRisks": medium = try json.int()
      case "lowRisks": low = try json.int()
      case "unanswered": unanswered = try json.int()
      case "gate": gate = try Gate(reading: &json)
      case "controlFamilies": families = try json.list(of: Group.init(reading:))
      case "objectives": objectives = try json.list(of: Group.init(reading:))
      case "questions": questions = try json.list(of: Question.init(reading:))
      default: try json.skip()
      }
    }
    self.workload = try required(workload, "workload")
    self.name = try required(name, "name")
    self.owner = try required(owner, "owner")
    self.classification = try required(classification, "classification")
    self.release = try required(release, "release")
    self.reviewed = try required(reviewed, "reviewed")
    self.file = try required(file, "file")
    self.questionSet = questionSet
    self.latest = try required(latest, "latest")
    self.score = score
    highRisks = try required(high, "highRisks")
    mediumRisks = try required(medium, "mediumRisks")
    lowRisks = try required(low, "lowRisks")
    self.unanswered = try required(unanswered, "unanswered")
    self.gate = try required(gate, "gate")
    controlFamilies = try required(families, "controlFamilies")
    self.objectives = try required(objectives, "objectives")
    self.questions = try required(questions, "questions")
  }
}

extension ScorecardRecord.Gate {
  init(reading json: inout JSONReader) throws {
    var passes: Bool?
    var reasons: [String]?
    try json.object { json, key in
      switch key {
      case "passes": passes = try json.bool()
      case "reasons": reasons = try json.strings()
      default: try json.skip()
      }
    }
    self.init(passes: try required(passes, "passes"), reasons: try required(reasons, "reasons"))
  }
}

extension ScorecardRecord.Group {
  init(reading json: inout JSONReader) throws {
    var id: String?
    var title: String?
    var status: GroupStatus?
    try json.object { json, key in
      switch key {
      case "id": id = try json.string()
      case "title": title = try json.string()
      case "status": status = try compact(json.string(), GroupStatus.init(rawValue:))
      default: try json.skip()
      }
    }
    self.init(id: try required(id, "id"), title: try required(title, "title"), status: try required(status, "status"))
  }
}

extension ScorecardRecord.Question {
  init(reading json: inout JSONReader) throws {
    var id: String?
    var title: String?
    var control: String?
    var risk: ScorecardRecord.RiskName?
    var practices: [ScorecardRecord.Practice]?
    try json.object { json, key in
      switch key {
      case "id": id = try json.string()
      case "title": title = try json.string()
      case "control": control = try json.string()
      case "risk": risk = try compact(json.string(), ScorecardRecord.RiskName.init(rawValue:))
      case "practices": practices = try json.list(of: ScorecardRecord.Practice.init(reading:))
      default: try json.skip()
      }
    }
    self.init(
      id: try required(id, "id"), title: try required(title, "title"), control: try required(control, "control"),
      risk: try required(risk, "risk"), practices: try required(practices, "practices"))
  }
}

extension ScorecardRecord.Practice {
  init(reading json: inout JSONReader) throws {
    var id: String?
    var title: String?
    var reason: String?
    var state: ScorecardRecord.State?
    var risk: ScorecardRecord.RiskName?
    var required: Bool?
    var line: Int?
    try json.object { json, key in
      switch key {
      case "id": id = try json.string()
      case "title": title = try json.string()
      case "reason": reason = try json.string()
      case "state": state = try compact(json.string(), ScorecardRecord.State.init(rawValue:))
      case "risk": risk = try compact(json.string(), ScorecardRecord.RiskName.init(rawValue:))
      case "required": required = try json.bool()
      case "line": line = try json.int()
      default: try json.skip()
      }
    }
    self.init(
      id: try PillarRecords.required(id, "id"), title: try PillarRecords.required(title, "title"),
      state: try PillarRecords.required(state, "state"), risk: try PillarRecords.required(risk, "risk"),
      required: try PillarRecords.required(required, "required"), reason: reason, line: line)
  }
}

/// A field the writer always writes.
private func required<T>(_ value: T?, _ name: String) throws -> T {
  guard let value else { throw JSONReader.Failure(position: -1, expected: "the field '\(name)'") }
  return value
}

/// A value written as text in a form of its own (`RiskLife.compact`, a raw value).
private func compact<T>(_ text: String, _ parse: (String) -> T?) throws -> T {
  guard let value = parse(text) else { throw JSONReader.Failure(position: -1, expected: "a value, not '\(text)'") }
  return value
}
