import Foundation

/// The three forms of `pillar diff`: text for terminals, Markdown for a pull request comment,
/// JSON for machines. Each leads with what matters: new high risks and regressions.
enum DiffFormat: String, CaseIterable {
  case text
  case markdown
  case json

  /// - Parameter siteURL: where the site is published; the Markdown links each practice that
  ///   regressed or opened a high risk to its guidance there.
  func render(_ report: DiffReport, siteURL: String? = nil) throws -> String {
    switch self {
    case .text: DiffText.render(report)
    case .markdown: DiffMarkdown.render(report, siteURL: siteURL)
    case .json: try DiffJSON.render(report)
    }
  }
}

/// The sections of a delta in the order every format prints them.
extension DiffReport.WorkloadDelta {
  var practiceSections: [(title: String, items: [DiffReport.PracticeItem])] {
    [
      ("Regressions", regressions), ("Newly missing", newlyMissing), ("Newly implemented", newlyImplemented),
      ("Newly not applicable", newlyNotApplicable), ("Other changes", otherChanges),
    ]
  }

  var questionSections:
    (newHigh: [DiffReport.QuestionItem], introduced: [DiffReport.QuestionItem], resolved: [DiffReport.QuestionItem])
  {
    (newHighRisks, risksIntroduced, risksResolved)
  }

  var heading: String {
    "\(name) (\(workload)) \(from ?? "new") → \(to ?? "removed")"
  }
}

extension DiffReport.Metric {
  var text: String {
    let from = from.map(String.init) ?? "–"
    let to = to.map(String.init) ?? "–"
    guard let change, self.from != nil else { return to }
    return "\(from) → \(to) (\(change > 0 ? "+" : change == 0 ? "±" : "−")\(abs(change)))"
  }
}

enum DiffText {
  static func render(_ report: DiffReport) -> String {
    var lines: [String] = []
    if report.deltas.isEmpty { lines.append("no change in posture against \(report.base)") }
    for delta in report.deltas {
      lines.append(delta.heading)
      lines.append(
        "  score \(delta.score.text)   HRI \(delta.highRisks.text)   MRI \(delta.mediumRisks.text)   unanswered \(delta.unanswered.text)   gate \(delta.gateFrom ?? "–") → \(delta.gateTo ?? "–")"
      )
      func questions(_ title: String, _ items: [DiffReport.QuestionItem]) {
        guard !items.isEmpty else { return }
        lines.append("  \(title):")
        lines += items.map { "    \($0.question) \($0.title)  \($0.from) → \($0.to)" }
      }
      questions("New high risks", delta.newHighRisks)
      if !delta.regressions.isEmpty {
        lines.append("  Regressions:")
        lines += delta.regressions.map { "    \($0.practice) \($0.title)  \($0.from) → \($0.to) (\($0.risk))" }
      }
      questions("Risks introduced", delta.risksIntroduced)
      questions("Risks resolved", delta.risksResolved)
      for (title, items) in delta.practiceSections.dropFirst() where !items.isEmpty {
        lines.append("  \(title):")
        lines += items.map { "    \($0.practice) \($0.title)  \($0.from) → \($0.to)" }
      }
      if !delta.notesChanged.isEmpty { lines.append("  Notes changed: \(delta.notesChanged.joined(separator: ", "))") }
      if delta.summaryChanged { lines.append("  Summary changed") }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

enum DiffMarkdown {
  /// The hidden first line a CI job finds its earlier comment by, to update it in place.
  static let marker = "<!-- pillar-posture -->"
  /// GitHub refuses comments over 65,536 characters; what does not fit is counted, not cut mid-line.
  static let limit = 65_000

  static func render(_ report: DiffReport, siteURL: String? = nil) -> String {
    var out = "\(marker)\n## Security posture changes\n\n"
    if report.deltas.isEmpty { return out + "No change in posture against `\(escape(report.base))`.\n" }
    // What blocks comes first: workloads with new high risks or regressions, then the rest.
    let ordered =
      report.deltas.filter { !$0.newHighRisks.isEmpty || !$0.regressions.isEmpty }
      + report.deltas.filter { $0.newHighRisks.isEmpty && $0.regressions.isEmpty }
    for (index, delta) in ordered.enumerated() {
      let section = render(delta, siteURL: siteURL)
      let left = ordered.count - index
      if out.utf16.count + section.utf16.count > limit - 300 {
        out +=
          "…and \(left) more workload\(left == 1 ? "" : "s") changed; this comment is cut at GitHub's size limit. Run `pillar diff --against \(escape(report.base))` for all of them.\n"
        break
      }
      out += section
    }
    return out
  }

  private static func render(_ delta: DiffReport.WorkloadDelta, siteURL: String?) -> String {
    // Ids are validated identifiers, safe in a URL; the guidance is where a fix starts.
    func practice(_ item: DiffReport.PracticeItem) -> String {
      guard let siteURL else { return escape(item.practice) }
      return "[\(escape(item.practice))](\(siteURL)questions/\(item.question).html#\(item.practice))"
    }
    var out = ""
    out += "### \(escape(delta.heading))\n\n"
    out +=
      "| | \(escape(delta.from ?? "before")) | \(escape(delta.to ?? "after")) | change |\n| --- | ---: | ---: | ---: |\n"
    for (name, metric) in [
      ("Score", delta.score), ("High-risk issues", delta.highRisks), ("Medium-risk issues", delta.mediumRisks),
      ("Unanswered", delta.unanswered),
    ] {
      out +=
        "| \(name) | \(metric.from.map(String.init) ?? "–") | \(metric.to.map(String.init) ?? "–") | \(metric.change.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "–") |\n"
    }
    out += "| Gate | \(delta.gateFrom ?? "–") | \(delta.gateTo ?? "–") | |\n\n"
    func questions(_ title: String, _ items: [DiffReport.QuestionItem]) {
      guard !items.isEmpty else { return }
      out +=
        "**\(title)**\n\n"
        + items.map { "- \($0.question) \(escape($0.title)): \($0.from) → **\($0.to)**\n" }.joined() + "\n"
    }
    questions("New high risks", delta.newHighRisks)
    if !delta.regressions.isEmpty {
      out += "**Regressions**\n\n"
      out +=
        delta.regressions.map {
          "- \(practice($0)) \(escape($0.title)): \($0.from) → **\($0.to)** (\($0.risk) risk)\n"
        }.joined() + "\n"
    }
    questions("Risks introduced", delta.risksIntroduced)
    questions("Risks resolved", delta.risksResolved)
    for (title, items) in delta.practiceSections.dropFirst() where !items.isEmpty {
      out +=
        "**\(title)**\n\n" + items.map { "- \($0.practice) \(escape($0.title)): \($0.from) → \($0.to)\n" }.joined()
        + "\n"
    }
    if !delta.notesChanged.isEmpty { out += "Notes changed: \(delta.notesChanged.joined(separator: ", ")).\n\n" }
    if delta.summaryChanged { out += "The review summary changed.\n\n" }
    return out
  }

  /// Titles come from the question set and names from profiles; a pull request comment must not
  /// turn them into markup, mentions or links. Every value sits mid-line, so the characters that
  /// only matter at the start of a line (`#`, `-`, `1.`) need no escape.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      if "\\`*_[]|<>@~".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }
}

enum DiffJSON {
  static func render(_ report: DiffReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
  }
}
