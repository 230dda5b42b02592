import PillarModel
import PillarTemplate

/// Line charts over time drawn as inline SVG: no script, no library, nothing loaded. Colours
/// come from classes in the stylesheet (the Content-Security-Policy forbids inline styles), each
/// at least 4.5:1 against the page. So that a chart reads without colour, each series also has
/// its own marker and dash pattern, and its name written at its last point. Time runs on a
/// proportional axis (two weeks look shorter than two months), axis labels are placed only where
/// they do not overlap, and the drawing is narrow enough (360 units, never shown narrower than
/// 330 px) that its 14-unit text is at least 12.8 px on a phone. Every label is escaped here because the SVG is printed
/// unescaped into the page; every chart has a data table beside it on its page.
struct TrendChart {
  struct Series {
    var name: String
    /// The name written at the series' last point.
    var short: String
    var cssClass: String
    var values: [Int?]
  }

  /// A point in time: its day (days since 1970) and the label the axis and tooltips show.
  struct Point {
    var day: Int
    var label: String
  }

  var id: String
  var title: String
  var points: [Point]
  var series: [Series]
  /// The top of the scale; at least the largest value.
  var ceiling: Int
  /// Appended to values in tooltips and the description (" %").
  var unit = ""

  private static let width = 360
  private static let height = 230
  private static let left = 34
  private static let right = 80
  private static let top = 12
  private static let bottom = 40
  /// Average advance of a 14-unit character of the page's sans-serif, generously.
  private static let characterWidth = 8.2

  /// Points from `YYYY-MM-DD` dates, labelled by `labels` (the dates themselves by default).
  static func points(dates: [String], labels: [String]? = nil) -> [Point] {
    zip(dates, labels ?? dates).map { Point(day: DateMath.dayNumber($0) ?? 0, label: $1) }
  }

  /// The chart in a figure, with its title and a legend that repeats each marker and dash.
  func figure() -> String {
    let legend = series.enumerated().map { index, line in
      "<span class=\"legend\"><svg class=\"key\" viewBox=\"0 0 28 12\" aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\"><line class=\"series \(line.cssClass) \(Self.dash(index))\" x1=\"1\" x2=\"27\" y1=\"6\" y2=\"6\"/>\(Self.marker(index, x: 14, y: 6, cssClass: line.cssClass, radius: 3.5))</svg>\(escape(line.name))</span>"
    }.joined(separator: " ")
    return "<figure>\(svg())<figcaption>\(escape(title)): \(legend)</figcaption></figure>"
  }

