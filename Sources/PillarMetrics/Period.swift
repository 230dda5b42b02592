/// A calendar month or quarter, from its first to its last day.
package struct Period: Sendable, Equatable {
  package enum Granularity: String, Sendable, CaseIterable {
    case month
    case quarter
  }

  /// `2026-04` or `2026-Q2`.
  package var label: String
  package var start: String
  package var end: String

  /// Every period from the one holding `first` to the one holding `last`, in order.
  package static func all(from first: String, through last: String, by granularity: Granularity) -> [Period] {
    guard let (year, month) = yearMonth(first), let (lastYear, lastMonth) = yearMonth(last) else { return [] }
    let step = granularity == .month ? 1 : 3
    var index = year * 12 + (month - 1) / step * step
    let stop = lastYear * 12 + lastMonth - 1
    var periods: [Period] = []
    while index <= stop {
      let (y, m) = (index / 12, index % 12 + 1)
      let endMonth = m + step - 1
      let label = granularity == .month ? "\(y)-\(two(m))" : "\(y)-Q\((m - 1) / 3 + 1)"
      periods.append(
        Period(label: label, start: "\(y)-\(two(m))-01", end: "\(y)-\(two(endMonth))-\(two(days(in: endMonth, of: y)))")
      )
      index += step
    }
    return periods
  }

  private static func yearMonth(_ date: String) -> (Int, Int)? {
    let parts = date.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, (1...12).contains(parts[1]) else { return nil }
    return (parts[0], parts[1])
  }

  private static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

  private static func days(in month: Int, of year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}
