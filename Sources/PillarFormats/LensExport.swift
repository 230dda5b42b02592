import Foundation
import PillarMarkdown
import PillarModel

/// The Tool's limits on a custom lens (`docs/lenses.md` gives the source of each).
package enum LensLimits {
  /// CloudFormation's cap on the lens text, the stricter reading of the Tool's "500 KB".
  package static let maximumBytes = 500_000
  package static let pillars = 10
  package static let questionsPerPillar = 20
  package static let choicesPerQuestion = 15
  package static let rulesPerQuestion = 3
  /// The format page allows 128; the API reference 64 for pillar and choice ids: the stricter.
  package static let idLength = 64
  package static let questionIDLength = 128
  package static let titleLength = 128
  /// The API reference's limit for a question's description; 2048 elsewhere.
  package static let questionDescriptionLength = 1024
  package static let displayTextLength = 2048
  package static let urlLength = 2048
  package static let extraResources = 5

  /// Lens ids: 3 or more letters, digits and `_`.
  static func isID(_ id: String, maximum: Int = idLength) -> Bool {
    (3...maximum).contains(id.utf8.count)
      && id.utf8.allSatisfy {
        switch $0 {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: true
        default: false
        }
      }
  }
}

/// The question set as a custom lens: one pillar, a question per question, a choice per
/// practice plus "None of these". An imported set writes back what it came with (`lens:`
/// fields); a set written in Pillar gets lens text from its own guidance.
package enum LensExport {
  package struct Result: Sendable {
    package var json: String?
    package var problems: [String]
  }

  package static func export(_ set: QuestionSet, pillarID: String?, siteURL: String?) -> Result {
    var problems: [String] = []
    let origin = set.lens.origin
    let pillar = Lens.Pillar(
      id: pillarID ?? origin?.pillarID ?? "security", name: origin?.pillarName ?? set.lens.name,
      questions: ordered(set.questions).map { question($0, siteURL: siteURL) })
    let lens = Lens(
      name: origin?.name ?? set.lens.name,
      description: origin?.description ?? plain(set.lens.introduction.source) ?? set.lens.name, pillars: [pillar])
    problems += check(lens)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(lens) else {
      return Result(json: nil, problems: ["the lens could not be encoded"])
    }
    if data.count > LensLimits.maximumBytes {
      problems.append(
        "the lens is \(data.count) bytes; the Tool takes at most \(LensLimits.maximumBytes): shorten guidance or split the set"
      )
    }
    return Result(json: String(decoding: data, as: UTF8.self) + "\n", problems: problems)
  }

  /// The lens's own order for imported questions (`lens.position`), Pillar's for the rest.
  static func ordered(_ questions: [Question]) -> [Question] {
    questions.enumerated().sorted { left, right in
      (left.element.lens?.position ?? Int.max, left.offset) < (right.element.lens?.position ?? Int.max, right.offset)
    }.map(\.element)
  }

  static func question(_ question: Question, siteURL: String?) -> Lens.Question {
    let ids = Dictionary(
      question.practices.map { ($0.id, $0.lens?.id ?? lensID(question.lens?.id ?? question.id, $0.id)) }
    ) { first, _ in first }
    let questionID = question.lens?.id ?? lensID(question.id, nil)
    var choices = question.practices.map { practice -> Lens.Choice in
      let resources = Dictionary(grouping: practice.lens?.resources ?? [], by: \.kind)
      let kinds = (practice.lens?.resources ?? []).map(\.kind).reduce(into: [String]()) {
        if !$0.contains($1) { $0.append($1) }
      }
      let page = siteURL.map { "\($0)questions/\(question.id).html#\(practice.id)" }
      return Lens.Choice(
        id: ids[practice.id]!, title: practice.title,
        helpfulResource: practice.lens?.helpful.map(link)
          ?? plain(practice.guidance?.source).map { Lens.Link(displayText: $0, url: page) },
        improvementPlan: practice.lens?.improvement.map(link)
          ?? Lens.Link(displayText: "Put in place: \(practice.title).", url: page),
        additionalResources: kinds.isEmpty
          ? nil
          : kinds.map { kind in
            Lens.Resource(
              type: kind, content: (resources[kind] ?? []).map { Lens.Link(displayText: $0.text, url: $0.url) })
          })
    }
    // A question of Pillar's own gets the Tool's "None of these"; an imported one keeps what it
    // came with, so a lens without one round-trips as it was.
    if question.lens == nil || question.lens?.noneID != nil {
      choices.append(
        Lens.Choice(
          id: question.lens?.noneID ?? "\(questionID)_no", title: question.lens?.noneTitle ?? "None of these",
          helpfulResource: question.lens?.noneHelpful.map(link),
          improvementPlan: question.lens?.noneImprovement.map(link),
          additionalResources: nil))
    }
    let rules =
      question.riskRules.isEmpty
      ? derivedRules(question, ids: ids)
      : question.riskRules.map {
        Lens.RiskRule(condition: $0.condition.written { ids[$0] ?? $0 }, risk: Lens.name(of: $0.risk))
      }
    return Lens.Question(
      id: questionID, title: question.title,
      description: question.lens.map(\.description) ?? plain(question.rationale.what.source),
      helpfulResource: question.lens.map { $0.helpful.map(link) }
        ?? plain(question.rationale.how.source).map { Lens.Link(displayText: $0, url: nil) }, choices: choices,
      riskRules: rules)
  }

  /// Pillar's rule as lens rules: with every high and medium practice in place, no risk; with
  /// every high one, medium; otherwise high. (A low practice missing is no risk in the Tool, which
  /// has no low risk; a practice required by classification is Pillar's own rule and not written.)
  static func derivedRules(_ question: Question, ids: [String: String]) -> [Lens.RiskRule] {
    let high = question.practices.filter { $0.risk == .high }.compactMap { ids[$0.id] }
    let medium = question.practices.filter { $0.risk == .medium }.compactMap { ids[$0.id] }
    var rules: [Lens.RiskRule] = []
    if !(high + medium).isEmpty {
      rules.append(Lens.RiskRule(condition: (high + medium).joined(separator: " && "), risk: "NO_RISK"))
    }
    if !high.isEmpty, !medium.isEmpty {
      rules.append(Lens.RiskRule(condition: high.joined(separator: " && "), risk: "MEDIUM_RISK"))
    }
    let fallback = high.isEmpty ? (medium.isEmpty ? "NO_RISK" : "MEDIUM_RISK") : "HIGH_RISK"
    rules.append(Lens.RiskRule(condition: "default", risk: fallback))
    return rules
  }

  /// A Pillar id as a lens id: letters, digits and `_` only, lower case, prefixed by the
  /// question's for a practice so ids stay unique across the lens.
  static func lensID(_ question: String, _ practice: String?) -> String {
    let text = practice ?? question
    return String(
      text.lowercased().map { character -> Character in
        character.isASCII && (character.isLetter || character.isNumber) ? character : "_"
      })
  }

  static func link(_ text: LensText) -> Lens.Link { Lens.Link(displayText: text.text, url: text.url) }

  /// The first paragraph of Markdown as plain text (what the Tool shows as text).
  static func plain(_ source: String?) -> String? {
    source.flatMap { CommonMark.paragraphs($0, count: 1).first }.map { String($0.prefix(LensLimits.displayTextLength)) }
  }

  /// Every limit the Tool enforces, each broken one named with its question.
  static func check(_ lens: Lens) -> [String] {
    var problems: [String] = []
    if lens.pillars.count > LensLimits.pillars { problems.append("more than \(LensLimits.pillars) pillars") }
    if lens.name.count > LensLimits.titleLength {
      problems.append("the lens name is longer than \(LensLimits.titleLength) characters")
    }
    if lens.description.count > LensLimits.displayTextLength {
      problems.append("the lens description is longer than \(LensLimits.displayTextLength) characters")
    }
    for pillar in lens.pillars {
      if !LensLimits.isID(pillar.id) {
        problems.append("pillar id '\(pillar.id)': 3 to \(LensLimits.idLength) letters, digits and '_'")
      }
      if pillar.name.count > LensLimits.titleLength {
        problems.append("pillar '\(pillar.id)': the name is longer than \(LensLimits.titleLength) characters")
      }
      if pillar.questions.count > LensLimits.questionsPerPillar {
        problems.append(
          "pillar '\(pillar.id)' has \(pillar.questions.count) questions; the Tool takes at most \(LensLimits.questionsPerPillar) a pillar"
        )
      }
      var seen: Set<String> = []
      for question in pillar.questions {
        let name = "question '\(question.id)'"
        if !seen.insert(question.id).inserted { problems.append("\(name): the id is used twice") }
        if !LensLimits.isID(question.id, maximum: LensLimits.questionIDLength) {
          problems.append("\(name): a lens id is 3 to \(LensLimits.questionIDLength) letters, digits and '_'")
        }
        if question.riskRules.count > LensLimits.rulesPerQuestion
          || Set(question.riskRules.map(\.risk)).count != question.riskRules.count
        {
          problems.append("\(name): at most \(LensLimits.rulesPerQuestion) risk rules, one for each level of risk")
        }
        if !question.riskRules.contains(where: { $0.condition == "default" }) {
          problems.append("\(name): no 'default' risk rule")
        }
        if question.title.count > LensLimits.titleLength {
          problems.append("\(name): the title is longer than \(LensLimits.titleLength) characters")
        }
        if (question.description ?? "").count > LensLimits.questionDescriptionLength {
          problems.append("\(name): the description is longer than \(LensLimits.questionDescriptionLength) characters")
        }
        if question.choices.count > LensLimits.choicesPerQuestion {
          problems.append(
            "\(name) has \(question.choices.count) choices with \"None of these\"; the Tool takes at most \(LensLimits.choicesPerQuestion)"
          )
        }
        var choiceIDs: Set<String> = []
        for choice in question.choices {
          if !choiceIDs.insert(choice.id).inserted {
            problems.append("\(name): choice id '\(choice.id)' is used twice")
          }
          if !LensLimits.isID(choice.id) {
            problems.append(
              "\(name): choice id '\(choice.id)' is not 3 to \(LensLimits.idLength) letters, digits and '_'")
          }
          for kind in ["HELPFUL_RESOURCE", "IMPROVEMENT_PLAN"] {
            let count = (choice.additionalResources ?? []).filter { $0.type == kind }.reduce(0) {
              $0 + $1.content.count
            }
            if count > LensLimits.extraResources {
              problems.append(
                "\(name): choice '\(choice.id)' has \(count) extra \(kind) links; the Tool takes \(LensLimits.extraResources)"
              )
            }
          }
          if choice.title.count > LensLimits.titleLength {
            problems.append("\(name): choice '\(choice.id)' has a title longer than \(LensLimits.titleLength)")
          }
          let isNone = choice.id.hasSuffix("_no") && choice.improvementPlan == nil
          if !isNone, choice.improvementPlan == nil {
            problems.append("\(name): choice '\(choice.id)' has no improvement plan")
          }
          for link in [choice.helpfulResource, choice.improvementPlan].compactMap({ $0 }) {
            if link.displayText.count > LensLimits.displayTextLength {
              problems.append("\(name): choice '\(choice.id)' has a text longer than \(LensLimits.displayTextLength)")
            }
            if let url = link.url,
              url.count > LensLimits.urlLength || !(url.hasPrefix("https://") || url.hasPrefix("http://"))
            {
              problems.append(
                "\(name): choice '\(choice.id)' links to '\(url.prefix(60))', not an http(s) URL the Tool takes")
            }
          }
        }
      }
    }
    return problems
  }
}