  func svg() -> String {
    let (width, height, left, top, bottom) = (Self.width, Self.height, Self.left, Self.top, Self.bottom)
    // Four steps of a round size (1, 2, 2.5 or 5 times a power of ten, whole numbers), so the
    // five grid lines read 0, 100, 200… rather than 0, 93, 186….
    let largest = max(ceiling, series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, 1)
    let maximum = Self.roundStep(above: (largest + 3) / 4) * 4
    let plotWidth = width - left - Self.right
    let plotHeight = height - top - bottom
    let first = points.map(\.day).min() ?? 0
    let span = (points.map(\.day).max() ?? 0) - first
    func x(_ index: Int) -> Double {
      span == 0
        ? Double(left + plotWidth / 2) : Double(left) + Double(plotWidth * (points[index].day - first)) / Double(span)
    }
    func y(_ value: Int) -> Double { Double(top + plotHeight) - Double(plotHeight * value) / Double(maximum) }

    let summary = series.map { line in
      "\(line.name): "
        + zip(points, line.values).map { "\($0.label) \($1.map { "\($0)\(unit)" } ?? "none")" }.joined(separator: ", ")
    }.joined(separator: "; ")
    var out = """
      <svg class="chart" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="\(id)-title">\(escape(title))</title>
      <desc id="\(id)-desc">\(escape(summary))</desc>

      """
    for step in 0...4 {
      let value = maximum * step / 4
      let level = Self.format(y(value))
      out += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - Self.right)\" y1=\"\(level)\" y2=\"\(level)\"/>"
      out +=
        "<text class=\"axis\" x=\"\(left - 5)\" y=\"\(Self.format(y(value) + 4))\" text-anchor=\"end\">\(value)</text>\n"
    }
    for (index, anchor) in axisLabels(x: x) {
      out +=
        "<text class=\"axis\" x=\"\(Self.format(x(index)))\" y=\"\(height - bottom + 20)\" text-anchor=\"\(anchor)\">\(escape(points[index].label))</text>\n"
    }
    var ends: [(y: Double, x: Double, text: String, cssClass: String)] = []
    for (number, line) in series.enumerated() {
      let drawn = line.values.indices.filter { $0 < points.count && line.values[$0] != nil }
      let coordinates = drawn.map { "\(Self.format(x($0))),\(Self.format(y(line.values[$0]!)))" }
      if coordinates.count > 1 {
        out +=
          "<polyline class=\"series \(line.cssClass) \(Self.dash(number))\" points=\"\(coordinates.joined(separator: " "))\"/>\n"
      }
      // Markers where they stand apart; on a crowded line every few points and the last, so
      // they never merge into a bar (the dash pattern still tells the lines apart).
      let every = max(1, Int((Double(drawn.count) * 12 / Double(plotWidth)).rounded(.up)))
      for (position, index) in drawn.enumerated() where position % every == 0 || index == drawn.last {
        let value = line.values[index]!
        out += "<g>\(Self.marker(number, x: x(index), y: y(value), cssClass: line.cssClass, radius: 4))"
        out += "<title>\(escape(line.name)) at \(escape(points[index].label)): \(value)\(escape(unit))</title></g>\n"
      }
      if let last = drawn.last {
        ends.append((y(line.values[last]!) + 4, x(last) + 8, line.short, line.cssClass))
      }
    }
    // Direct labels, pushed apart so that none overlaps another.
    ends.sort { $0.y < $1.y }
    for index in ends.indices {
      let floor = index == 0 ? Double(top + 10) : ends[index - 1].y + 18
      ends[index].y = max(ends[index].y, floor)
    }
    let lowest = Double(height - bottom + 4)
    for index in ends.indices.reversed() {
      let ceiling = index == ends.count - 1 ? lowest : ends[index + 1].y - 18
      ends[index].y = min(ends[index].y, ceiling)
    }
    for end in ends {
      out +=
        "<text class=\"label \(end.cssClass)\" x=\"\(Self.format(end.x))\" y=\"\(Self.format(end.y))\">\(escape(end.text))</text>\n"
    }
    out += "</svg>"
    return out
  }

  /// The points whose labels fit without overlapping, first and last always, each with the
  /// anchor that keeps it inside the plot.
  private func axisLabels(x: (Int) -> Double) -> [(Int, String)] {
    guard !points.isEmpty else { return [] }
    if Set(points.map(\.day)).count == 1 { return [(0, "middle")] }
    func extent(_ index: Int, _ anchor: String) -> ClosedRange<Double> {
      let width = Double(points[index].label.count) * Self.characterWidth
      let at = x(index)
      switch anchor {
      case "start": return at...(at + width)
      case "end": return (at - width)...at
      default: return (at - width / 2)...(at + width / 2)
      }
    }
    let last = points.count - 1
    let lastExtent = extent(last, "end")
    var chosen: [(Int, String)] = [(0, "start")]
    var reach = extent(0, "start").upperBound
    for index in 1..<last {
      let box = extent(index, "middle")
      if box.lowerBound >= reach + 8 && box.upperBound + 8 <= lastExtent.lowerBound {
        chosen.append((index, "middle"))
        reach = box.upperBound
      }
    }
    if lastExtent.lowerBound >= extent(0, "start").upperBound + 8 { chosen.append((last, "end")) }
    return chosen
  }

  /// The smallest of 1, 2, 2.5 (from 10 on), 5 times a power of ten that is at least `value`.
  static func roundStep(above value: Int) -> Int {
    var power = 1
    while true {
      for factor in [10, 20, 25, 50] where factor * power >= value * 10 && (factor != 25 || power >= 10) {
        return factor * power / 10
      }
      power *= 10
    }
  }

  /// Dash patterns by series number: solid, dashed, dotted, dash-dot.
  private static func dash(_ number: Int) -> String { "dash-\(number % 4)" }

  /// Markers by series number: circle, square, triangle, diamond.
  private static func marker(_ number: Int, x: Double, y: Double, cssClass: String, radius: Double) -> String {
    let (cx, cy, r) = (format(x), format(y), radius)
    switch number % 4 {
    case 0: return "<circle class=\"dot \(cssClass)\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(format(r))\"/>"
    case 1:
      return
        "<rect class=\"dot \(cssClass)\" x=\"\(format(x - r))\" y=\"\(format(y - r))\" width=\"\(format(2 * r))\" height=\"\(format(2 * r))\"/>"
    case 2:
      return
        "<polygon class=\"dot \(cssClass)\" points=\"\(format(x)),\(format(y - r - 1)) \(format(x + r + 1)),\(format(y + r)) \(format(x - r - 1)),\(format(y + r))\"/>"
    default:
      return
        "<polygon class=\"dot \(cssClass)\" points=\"\(format(x)),\(format(y - r - 1)) \(format(x + r + 1)),\(format(y)) \(format(x)),\(format(y + r + 1)) \(format(x - r - 1)),\(format(y))\"/>"
    }
  }

  /// A coordinate to one decimal, without a trailing `.0`.
  private static func format(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
  }

  private func escape(_ text: String) -> String { SVGText.escape(text) }
}

extension TrendChart {
  /// Score, and high and medium risks, at each release's review date, for one workload.
  static func workload(
    _ id: String, releases: [String], dates: [String], scores: [Int?], high: [Int], medium: [Int]
  ) -> SafeHTML {
    let points = TrendChart.points(dates: dates, labels: releases)
    let score = TrendChart(
      id: "\(id)-score", title: "Score by release", points: points,
      series: [Series(name: "Score", short: "Score", cssClass: "series-score", values: scores)], ceiling: 100)
    let risks = TrendChart(
      id: "\(id)-risks", title: "High- and medium-risk issues by release", points: points,
      series: [
        Series(name: "High-risk issues", short: "High", cssClass: "series-high", values: high),
        Series(name: "Medium-risk issues", short: "Medium", cssClass: "series-medium", values: medium),
      ], ceiling: 4)
    return SafeHTML(trusted: "<div class=\"charts\">\(score.figure())\(risks.figure())</div>")
  }
}
