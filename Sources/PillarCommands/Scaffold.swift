import PillarLoad
import PillarModel
import PillarScoring

/// The text of a new answer file: every practice of every question as a checklist item, with the
/// previous release's answers, notes, open improvements and live acceptances carried forward.
enum Scaffold {
  static func answerFile(
    release: String, reviewed: String, reviewers: [String], set: QuestionSet, previous: Evaluation.WorkloadResult?
  ) -> String {
    let card = previous?.latest
    let review = previous?.workload.latest
    var out = "---\nrelease: \(YAMLText.quoted(release))\nreviewed: \(reviewed)\n"
    out += "reviewers: [\(reviewers.map(YAMLText.quoted).joined(separator: ", "))]\n"
    out += "question-set: \(YAMLText.quoted(set.lens.version))\n"
    let plan = previous?.plans.last ?? []
    if !plan.isEmpty {
      out += "improvements:\n"
      for item in plan {
        out += "  - practice: \(item.improvement.practice.id)\n    owner: \(YAMLText.quoted(item.improvement.owner))\n"
        out += "    due: \(item.improvement.due)\n"
        if !item.improvement.note.isEmpty { out += "    note: \(YAMLText.quoted(item.improvement.note))\n" }
      }
    }
    let acceptances = (review?.acceptances ?? []).filter { $0.expires >= reviewed }
    if !acceptances.isEmpty {
      out += "acceptances:\n"
      for item in acceptances {
        out += "  - practice: \(item.practice.id)\n    approver: \(YAMLText.quoted(item.approver))\n"
        out += "    reason: \(YAMLText.quoted(item.reason))\n    expires: \(item.expires)\n"
      }
    }
    out += "---\n"
    // Placeholders are errors until replaced (`placeholder`), so a scaffold is never published as is.
    out +=
      review.map { _ in
        "TODO: what changed since release \(previous?.workload.latest?.release ?? ""), and the verdict.\n"
      }
      ?? "TODO: the scope of this review, what it found, and the verdict.\n"
    for question in set.questions {
      let result = card?.questions.first { $0.question.id == question.id }
      out += "\n## \(question.id) \(question.title)\n"
      for practice in question.practices {
        let previous = result?.practices.first { $0.practice.id == practice.id }
        switch previous?.state {
        case .implemented?: out += "- [x] \(practice.id) \(practice.title)\n"
        case .notApplicable(let reason)?: out += "- [n/a] \(practice.id) \(practice.title): \(reason)\n"
        default: out += "- [ ] \(practice.id) \(practice.title)\n"
        }
        if let note = previous?.answer?.note, !note.isBlank {
          out += note.source.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.isEmpty ? "" : "  \($0)"
          }
          .joined(separator: "\n")
          out += "\n"
        }
      }
      if let notes = result?.answer?.notes.source.trimmingCharacters(in: .whitespacesAndNewlines), !notes.isEmpty {
        out += "\n\(notes)\n"
      }
    }
    return out
  }

  static func profile(name: String, owner: String, classification: String) -> String {
    """
    ---
    name: \(YAMLText.quoted(name))
    owner: \(YAMLText.quoted(owner))
    classification: \(classification)
    environments: [production]
    ---
    TODO: what the workload does, who uses it and what data it holds.

    """
  }

  /// The release after `release`: its last number plus one (`2026.3` → `2026.4`).
  static func nextRelease(after release: String) -> String? {
    guard let range = release.range(of: "[0-9]+(?=[^0-9]*$)", options: .regularExpression),
      let number = Int(release[range]), case (let next, false) = number.addingReportingOverflow(1)
    else { return nil }
    let bumped = release.replacingCharacters(in: range, with: String(next))
    return Identifier.problem(bumped) == nil && Identifier.releaseProblem(bumped) == nil ? bumped : nil
  }

  /// A blameless post-incident review to fill in (docs/format.md, `incidents/<id>.md`). What only
  /// people who were there can write is a `TODO`, an error until it is replaced.
  static func incident(workload: String?, today: String) -> String {
    """
    ---
    title: TODO
    severity: medium               # low, medium, high or critical
    workloads: [\(workload ?? "TODO")]
    started: \(today)
    detected: \(today)
    # contained: \(today)
    # resolved: \(today)
    caught: detected               # prevented, detected or reported
    helped: []                     # practice ids that prevented, detected or limited it
    contributed: []                # practice ids whose absence or failure contributed
    actions: []                    # - {practice: ID, owner: team, due: YYYY-MM-DD, note: ...}
    ---
    ## Summary
    TODO: what happened and what it affected, without blame.

    ## Timeline
    TODO: when it started, was detected, contained and resolved, and what was done.

    ## What went well

    ## What we learned
    TODO: what the organisation learned, and which answers it changes.

    ## Actions

    """
  }
}
