/// Day arithmetic on `YYYY-MM-DD` text, without Foundation's calendars or time zones, so that
/// results never depend on the machine's settings.
package enum DateMath {
  /// Days since 1970-01-01 of a valid `YYYY-MM-DD` date.
  package static func dayNumber(_ date: String) -> Int? {
    let parts = date.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    // Howard Hinnant's days_from_civil.
    let (y0, m, d) = (parts[0], parts[1], parts[2])
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  package static func date(fromDayNumber days: Int) -> String {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
  }

  package static func adding(days: Int, to date: String) -> String {
    guard let day = dayNumber(date) else { return date }
    return self.date(fromDayNumber: day + days)
  }
}
