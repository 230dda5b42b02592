import Foundation
import PillarDiagnostics
import PillarModel

/// The day a build or check is made as of: acceptances expire and improvements fall due against
/// it. Decided here and nowhere else, so every command agrees. Never the clock, so the same
/// inputs give the same site. In order:
///
/// 1. `--date`;
/// 2. `SOURCE_DATE_EPOCH` (as a UTC day);
/// 3. in a git work tree, the committer date of `HEAD` (in the committer's time zone), or the latest `reviewed` date of
///    an answer file not yet committed when that is later, so a review being written today can
///    be checked before it is committed;
/// 4. the latest `reviewed` date of any answer file.
///
/// A committed `reviewed` date after the build date is an error at its line (see
/// `futureReviews`): one mistyped year can no longer move every workload's posture.
package struct BuildDate: Sendable, Equatable {
  package enum Source: Sendable, Equatable {
    case flag
    case sourceDateEpoch
    case gitHead
    /// A review not yet committed, later than `HEAD`'s date.
    case uncommittedReview(path: String)
    case latestReview(path: String)
    /// No date anywhere: an empty workbook.
    case none
  }

  package var day: String
  package var source: Source

  package init(day: String, source: Source) {
    self.day = day
    self.source = source
  }

  /// Where the date came from, for people: "posture as of 2026-11-20 (the committer date of git HEAD)".
  package var origin: String {
    switch source {
    case .flag: "--date"
    case .sourceDateEpoch: "SOURCE_DATE_EPOCH"
    case .gitHead: "the committer date of git HEAD"
    case .uncommittedReview(let path): "the reviewed date of \(path), not yet committed"
    case .latestReview(let path): "the latest reviewed date, in \(path)"
    case .none: "no review dates"
    }
  }

  /// The first step of deciding: what the flag, environment and git say, and which answer
  /// files' `reviewed` dates are still needed to finish (none, the uncommitted ones, or all).
  package struct Plan: Sendable {
    enum Need: Sendable {
      case decided(BuildDate)
      case uncommitted(head: String, paths: Set<String>)
      case everyReview
    }
    let need: Need

    /// Whether the `reviewed` date of the answer file at `path` (relative to the workbook) is needed.
    package func needs(_ path: String) -> Bool {
      switch need {
      case .decided: false
      case .uncommitted(_, let paths): paths.contains(path)
      case .everyReview: true
      }
    }

    /// Whether any answer file is still needed (a clean git checkout needs none, so the workbook
    /// is not walked to find out).
    var needsAny: Bool {
      switch need {
      case .decided: false
      case .uncommitted(_, let paths): !paths.isEmpty
      case .everyReview: true
      }
    }

    /// The build date, from the `reviewed` dates of the files `needs` asked for.
    package func finish(reviewed: [(path: String, date: String)]) -> BuildDate {
      let latest = reviewed.max { ($0.date, $1.path) < ($1.date, $0.path) }
      switch need {
      case .decided(let date): return date
      case .uncommitted(let head, _):
        guard let latest, latest.date > head else { return BuildDate(day: head, source: .gitHead) }
        return BuildDate(day: latest.date, source: .uncommittedReview(path: latest.path))
      case .everyReview:
        guard let latest else { return BuildDate(day: "1970-01-01", source: .none) }
        return BuildDate(day: latest.date, source: .latestReview(path: latest.path))
      }
    }
  }

  /// Decides what can be decided without reading answer files. Runs git only when neither the
  /// flag nor `SOURCE_DATE_EPOCH` is given.
  package static func plan(flag: String?, environment: [String: String], root: URL) throws -> Plan {
    if let flag {
      guard DateText.isValid(flag) else {
        throw DateError("--date must be a date written YYYY-MM-DD from 1970 on, not '\(flag)'")
      }
      return Plan(need: .decided(BuildDate(day: flag, source: .flag)))
    }
    if let epoch = environment["SOURCE_DATE_EPOCH"] {
      // 253,402,300,799 s is 9999-12-31T23:59:59Z: beyond it a date has more than four digits.
      guard let seconds = Int(epoch), (0...253_402_300_799).contains(seconds) else {
        throw DateError(
          "SOURCE_DATE_EPOCH must be a number of seconds from 1970 to the end of 9999, not '\(epoch)'")
      }
      return Plan(need: .decided(BuildDate(day: format(seconds: seconds), source: .sourceDateEpoch)))
    }
    guard let head = Git.headCommitDay(in: root) else { return Plan(need: .everyReview) }
    let changed = (try? Git.changedFiles(since: "HEAD", in: root, under: "reviews")) ?? []
    return Plan(need: .uncommitted(head: head, paths: Set(changed)))
  }

  /// The whole decision, reading the answer files `plan` asks for with the loader's own reader.
  package static func resolve(flag: String?, environment: [String: String], root: URL) throws -> BuildDate {
    let plan = try plan(flag: flag, environment: environment, root: root)
    guard plan.needsAny else { return plan.finish(reviewed: []) }
    let answers = Inventory.discover(root: root).workloads.flatMap(\.answers).filter(plan.needs)
    let dates = answers.compactMap { path -> (path: String, date: String)? in
      guard case .bytes(let bytes) = InputFile.read(root.appendingPathComponent(path).path) else { return nil }
      return ReviewDates.reviewed(in: bytes, path: path).map { (path, $0) }
    }
    return plan.finish(reviewed: dates)
  }

  /// A UTC day from seconds since 1970, without Foundation's calendars.
  package static func format(seconds: Int) -> String {
    DateMath.date(fromDayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
  }

  /// Errors for every `reviewed` date after the build date. Only a date that came from outside
  /// the answer files can be passed (a build dated by the latest review has none after it).
  package static func futureReviews(_ reviews: [Review], buildDate: BuildDate) -> [Diagnostic] {
    reviews.filter { DateText.isValid($0.reviewed) && $0.reviewed > buildDate.day }.map { review in
      .error(
        "review-in-future",
        "reviewed \(review.reviewed) is after the build date \(buildDate.day) (\(buildDate.origin)); correct the date, or commit the file, or pass --date \(review.reviewed)",
        at: review.reviewedLocation)
    }
  }
}

/// A build date that cannot be understood: a command-line problem (exit 64).
package struct DateError: Error, CustomStringConvertible {
  package var description: String
  package init(_ description: String) { self.description = description }
}

/// The `reviewed` date of an answer file, read exactly as the loader reads it: the same front
/// matter split, YAML reader and date rule, so a build and a check can never date a workbook
/// differently (an earlier fast scan of raw lines missed trailing comments and read past the
/// closing `---`).
package enum ReviewDates {
  package static func reviewed(in bytes: [UInt8], path: String) -> String? {
    guard case .success(let source) = SourceText.decode(bytes, path: path),
      case .success(let frontMatter) = FrontMatter.split(source)
    else { return nil }
    let report = Report(path: path)
    guard let node = YAMLTree.compose(frontMatter.yaml, firstLine: frontMatter.yamlLine, report: report),
      let fields = Fields(node, firstLine: frontMatter.yamlLine, report: report, what: "front matter")
    else { return nil }
    return fields.date("reviewed", required: false)
  }
}
