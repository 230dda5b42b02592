import PillarModel
import PillarRecords
import PillarTemplate

/// `incidents/<id>.html` and `incidents/index.html`: what the organisation learned from each
/// incident, and the practices and workloads it involved.
enum IncidentPage {
  static func spec(_ incident: Incident, organisation: Organisation) -> PageSpec {
    let set = organisation.questionSet
    var context = summary(incident, organisation: organisation)
    context["practicesHelped"] = incident.helped.map { practice($0.id, set: set) }
    context["practicesContributed"] = incident.contributed.map { practice($0.id, set: set) }
    context["actions"] = incident.actions.map { action -> TemplateContext in
      let improvement = action.improvement
      let summary = organisation.workloads.first { $0.id == action.workload }
      // Delivered only when a release reviewed since the incident says so: an answer given before
      // it is what the incident called into question.
      let latest = summary?.latest
      let done =
        (latest.map { $0.reviewed >= incident.detected } ?? false)
        && (summary.flatMap { state(of: improvement.practice.id, in: $0) }?.isInPlace ?? false)
      return [
        "practice": improvement.practice.id, "href": ScorecardPage.practiceHref(improvement.practice.id, set: set),
        "title": set.practiceTitles[improvement.practice.id] ?? "", "owner": improvement.owner,
        "due": improvement.due, "note": improvement.note, "workload": summary?.name ?? action.workload,
        "workloadHref": Paths.workload(action.workload), "done": done,
        "overdue": !done && improvement.due < organisation.today,
      ]
    }
    context["summaryHtml"] = Format.html(incident.summary)
    context["timelineHtml"] = Format.html(incident.timeline)
    context["wentWellHtml"] = Format.html(incident.wentWell)
    context["learnedHtml"] = Format.html(incident.learned)
    context["actionsHtml"] = Format.html(incident.actionsText)
    Format.addHasFlags(&context, for: ["practicesHelped", "practicesContributed", "actions"])
    return PageSpec(
      path: Paths.incident(incident.id), title: "Incident \(incident.id)", template: "incident", context: context,
      section: "incidents", searchable: true)
  }

  /// What the index, the workload and question pages show of an incident.
  static func summary(_ incident: Incident, organisation: Organisation) -> TemplateContext {
    func days(_ end: String?) -> String {
      guard let end, let first = DateMath.dayNumber(incident.started), let last = DateMath.dayNumber(end) else {
        return "n/a"
      }
      return String(last - first)
    }
    return [
      "id": incident.id, "title": incident.title, "href": Paths.incident(incident.id),
      "severity": ["label": incident.severity.title, "class": severityClass(incident.severity)] as TemplateContext,
      "caught": incident.caught.title, "started": incident.started, "detected": incident.detected,
      "contained": incident.contained ?? "", "resolved": incident.resolved ?? "", "open": incident.resolved == nil,
      "toDetect": days(incident.detected), "toContain": days(incident.contained), "toResolve": days(incident.resolved),
      "workloads": incident.workloads.map { reference -> TemplateContext in
        let name = organisation.workloads.first { $0.id == reference.id }?.name ?? reference.id
        return ["name": name, "href": Paths.workload(reference.id)]
      },
    ]
  }

  /// An incident as a line in a list (workload and question pages).
  static func line(_ incident: Incident, practice: String? = nil) -> TemplateContext {
    var role = ""
    if let practice {
      role = incident.contributed.contains { $0.id == practice } ? "its absence or failure contributed" : "it helped"
    }
    return [
      "id": incident.id, "title": incident.title, "href": Paths.incident(incident.id),
      "severity": ["label": incident.severity.title, "class": severityClass(incident.severity)] as TemplateContext,
      "caught": incident.caught.title, "detected": incident.detected, "role": role,
    ]
  }

  static func severityClass(_ severity: Incident.Severity) -> String {
    switch severity {
    case .critical, .high: "high"
    case .medium: "medium"
    case .low: "low"
    }
  }

  static func practice(_ id: String, set: QuestionSet) -> TemplateContext {
    ["id": id, "title": set.practiceTitles[id] ?? "", "href": ScorecardPage.practiceHref(id, set: set)]
  }

  /// A practice's state in a workload's latest release, from its summary.
  static func state(of practice: String, in summary: WorkloadSummary) -> ScorecardRecord.State? {
    summary.latest?.questions.lazy.flatMap(\.practices).first { $0.id == practice }?.state
  }
}

enum IncidentsPage {
  static func spec(_ organisation: Organisation) -> PageSpec {
    let incidents = organisation.incidents.sorted { ($0.detected, $0.id) > ($1.detected, $1.id) }
    var context: TemplateContext = [
      "incidents": incidents.map { IncidentPage.summary($0, organisation: organisation) },
      "prevented": incidents.count { $0.caught == .prevented },
      "detected": incidents.count { $0.caught == .detected }, "reported": incidents.count { $0.caught == .reported },
      "total": incidents.count,
    ]
    Format.addHasFlags(&context, for: ["incidents"])
    return PageSpec(
      path: Paths.incidents, title: "Incidents", template: "incidents", context: context, section: "incidents")
  }
}

extension ScorecardRecord.State {
  /// Implemented or not applicable: nothing left to do.
  var isInPlace: Bool { self == .implemented || self == .notApplicable }
}
