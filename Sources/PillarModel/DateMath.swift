/// Day arithmetic on `YYYY-MM-DD` text, without Foundation's calendars or time zones, so that
/// results never depend on the machine's settings.
package enum DateMath {
  /// Days since 1970-01-01 of a valid `YYYY-MM-DD` date.
  package static func dayNumber(_ date: String) -> Int? {
    // Read as bytes: metrics turn every date of every workload's history into a day number.
    var parts = (0, 0, 0)
    var index = 0
    var digits = 0
    for byte in date.utf8 {
      switch byte {
      case 0x30...0x39:
        let value = Int(byte - 0x30)
        switch index {
        case 0: parts.0 = parts.0 * 10 + value
        case 1: parts.1 = parts.1 * 10 + value
        default: parts.2 = parts.2 * 10 + value
        }
        digits += 1
        guard digits <= 9 else { return nil }
      case 0x2D where digits > 0 && index < 2:
        index += 1
        digits = 0
      default: return nil
      }
    }
    guard index == 2, digits > 0 else { return nil }
    // Howard Hinnant's days_from_civil.
    let (y0, m, d) = parts
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
