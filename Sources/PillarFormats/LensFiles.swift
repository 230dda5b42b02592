import PillarModel

/// The Markdown files of an imported lens. Every value from the lens is written quoted in YAML
/// and escaped in Markdown, so lens text is read back as the same text and never as structure
/// (a description holding `## Why` stays a sentence).
extension LensImport {
  static func lensFile(_ lens: Lens, pillar: Lens.Pillar) -> String {
    var lines = [
      "---",
      "id: \(YAMLText.quoted(slug(lens.name + "-" + pillar.id)))",
      "name: \(YAMLText.quoted(lens.name + ": " + pillar.name))",
      "version: \"1\"",
      "lens:",
      "  name: \(YAMLText.quoted(lens.name))",
    ]
    if !lens.description.isEmpty { lines.append("  description: \(YAMLText.quoted(lens.description))") }
    lines += ["  pillar-id: \(YAMLText.quoted(pillar.id))", "  pillar-name: \(YAMLText.quoted(pillar.name))", "---"]
    let intro = lens.description.isEmpty ? "The \(lens.name) lens." : lens.description
    return lines.joined(separator: "\n") + "\n" + markdown(intro)
      + "\n\nImported from \(markdown(lens.name)), pillar \(markdown(pillar.name)).\n"
  }

  static func questionFile(
    _ question: Lens.Question, id: String, position: Int, pillar: Lens.Pillar, lens: Lens, choices: [Lens.Choice],
    practiceIDs: [String: String], none: Lens.Choice?, rules: [(condition: RuleCondition, risk: Risk)]
  ) -> String {
    let all = choices.compactMap { practiceIDs[$0.id] }
    var lines = [
      "---", "id: \(YAMLText.quoted(id))", "title: \(YAMLText.quoted(question.title))",
      "area: \(YAMLText.quoted(pillar.name))",
      // The lens has no control family; imported questions are preventative until edited.
      "control: preventative", "lens:", "  id: \(YAMLText.quoted(question.id))",
    ]
    if let description = question.description { lines.append("  description: \(YAMLText.quoted(description))") }
    if let helpful = question.helpfulResource { lines += link(helpful, "helpful", indent: "  ") }
    if let none {
      lines += ["  none-id: \(YAMLText.quoted(none.id))", "  none-title: \(YAMLText.quoted(none.title))"]
      if let helpful = none.helpfulResource { lines += link(helpful, "none-helpful", indent: "  ") }
      if let plan = none.improvementPlan { lines += link(plan, "none-improvement", indent: "  ") }
    }
    lines.append("  position: \(position)")
    lines.append("practices:")
    for choice in choices {
      guard let practice = practiceIDs[choice.id] else { continue }
      lines += [
        "  - id: \(practice)", "    title: \(YAMLText.quoted(choice.title))",
        "    risk: \(risk(of: practice, rules: rules, all: all).name)", "    lens:",
        "      id: \(YAMLText.quoted(choice.id))",
      ]
      if let helpful = choice.helpfulResource { lines += link(helpful, "helpful", indent: "      ") }
      if let plan = choice.improvementPlan { lines += link(plan, "improvement", indent: "      ") }
      let resources = (choice.additionalResources ?? []).flatMap { resource in
        resource.content.map { (resource.type, $0) }
      }
      if !resources.isEmpty {
        lines.append("      resources:")
        for (type, content) in resources {
          lines += [
            "        - type: \(YAMLText.quoted(type))", "          text: \(YAMLText.quoted(content.displayText))",
          ]
          if let url = content.url { lines.append("          url: \(YAMLText.quoted(url))") }
        }
      }
    }
    if !rules.isEmpty {
      lines.append("risk-rules:")
      // Written in one canonical form, so a lens exported and imported again reads the same.
      for rule in rules {
        let risk = rule.risk == PillarModel.Risk.none ? "none" : rule.risk.name
        lines += ["  - condition: \(YAMLText.quoted(rule.condition.written()))", "    risk: \(risk)"]
      }
    }
    lines.append("---")
    var body = ["## What", markdown(question.description ?? question.title), ""]
    body += [
      "## How",
      question.helpfulResource.map { markdown($0.displayText) + linkLine($0.url) }
        ?? "Choose the practices below that the workload follows; the lens's guidance for each is under it.", "",
    ]
    body += [
      "## Why",
      "Imported from \(markdown(lens.name)), pillar \(markdown(pillar.name)).\(lens.description.isEmpty ? "" : " " + markdown(lens.description))",
      "",
    ]
    for choice in choices {
      guard let practice = practiceIDs[choice.id] else { continue }
      body.append("## \(practice) \(markdown(choice.title))")
      if let helpful = choice.helpfulResource { body += [markdown(helpful.displayText) + linkLine(helpful.url), ""] }
      if let plan = choice.improvementPlan {
        body += ["**Improvement plan.** " + markdown(plan.displayText) + linkLine(plan.url), ""]
      }
      for resource in choice.additionalResources ?? [] {
        for content in resource.content {
          body.append(
            "- "
              + (content.url.map { "[\(markdown(content.displayText))](\(destination($0)))" }
                ?? markdown(content.displayText)))
        }
      }
      body.append("")
    }
    return lines.joined(separator: "\n") + "\n" + body.joined(separator: "\n")
  }

  static func link(_ link: Lens.Link, _ key: String, indent: String) -> [String] {
    var lines = ["\(indent)\(key): \(YAMLText.quoted(link.displayText))"]
    if let url = link.url { lines.append("\(indent)\(key)-url: \(YAMLText.quoted(url))") }
    return lines
  }

  static func linkLine(_ url: String?) -> String {
    url.map { " [Read more](\(destination($0)))" } ?? ""
  }

  /// A link destination in angle brackets, so spaces and parentheses stay in it.
  static func destination(_ url: String) -> String {
    var out = "<"
    for character in url {
      switch character {
      case "<": out += "%3C"
      case ">": out += "%3E"
      case "\n", "\r", "\r\n": continue
      default: out.append(character)
      }
    }
    return out + ">"
  }

  /// Plain text as Markdown that renders as that text: line breaks become spaces, the characters
  /// that start inline markup are backslash-escaped everywhere, and what would start a block at the
  /// start of the line (`#`, `-`, `+`, `=`, `1.`) is escaped there, so nothing is read as structure.
  static func markdown(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\n", "\r", "\r\n": out.append(" ")
      case "\\", "`", "*", "_", "[", "]", "<", ">", "!", "|", "~", "&": out += "\\" + String(character)
      default: out.append(character)
      }
    }
    let lead = out.prefix { $0 == " " }
    var rest = Substring(out.dropFirst(lead.count))
    if let first = rest.first, "#-+=".contains(first) {
      rest = "\\" + rest
    } else {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      let after = rest.dropFirst(digits.count).first
      if !digits.isEmpty, after == "." || after == ")" {
        rest = digits + "\\" + rest.dropFirst(digits.count)
      }
    }
    return String(lead) + rest
  }

  static func slug(_ text: String) -> String {
    var out = ""
    for character in text.lowercased() {
      if let ascii = character.asciiValue, (0x30...0x39).contains(ascii) || (0x61...0x7A).contains(ascii) {
        out.append(character)
      } else if !out.hasSuffix("-") && !out.isEmpty {
        out.append("-")
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "lens" : String(out.prefix(60))
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}
