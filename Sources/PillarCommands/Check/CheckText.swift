import PillarDiagnostics
import PillarScoring

/// The text report: diagnostics, a verdict per workload, a closing count. Colour only on a
/// terminal (and never when NO_COLOR is set).
enum CheckText {
  /// At most this many blockers are listed per release; the rest are counted.
  static let blockersShown = 10

  /// - Parameter quiet: only problems and failing verdicts (with what blocks them).
  static func render(_ outcome: CheckOutcome, colour: Bool, siteURL: String? = nil, quiet: Bool = false) -> String {
    func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    var lines = outcome.diagnostics.map { diagnostic -> String in
      let formatted = diagnostic.formatted
      guard colour else { return formatted }
      let label = "\(diagnostic.severity.rawValue):"
      return formatted.replacingOccurrences(
        of: " \(label) ", with: " \(paint(label, diagnostic.severity == .error ? "1;31" : "1;33")) ")
    }
    for target in outcome.targets where !(quiet && target.card.gate.passes) {
      let card = target.card
      let verdict = card.gate.passes ? paint("PASS", "1;32") : paint("FAIL", "1;31")
      let why = card.gate.passes ? "" : "  (\(VisibleText.visible(card.gate.reasons.joined(separator: ", "))))"
      lines.append(
        "\(verdict)  \(target.result.workload.id) \(card.release)  score \(card.score.map(String.init) ?? "n/a")  HRI \(card.highRisks)  MRI \(card.mediumRisks)  unanswered \(card.unanswered)\(why)"
      )
      guard !card.gate.passes else { continue }
      let blockers = Blocker.all(for: target, policy: outcome.checked.evaluation.policy, siteURL: siteURL)
      for blocker in blockers.prefix(blockersShown) {
        let place = "\(blocker.location.path):\(blocker.location.line):\(blocker.location.column)"
        lines.append("  \(VisibleText.visible(place)): \(VisibleText.visible(blocker.text))")
      }
      if blockers.count > blockersShown { lines.append("  and \(blockers.count - blockersShown) more") }
      if !blockers.isEmpty { lines.append("  \(Blocker.waysToPass)") }
    }
    if outcome.isValid {
      if !quiet { lines += outcome.unreviewed.map { "NONE  \($0.id): no answer files" } }
      lines += (quiet ? [] : outcome.retired).compactMap { workload in
        workload.retirement.map { "RETIRED  \(workload.id) since \($0.date): \(VisibleText.visible($0.reason))" }
      }
      lines += outcome.policyChanges
      lines += outcome.removed.map { id in
        "\(paint("FAIL", "1;31"))  \(id)  removed since \(outcome.base?.prefix(12) ?? "the base"): a workload is retired before it is removed; restore reviews/\(id)/, set 'retired: <date>' and 'retired-reason: …' in its workload.md, merge that, then remove it"
      }
      let policy = outcome.checked.config.policy
      if !policy.relaxed.isEmpty && !outcome.targets.isEmpty {
        lines.append("note: verdicts under \(policy.summary); the default also fails on these")
      }
    }
    if quiet { return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }
    let errors = outcome.diagnostics.errorCount
    let warnings = outcome.diagnostics.warningCount
    let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    if !outcome.isValid {
      lines.append("invalid input: \(counts); fix the errors above")
    } else {
      let workloads =
        Set(outcome.targets.map(\.result.workload.id)).count + outcome.unreviewed.count + outcome.retired.count
        + outcome.removed.count
      let failing = outcome.failing.count + outcome.removed.count
      lines.append(
        "checked \(workloads) workload\(workloads == 1 ? "" : "s"), \(outcome.targets.count) release\(outcome.targets.count == 1 ? "" : "s"): \(counts); \(failing) failing the gate"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
