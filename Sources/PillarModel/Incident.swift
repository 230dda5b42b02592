import PillarDiagnostics

/// One blameless post-incident review, `incidents/<id>.md` (docs/format.md): what happened, to
/// which workloads, how it was caught, which practices helped or contributed, and the follow-up
/// actions that join the workloads' improvement plans.
package struct Incident: Sendable {
  package enum Severity: String, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    package static func < (a: Severity, b: Severity) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    package var title: String {
      switch self {
      case .low: "Low"
      case .medium: "Medium"
      case .high: "High"
      case .critical: "Critical"
      }
    }
  }

  /// How the incident was caught.
  package enum Caught: String, Sendable, CaseIterable {
    /// A control stopped it before harm.
    case prevented
    /// The organisation's own controls found it.
    case detected
    /// Someone outside the team reported it.
    case reported

    package var title: String {
      switch self {
      case .prevented: "Prevented by a control"
      case .detected: "Detected by our controls"
      case .reported: "Reported from outside"
      }
    }
  }

  /// A follow-up action: an improvement for one workload, from the incident on.
  package struct Action: Sendable {
    package var workload: String
    package var improvement: Improvement
    package var location: SourceLocation

    package init(workload: String, improvement: Improvement, location: SourceLocation) {
      self.workload = workload
      self.improvement = improvement
      self.location = location
    }
  }

  package var id: String
  package var title: String
  package var severity: Severity
  package var workloads: [Reference]
  package var started: String
  package var detected: String
  package var contained: String?
  package var resolved: String?
  package var caught: Caught
  package var helped: [Reference]
  package var contributed: [Reference]
  package var actions: [Action]
  package var summary: MarkdownText
  package var timeline: MarkdownText
  package var wentWell: MarkdownText
  package var learned: MarkdownText
  package var actionsText: MarkdownText
  package var location: SourceLocation
  /// Where `contributed` is written, for diagnostics that point at it.
  package var contributedLocation: SourceLocation

  package init(
    id: String, title: String, severity: Severity, workloads: [Reference], started: String, detected: String,
    contained: String?, resolved: String?, caught: Caught, helped: [Reference], contributed: [Reference],
    actions: [Action], summary: MarkdownText, timeline: MarkdownText, wentWell: MarkdownText, learned: MarkdownText,
    actionsText: MarkdownText, location: SourceLocation, contributedLocation: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.severity = severity
    self.workloads = workloads
    self.started = started
    self.detected = detected
    self.contained = contained
    self.resolved = resolved
    self.caught = caught
    self.helped = helped
    self.contributed = contributed
    self.actions = actions
    self.summary = summary
    self.timeline = timeline
    self.wentWell = wentWell
    self.learned = learned
    self.actionsText = actionsText
    self.location = location
    self.contributedLocation = contributedLocation
  }

  /// High or critical: what the `overdue-incident-actions` gate switch looks at.
  package var isSevere: Bool { severity >= .high }

  package func involves(_ workload: String) -> Bool { workloads.contains { $0.id == workload } }
}

extension Incident {
  /// The answers of `review` this incident contradicts: contributing practices the review marks
  /// implemented, when the review is dated on or before the incident was detected (a review
  /// after it has looked again). Empty for a workload the incident does not involve.
  package func contradicts(_ review: Review) -> [PracticeAnswer] {
    guard involves(review.workloadID), !review.reviewed.isEmpty, review.reviewed <= detected else { return [] }
    let named = Set(contributed.map(\.id))
    return review.answers.flatMap(\.practices).filter { $0.mark == .implemented && named.contains($0.practiceID) }
  }
}
