import PillarModel
import PillarScoring
import PillarTemplate

/// The two pictures the seed's argument rests on, drawn as inline SVG with a text alternative:
/// the data classification and control scale (each level up requires more practices, cumulative)
/// and a workload's layers of defence in depth (the implemented share of each layer's practices).
/// Bars, not colour, carry the figures; every figure is also written as text beside its bar.
enum ScaleChart {
  struct Row {
    var label: String
    /// The bar's length, 0 to `maximum`.
    var value: Int
    /// Written after the bar.
    var text: String
    var cssClass: String
  }

  private static let width = 360
  private static let labelWidth = 96
  private static let barWidth = 110
  private static let rowHeight = 34

  static func figure(id: String, title: String, summary: String, rows: [Row], maximum: Int, caption: String)
    -> SafeHTML
  {
    let height = rows.count * rowHeight + 8
    var out = """
      <figure class="scale"><svg class="chart scale-chart" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="\(id)-title">\(escape(title))</title>
      <desc id="\(id)-desc">\(escape(summary))</desc>

      """
    for (index, row) in rows.enumerated() {
      let top = 4 + index * rowHeight
      let length = maximum == 0 ? 0 : barWidth * min(row.value, maximum) / maximum
      out += "<text class=\"axis\" x=\"0\" y=\"\(top + 21)\">\(escape(row.label))</text>"
      out +=
        "<rect class=\"scale-track\" x=\"\(labelWidth)\" y=\"\(top + 6)\" width=\"\(barWidth)\" height=\"20\" rx=\"3\"/>"
      if length > 0 {
        out +=
          "<rect class=\"scale-bar \(row.cssClass)\" x=\"\(labelWidth)\" y=\"\(top + 6)\" width=\"\(length)\" height=\"20\" rx=\"3\"/>"
      }
      out += "<text class=\"axis\" x=\"\(labelWidth + barWidth + 8)\" y=\"\(top + 21)\">\(escape(row.text))</text>\n"
    }
    out += "</svg><figcaption>\(escape(caption))</figcaption></figure>"
    // Every label is escaped above; the markup is Pillar's own.
    return SafeHTML(trusted: out)
  }

  private static func escape(_ text: String) -> String { SVGText.escape(text) }
}

/// Text placed inside Pillar's inline SVG, which is printed unescaped into the page.
enum SVGText {
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}

extension ScaleChart {
  /// The classification scale: each level with the practices required at or below it.
  static func classification(_ set: QuestionSet) -> SafeHTML {
    let practices = set.questions.flatMap(\.practices)
    var total = 0
    let rows = set.levels.sorted { $0.rank < $1.rank }.map { level -> Row in
      let here = practices.count { $0.requiredFrom?.id == level.id }
      total += here
      return Row(
        label: level.title, value: total, text: "\(total) required" + (here > 0 ? " (+\(here))" : ""),
        cssClass: "scale-level-\(level.rank % 4)")
    }
    let summary = rows.map { "\($0.label): \($0.text)" }.joined(separator: "; ")
    return figure(
      id: "classification-scale", title: "Practices required at each classification level, cumulative",
      summary: summary, rows: rows, maximum: max(practices.count, 1),
      caption:
        "Each level up requires everything the levels below require, and more. A bar is the share of all \(practices.count) practices required at that level."
    )
  }

  /// A workload's defence in depth at one release: each layer's implemented share of its
  /// applicable practices, outside in. Nil when no practice names a layer.
  static func defenceInDepth(_ card: Scorecard, id: String) -> SafeHTML? {
    let practices = card.questions.flatMap(\.practices)
    let rows = DefenceLayer.allCases.compactMap { layer -> Row? in
      let members = practices.filter { $0.practice.layer == layer }
      let applicable = members.filter { if case .notApplicable = $0.state { false } else { true } }
      guard !applicable.isEmpty else { return nil }
      let implemented = applicable.count { $0.state == .implemented }
      let percent = implemented * 100 / applicable.count
      return Row(
        label: layer.title, value: percent, text: "\(implemented) of \(applicable.count) (\(percent) %)",
        cssClass: percent == 100 ? "scale-full" : percent >= 60 ? "scale-most" : "scale-few")
    }
    guard !rows.isEmpty else { return nil }
    let summary = rows.map { "\($0.label): \($0.text) implemented" }.joined(separator: "; ")
    return figure(
      id: "\(id)-layers", title: "Defence in depth: implemented practices by layer, outside in", summary: summary,
      rows: rows, maximum: 100,
      caption: "Each layer's implemented share of the practices that protect it (not applicable ones left out).")
  }
}
