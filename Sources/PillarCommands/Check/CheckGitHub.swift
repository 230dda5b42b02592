/// `pillar check --format github`: GitHub Actions workflow commands, so a pull request shows
/// each problem and each open risk on its line of the answer file, then the verdicts as text.
enum CheckGitHub {
  static func render(_ outcome: CheckOutcome) -> String {
    var lines = Finding.all(outcome).map { finding in
      let command = finding.level == .note ? "notice" : finding.level.rawValue
      let location = finding.location
      return
        "::\(command) file=\(property(location.path)),line=\(location.line),col=\(location.column),title=\(property(finding.title))::\(data(finding.message))"
    }
    lines.append(CheckText.render(outcome, colour: false).trimmingCharacters(in: .newlines))
    return lines.joined(separator: "\n") + "\n"
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
