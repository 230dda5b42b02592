import Foundation
import PillarDiagnostics
import PillarModel

/// `pillar check --format sarif`: SARIF 2.1.0 for code scanning. Each practice with an open risk
/// and each diagnostic id is a rule with a short and full description and a help link; each
/// finding is a result on its line. Paths are relative to the workbook (`%SRCROOT%`), so run
/// the check from the repository root where the workbook lives there.
enum CheckSARIF {
  static func render(_ outcome: CheckOutcome, siteURL: String?, root: URL) throws -> String {
    let findings = Finding.all(outcome)
    var ruleIndex: [String: Int] = [:]
    var rules: [[String: Any]] = []
    let base = siteURL ?? root.appendingPathComponent("site/").standardizedFileURL.absoluteString
    // A rule's severity is the highest level any of its findings has here (a practice required
    // at one workload's classification is an error there, a warning elsewhere).
    var highest: [String: Finding.Level] = [:]
    for finding in findings {
      let rank = { (level: Finding.Level?) in level == .error ? 2 : level == .warning ? 1 : level == .note ? 0 : -1 }
      if rank(finding.level) > rank(highest[finding.ruleID]) { highest[finding.ruleID] = finding.level }
    }
    for finding in findings where ruleIndex[finding.ruleID] == nil {
      ruleIndex[finding.ruleID] = rules.count
      var rule = rule(for: finding, base: base)
      // GitHub code scanning ranks security alerts by `security-severity` (CVSS-like, 0–10).
      let level = highest[finding.ruleID] ?? finding.level
      var properties: [String: Any] = [
        "security-severity": level == .error ? "8.0" : level == .warning ? "5.0" : "2.0",
        "tags": ["security", finding.practice == nil ? "workbook" : "best-practice"]
          + (finding.questionID.map { [$0] } ?? []),
      ]
      if finding.practice != nil { properties["precision"] = "very-high" }
      rule["properties"] = properties
      rules.append(rule)
    }
    let results: [[String: Any]] = findings.map { finding in
      [
        "ruleId": finding.ruleID, "ruleIndex": ruleIndex[finding.ruleID] ?? 0, "level": finding.level.rawValue,
        "message": ["text": finding.message],
        "locations": [
          [
            "physicalLocation": [
              "artifactLocation": ["uri": finding.location.path, "uriBaseId": "%SRCROOT%"],
              "region": ["startLine": finding.location.line, "startColumn": finding.location.column],
            ]
          ]
        ],
      ]
    }
    let log: [String: Any] = [
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
      "runs": [
        [
          "tool": [
            "driver": [
              "name": "pillar", "version": Pillar.configuration.version,
              "informationUri": "\(base)index.html", "rules": rules,
            ]
          ],
          "results": results,
        ]
      ],
    ]
    let data = try JSONSerialization.data(
      withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func rule(for finding: Finding, base: String) -> [String: Any] {
    if let practice = finding.practice, let question = finding.questionID {
      return [
        "id": practice.id, "name": practice.id.replacingOccurrences(of: "-", with: ""),
        "shortDescription": ["text": VisibleText.visible(practice.title)],
        "fullDescription": [
          "text":
            "\(practice.title). Missing it leaves a \(practice.risk.name) risk\(practice.requiredFrom.map { "; required from \($0.id) data up" } ?? "")."
        ],
        "helpUri": "\(base)questions/\(question).html#\(practice.id)",
        "help": ["text": "See the guidance for \(practice.id) on the question page of \(question)."],
        "defaultConfiguration": [
          "level": practice.risk == .high ? "error" : practice.risk == .medium ? "warning" : "note"
        ],
      ]
    }
    return [
      "id": finding.ruleID, "shortDescription": ["text": finding.ruleID.replacingOccurrences(of: "-", with: " ")],
      "fullDescription": ["text": "Pillar diagnostic \(finding.ruleID): see docs/diagnostics.md."],
      "helpUri": "\(base)index.html",
      "help": ["text": "Every diagnostic id and its fix is listed in docs/diagnostics.md."],
    ]
  }
}
