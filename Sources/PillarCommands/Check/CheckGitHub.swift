import Foundation
import PillarDiagnostics

/// `pillar check --format github`: GitHub Actions workflow commands, so a pull request shows
/// each problem and each open risk on its line of the answer file, then the verdicts as text.
/// GitHub shows only the first ten annotations of each kind, so one summary error comes first,
/// errors (what blocks) before warnings and notices, at most ten of each with a line saying how
/// many more the text report below lists.
enum CheckGitHub {
  static let perKind = 10

  static func render(_ outcome: CheckOutcome, siteURL: String? = nil) -> String {
    var lines: [String] = []
    let failing = outcome.failing.map { "\($0.result.workload.id) \($0.card.release)" } + outcome.removed
    if !outcome.isValid {
      lines.append(
        "::error title=\(property("Pillar: invalid input"))::\(data("\(outcome.diagnostics.errorCount) error(s) in the workbook; fix them first: no verdict is given on invalid input"))"
      )
    } else if !failing.isEmpty {
      lines.append(
        "::error title=\(property("Pillar: the path-to-production gate fails"))::\(data("\(failing.count) failing: \(failing.joined(separator: ", ")). Each blocking practice is annotated on its line; the report below says how to pass."))"
      )
    }
    let findings = Finding.all(outcome)
    for level in [Finding.Level.error, .warning, .note] {
      let ofKind = findings.filter { $0.level == level }
      let command = level == .note ? "notice" : level.rawValue
      for finding in ofKind.prefix(perKind) {
        let location = finding.location
        lines.append(
          "::\(command) file=\(property(location.path)),line=\(location.line),col=\(location.column),title=\(property(finding.title))::\(data(finding.message))"
        )
      }
      if ofKind.count > perKind {
        lines.append(
          "::\(command) title=Pillar::\(data("and \(ofKind.count - perKind) more; the report below lists them"))")
      }
    }
    lines.append(CheckText.render(outcome, colour: false, siteURL: siteURL).trimmingCharacters(in: .newlines))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The job summary GitHub shows on the run's page (`$GITHUB_STEP_SUMMARY`): the verdicts and
  /// what blocks each failing release, in Markdown.
  static func summary(_ outcome: CheckOutcome, siteURL: String?) -> String {
    var out = "## Pillar: path-to-production gate\n\n"
    guard outcome.isValid else {
      return out + "Invalid input: \(outcome.diagnostics.errorCount) error(s); no verdict is given.\n"
    }
    out += "| Workload | Release | Verdict | HRI | MRI | Unanswered |\n| --- | --- | --- | --- | --- | --- |\n"
    for target in outcome.targets {
      let card = target.card
      out +=
        "| \(cell(target.result.workload.id)) | \(cell(card.release)) | \(card.gate.passes ? "pass" : "**fail**") | \(card.highRisks) | \(card.mediumRisks) | \(card.unanswered) |\n"
    }
    for id in outcome.removed { out += "| \(cell(id)) | | **fail**: removed without being retired | | | |\n" }
    for target in outcome.failing {
      out += "\n### \(cell(target.result.workload.id)) \(cell(target.card.release))\n\n"
      for blocker in Blocker.all(for: target, policy: outcome.checked.evaluation.policy, siteURL: siteURL) {
        out += "- `\(blocker.location.path):\(blocker.location.line)` \(cell(blocker.text))\n"
      }
      out += "\n\(Blocker.waysToPass)\n"
    }
    return out
  }

  /// Text in a Markdown table or list: shown as written, never as markup or a new cell.
  static func cell(_ text: String) -> String {
    var out = ""
    for character in VisibleText.visible(text) {
      if "\\`*_[]<>|#!".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// Workflow command escaping: text from answer files must not end the command early or start
  /// a new one.
  static func data(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  static func property(_ text: String) -> String {
    data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
