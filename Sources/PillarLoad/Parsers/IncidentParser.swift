import PillarDiagnostics
import PillarModel

/// Reads `incidents/<id>.md`. What the file names (workloads, practices) is checked against the
/// workbook by `IncidentRules`; this reads the grammar and what one file can tell alone.
enum IncidentParser {
  static let sections = ["Summary", "Timeline", "What went well", "What we learned", "Actions"]

  static func parse(_ document: Document, id: String) -> Incident? {
    let report = document.report
    let fields = document.fields
    let title = fields.text("title")
    if let title, Document.isPlaceholder(title) {
      report.error(
        "placeholder", "the title is a placeholder left by pillar new; say what happened in one line",
        at: fields.locationOf("title"))
    }
    let severity = choice("severity", in: fields, report: report) { Incident.Severity(rawValue: $0) }
    let workloads = fields.references("workloads", required: true)
    let started = fields.date("started")
    let detected = fields.date("detected")
    let contained = fields.date("contained", required: false)
    let resolved = fields.date("resolved", required: false)
    let caught = choice("caught", in: fields, report: report) { Incident.Caught(rawValue: $0) }
    let helped = fields.references("helped")
    let contributed = fields.references("contributed")
    let contributedLocation = fields.locationOf("contributed")
    let actions = fields.entries("actions", what: "an action") { entry -> Incident.Action? in
      let practice = entry.reference("practice")
      let workload = entry.reference("workload", required: false)
      let owner = entry.text("owner")
      let due = entry.date("due")
      let note = entry.text("note", required: false) ?? ""
      let location = entry.locationOf("practice")
      guard let practice, let owner, let due else { return nil }
      let target: String
      if let workload {
        target = workload.id
      } else if workloads.count == 1 {
        target = workloads[0].id
      } else {
        report.error(
          "missing-field",
          "this action needs 'workload: <id>': the incident involves \(workloads.count) workloads (\(workloads.map(\.id).joined(separator: ", ")))",
          at: location)
        return nil
      }
      return Incident.Action(
        workload: target, improvement: Improvement(practice: practice, owner: owner, due: due, note: note),
        location: workload?.location ?? location)
    }
    fields.finish()

    // Dates in the order things happen.
    let order = [("started", started), ("detected", detected), ("contained", contained), ("resolved", resolved)]
    var earlier: (name: String, date: String)?
    for (name, date) in order {
      guard let date else { continue }
      if let earlier, date < earlier.date {
        report.error(
          "date-order", "'\(name)' (\(date)) is before '\(earlier.name)' (\(earlier.date)); dates follow the incident",
          at: fields.locationOf(name))
      }
      earlier = (name, date)
    }
    if resolved != nil && contained == nil {
      report.error(
        "missing-field", "a resolved incident needs 'contained: <date>' too", at: fields.locationOf("resolved"))
    }

    document.refusePlaceholders("write the review in its place: what happened, without blame")
    let texts = sections.map { title in
      document.requiredSection(title, allowEmpty: title == "What went well" || title == "Actions")
    }
    document.warnAboutSections(except: sections)
    guard let title, let severity, let started, let detected, let caught else { return nil }
    return Incident(
      id: id, title: title, severity: severity, workloads: workloads, started: started, detected: detected,
      contained: contained, resolved: resolved, caught: caught, helped: helped, contributed: contributed,
      actions: actions, summary: texts[0], timeline: texts[1], wentWell: texts[2], learned: texts[3],
      actionsText: texts[4], location: report.location(1), contributedLocation: contributedLocation)
  }

  /// One of a fixed set of words, with a did-you-mean when it is none of them.
  private static func choice<T: RawRepresentable & CaseIterable>(
    _ key: String, in fields: Fields, report: Report, _ make: (String) -> T?
  ) -> T? where T.RawValue == String {
    guard let text = fields.text(key) else { return nil }
    if let value = make(text.lowercased()) { return value }
    let allowed = T.allCases.map(\.rawValue)
    report.error(
      "invalid-value",
      "'\(text)' is not a \(key)\(Suggestion.didYouMean(text, in: allowed)); use one of \(allowed.joined(separator: ", "))",
      at: fields.locationOf(key))
    return nil
  }
}
