import PillarDiagnostics
import PillarMarkdown
import PillarModel

/// Reads an answer file. Practice titles come from the question set so that a not-applicable
/// reason can be told apart from a title that itself holds a colon.
enum ReviewParser {
  static func parse(_ document: Document, workloadID: String, release: String, titles: [String: String]) -> Review? {
    let report = document.report
    let fields = document.fields
    let declared = fields.text("release")
    if let declared, declared != release {
      report.error(
        "release-mismatch",
        "release '\(declared)' does not match the file name; rename the file to '\(declared).md' or set release: \"\(release)\"",
        at: fields.locationOf("release"))
    }
    let reviewed = fields.date("reviewed")
    let reviewerNames = fields.references("reviewers", required: true)
    let reviewers = reviewerNames.map(\.id)
    let version = fields.reference("question-set", required: false)
    let improvements = fields.entries("improvements", what: "an improvement") { entry -> Improvement? in
      let practice = entry.reference("practice")
      let owner = entry.text("owner")
      let due = entry.date("due")
      let note = entry.text("note", required: false) ?? ""
      guard let practice, let owner, let due else { return nil }
      return Improvement(practice: practice, owner: owner, due: due, note: note)
    }
    let acceptances = fields.entries("acceptances", what: "an acceptance") { entry -> Acceptance? in
      let practice = entry.reference("practice")
      let approver = entry.text("approver")
      let reason = entry.text("reason")
      let expires = entry.date("expires")
      guard let practice, let approver, let reason, let expires else { return nil }
      return Acceptance(practice: practice, approver: approver, reason: reason, expires: expires)
    }
    fields.finish()
    for reviewer in reviewerNames where Document.isPlaceholder(reviewer.id) {
      report.error(
        "placeholder", "reviewer '\(reviewer.id)' is a placeholder left by pillar new; name who reviewed this release",
        at: reviewer.location)
    }
    document.refusePlaceholders("write the review in its place: its scope, what changed and the verdict")
    document.refuseHiddenAnswers()

    let answers = document.sections.map { answer(for: $0, in: document, titles: titles) }
    // Missing fields are reported above; the answers are still returned so that every other
    // problem of the file is found in the same run.
    return Review(
      workloadID: workloadID, release: release, reviewed: reviewed ?? "", reviewers: reviewers,
      questionSetVersion: version, summary: document.introduction, answers: answers, improvements: improvements,
      acceptances: acceptances, location: report.location(1), reviewedLocation: fields.locationOf("reviewed"))
  }

  private static func answer(for section: Section, in document: Document, titles: [String: String]) -> QuestionAnswer {
    let source = document.source
    var practices: [PracticeAnswer] = []
    var checklistLines: [ClosedRange<Int>] = []
    for block in section.blocks where block.kind == .list {
      let items = block.children.map { item in (item, Checklist.box(in: item, source: source)) }
      guard items.contains(where: { $0.1 != nil }) else { continue }
      checklistLines.append(block.line...block.endLine)
      for (item, box) in items {
        guard let box else {
          document.report.error(
            "checklist-item", "expected a checklist item such as '- [x] \(section.key)-BP01 …' in a checklist",
            at: document.report.location(item.line, item.column))
          continue
        }
        if let answer = Checklist.answer(box, item: item, document: document, titles: titles) {
          practices.append(answer)
        }
      }
    }
    // The question's notes are the section without its checklists; blank lines keep positions.
    var noteLines = (section.firstLine...max(section.firstLine, section.lastLine)).map { line -> Substring in
      line <= source.lines.count ? source.lines[line - 1] : ""
    }
    for range in checklistLines {
      // A list may be reported as starting before the section's first content line (libcmark
      // can place a block on the heading's line); the fuzzer found it, so clamp to the section.
      for line in range where line >= section.firstLine && line - section.firstLine < noteLines.count {
        noteLines[line - section.firstLine] = ""
      }
    }
    let notes = MarkdownText(
      section.firstLine <= section.lastLine ? noteLines.joined(separator: "\n") : "",
      at: document.report.location(section.firstLine),
      html: Document.html(
        of: section.blocks.filter { block in !checklistLines.contains { $0.lowerBound == block.line } }))
    return QuestionAnswer(
      questionID: section.key, practices: practices, notes: notes,
      location: document.report.location(section.line, section.column))
  }
}
