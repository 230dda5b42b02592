import CCrypto
import Foundation
import PillarMarkdown
import PillarModel
import PillarScoring

/// The question set as an OSCAL catalog and the reviews as OSCAL assessment results (OSCAL
/// 1.1.2, JSON; `docs/oscal.md`). Every uuid is derived from what it names, so the same inputs
/// give the same files.
package enum OSCAL {
  package static let version = "1.1.2"
  /// The namespace of Pillar's own properties (risk, classification): OSCAL asks one of every
  /// property that is not its own.
  package static let namespace = "https://pillar.invalid/ns/oscal"

  // MARK: Catalog

  package static func catalog(_ set: QuestionSet, date: String) throws -> String {
    let groups = set.questions.map { question -> [String: Any] in
      var group: [String: Any] = [
        "id": token(question.id), "class": "question", "title": question.title,
        "props": [prop("area", question.area), prop("control-family", question.control.rawValue)],
        "parts": [
          part(question.id, "statement", plain(question.rationale.what.source) ?? question.title),
          part(question.id, "how", plain(question.rationale.how.source) ?? ""),
          part(question.id, "why", plain(question.rationale.why.source) ?? ""),
        ].filter { !(($0["prose"] as? String) ?? "").isEmpty },
      ]
      group["controls"] = question.practices.map { practice -> [String: Any] in
        var props = [prop("risk", practice.risk.name)]
        if let level = practice.requiredFrom { props.append(prop("required-from", level.id)) }
        for reference in practice.references {
          props.append(prop("reference", "\(reference.framework) \(reference.control)"))
        }
        var control: [String: Any] = [
          "id": token(practice.id), "class": "practice", "title": practice.title, "props": props,
        ]
        let guidance = plain(practice.guidance?.source, paragraphs: 3) ?? ""
        if !guidance.isEmpty { control["parts"] = [part(practice.id, "guidance", guidance)] }
        return control
      }
      return group
    }
    let catalog: [String: Any] = [
      "uuid": uuid("catalog", set.lens.id, set.lens.version),
      "metadata": metadata(title: set.lens.name, version: set.lens.version, date: date),
      "groups": groups,
    ]
    return try encode(["catalog": catalog])
  }

  // MARK: Assessment results

  /// One result per release of each workload (oldest first), a finding per practice: satisfied
  /// when implemented or not applicable, else not satisfied; each note an observation; each open
  /// practice a risk, its improvement plan the remediation.
  package static func results(_ evaluation: Evaluation, workload only: String?, date: String) throws -> String {
    var results: [[String: Any]] = []
    for result in evaluation.workloads where only == nil || result.workload.id == only {
      let workload = result.workload
      for (index, card) in result.scorecards.enumerated() {
        let review = workload.reviews[index]
        let plan = index < result.plans.count ? result.plans[index] : []
        results.append(self.result(card, review: review, workload: workload, plan: plan))
      }
    }
    let title = only.map { "Security reviews of \($0)" } ?? "Security reviews"
    let document: [String: Any] = [
      "uuid": uuid("assessment-results", only ?? "*", date),
      "metadata": metadata(title: title, version: evaluation.questionSet.lens.version, date: date),
      // Pillar has no assessment plan document: the question set's catalog plays its part.
      "import-ap": ["href": "catalog.json"],
      "results": results,
    ]
    return try encode(["assessment-results": document])
  }

  static func result(_ card: Scorecard, review: Review, workload: Workload, plan: [PlannedImprovement]) -> [String: Any]
  {
    let key = "\(workload.id) \(card.release)"
    var observations: [[String: Any]] = []
    var risks: [[String: Any]] = []
    var findings: [[String: Any]] = []
    for question in card.questions {
      for practice in question.practices {
        let id = practice.practice.id
        var finding: [String: Any] = [
          "uuid": uuid("finding", key, id), "title": "\(id) \(practice.practice.title)",
          "description":
            "\(id) is \(practice.state.name.replacingOccurrences(of: "-", with: " ")) at release \(card.release).",
          "target": [
            "type": "objective-id", "target-id": token(id),
            "status": ["state": satisfied(practice.state) ? "satisfied" : "not-satisfied"],
          ] as [String: Any],
        ]
        if let note = practice.answer?.note, let text = plain(note.source, paragraphs: 10), !text.isEmpty {
          let observation = uuid("observation", key, id)
          observations.append([
            "uuid": observation, "title": "Note on \(id)", "description": text, "methods": ["EXAMINE"],
            "collected": timestamp(review.reviewed),
          ])
          finding["related-observations"] = [["observation-uuid": observation]]
        }
        if practice.isOpen {
          let risk = uuid("risk", key, id)
          var entry: [String: Any] = [
            "uuid": risk, "title": "\(id) \(practice.practice.title) is not in place",
            "description": "Missing \(id) leaves a \(practice.risk.name) risk open.",
            "statement":
              "The practice \(id) (\(practice.practice.title)) is \(practice.state.name) at release \(card.release).",
            "status": "open",
          ]
          let remediations = plan.filter { $0.improvement.practice.id == id }.map { item -> [String: Any] in
            [
              "uuid": uuid("remediation", key, id, item.improvement.due), "lifecycle": "planned",
              "title": "Improve \(id) by \(item.improvement.due)",
              "description":
                "\(item.improvement.note.isEmpty ? "Planned" : item.improvement.note) (owner \(item.improvement.owner), due \(item.improvement.due)).",
            ]
          }
          if !remediations.isEmpty { entry["remediations"] = remediations }
          risks.append(entry)
          finding["related-risks"] = [["risk-uuid": risk]]
        }
        findings.append(finding)
      }
    }
    var result: [String: Any] = [
      "uuid": uuid("result", key), "title": "\(workload.name) \(card.release)",
      "description":
        "Release \(card.release) of \(workload.name), reviewed \(review.reviewed) by \(review.reviewers.joined(separator: ", ")): \(card.gate.passes ? "passes" : "fails") the path-to-production gate.",
      "start": timestamp(review.reviewed),
      "props": [
        prop("classification", workload.classification.id), prop("score", card.score.map(String.init) ?? "none"),
      ],
      "reviewed-controls": ["control-selections": [["include-all": [String: Any]()]]],
      "findings": findings,
    ]
    if !observations.isEmpty { result["observations"] = observations }
    if !risks.isEmpty { result["risks"] = risks }
    return result
  }

  static func satisfied(_ state: PracticeState) -> Bool {
    switch state {
    case .implemented, .notApplicable: true
    default: false
    }
  }

  // MARK: Pieces

  static func metadata(title: String, version: String, date: String) -> [String: Any] {
    [
      "title": title, "last-modified": timestamp(date), "version": version.isEmpty ? "0" : version,
      "oscal-version": OSCAL.version,
    ]
  }

  static func prop(_ name: String, _ value: String) -> [String: Any] {
    ["name": name, "value": value.isEmpty ? "none" : value, "ns": namespace]
  }

  static func part(_ owner: String, _ name: String, _ prose: String) -> [String: Any] {
    ["id": token("\(owner)_\(name)"), "name": name, "prose": prose]
  }

  /// An OSCAL token: starts with a letter or `_`, then letters, digits, `.`, `-`, `_`.
  static func token(_ text: String) -> String {
    var out = String(
      text.map { character -> Character in
        character.isLetter || character.isNumber || ".-_".contains(character) ? character : "_"
      })
    if let first = out.first, !(first.isLetter || first == "_") { out = "_" + out }
    return out.isEmpty ? "_" : out
  }

  static func timestamp(_ date: String) -> String { "\(date)T00:00:00Z" }

  /// A version 5 style UUID from SHA-256 of the parts: stable for the same names.
  static func uuid(_ parts: String...) -> String {
    let bytes = Array(parts.joined(separator: "\u{1F}").utf8)
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    _ = bytes.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &digest, &length, EVP_sha256(), nil) }
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    let hex = digest.prefix(16).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    let characters = Array(hex)
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
  }

  /// The first paragraphs of Markdown as plain text.
  static func plain(_ source: String?, paragraphs: Int = 1) -> String? {
    let texts = source.map { CommonMark.paragraphs($0, count: paragraphs) } ?? []
    return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
  }

  static func encode(_ object: [String: Any]) throws -> String {
    let data = try JSONSerialization.data(
      withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
