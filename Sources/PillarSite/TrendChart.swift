import PillarTemplate

/// Line charts drawn as inline SVG: no script, no library, nothing loaded. Colours come from
/// classes in the stylesheet (the Content-Security-Policy forbids inline styles). Every label is
/// escaped here because the SVG is printed unescaped into the page.
struct TrendChart {
  struct Series {
    var name: String
    var cssClass: String
    var values: [Int?]
  }

  var id: String
  var title: String
  var labels: [String]
  var series: [Series]
  /// The top of the scale; at least the largest value.
  var ceiling: Int

  private let width = 640
  private let height = 220
  private let left = 40
  private let right = 20
  private let top = 16
  private let bottom = 36

  /// The chart in a figure, with its title and a legend as a visible caption.
  func figure() -> String {
    let legend = series.map { "<span class=\"legend \($0.cssClass)\">\(escape($0.name))</span>" }.joined(separator: " ")
    return "<figure>\(svg())<figcaption>\(escape(title)): \(legend)</figcaption></figure>"
  }

  func svg() -> String {
    // Round the top up to a multiple of 4 so the five grid lines fall on whole numbers.
    let largest = max(ceiling, series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, 1)
    let maximum = (largest + 3) / 4 * 4
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    func x(_ index: Int) -> Int {
      labels.count <= 1 ? left + plotWidth / 2 : left + plotWidth * index / (labels.count - 1)
    }
    func y(_ value: Int) -> Int { top + plotHeight - plotHeight * value / maximum }

    let summary = series.map { line in
      "\(line.name): "
        + zip(labels, line.values).map { "\($0) \($1.map(String.init) ?? "none")" }.joined(separator: ", ")
    }.joined(separator: "; ")
    var out = """
      <svg class="chart" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="\(id)-title">\(escape(title))</title>
      <desc id="\(id)-desc">\(escape(summary))</desc>

      """
    for step in 0...4 {
      let value = maximum * step / 4
      out += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(value))\" y2=\"\(y(value))\"/>"
      out += "<text class=\"axis\" x=\"\(left - 6)\" y=\"\(y(value) + 4)\" text-anchor=\"end\">\(value)</text>\n"
    }
    let every = max(1, (labels.count + 7) / 8)
    for (index, label) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
      let anchor = labels.count == 1 ? "middle" : index == 0 ? "start" : index == labels.count - 1 ? "end" : "middle"
      out +=
        "<text class=\"axis\" x=\"\(x(index))\" y=\"\(height - bottom + 18)\" text-anchor=\"\(anchor)\">\(escape(label))</text>\n"
    }
    for line in series {
      let points = line.values.enumerated().compactMap { index, value in value.map { "\(x(index)),\(y($0))" } }
      if points.count > 1 {
        out += "<polyline class=\"series \(line.cssClass)\" points=\"\(points.joined(separator: " "))\"/>\n"
      }
      for (index, value) in line.values.enumerated() {
        guard let value else { continue }
        out += "<circle class=\"dot \(line.cssClass)\" cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"4\">"
        out += "<title>\(escape(line.name)) at \(escape(labels[index])): \(value)</title></circle>\n"
      }
    }
    out += "</svg>"
    return out
  }

  private func escape(_ text: String) -> String {
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

extension TrendChart {
  /// Score over releases, and high and medium risks over releases, for one workload.
  static func workload(_ id: String, labels: [String], scores: [Int?], high: [Int], medium: [Int]) -> SafeHTML {
    let score = TrendChart(
      id: "\(id)-score", title: "Score by release", labels: labels,
      series: [Series(name: "Score", cssClass: "series-score", values: scores)], ceiling: 100)
    let risks = TrendChart(
      id: "\(id)-risks", title: "High- and medium-risk issues by release", labels: labels,
      series: [
        Series(name: "High-risk issues", cssClass: "series-high", values: high),
        Series(name: "Medium-risk issues", cssClass: "series-medium", values: medium),
      ], ceiling: 4)
    return SafeHTML(trusted: "<div class=\"charts\">\(score.figure())\(risks.figure())</div>")
  }
}
