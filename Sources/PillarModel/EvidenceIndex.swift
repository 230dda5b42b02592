/// What a scanner's findings say, folded per account, practice and check (`docs/evidence.md`).
/// Built once from the evidence files; small however large the files were.
package struct EvidenceIndex: Sendable {
  /// One evidence file and what it held.
  package struct Source: Sendable, Hashable, Codable {
    package var path: String
    /// The scan's day (`YYYY-MM-DD`): the earliest finding's time.
    package var scanned: String
    package var findings = 0
    /// Findings of accounts no workload declares.
    package var otherAccounts = 0
    /// Findings that map to no practice of the question set.
    package var unmapped = 0
    /// Records that are not findings Pillar can read (not an object, no account, no status).
    package var malformed = 0

    package init(path: String, scanned: String) {
      self.path = path
      self.scanned = scanned
    }
  }

  /// One check's results on one account, for one practice.
  package struct Check: Sendable, Hashable, Codable {
    package var id: String
    package var title: String
    package var severity: String
    /// Resources that passed and failed.
    package var passed = 0
    package var failed = 0
    /// Up to three failing resources, and the first failure's message.
    package var failing: [String] = []
    package var message = ""
    /// Which of `sources` it came from.
    package var source: Int

    package init(id: String, title: String, severity: String, source: Int) {
      self.id = id
      self.title = title
      self.severity = severity
      self.source = source
    }
  }

  package var sources: [Source] = []
  /// Account id → practice id → its checks.
  package var accounts: [String: [String: [Check]]] = [:]
  /// Account id → source → how many findings it has there (to count those of accounts no
  /// workload declares).
  package var findings: [String: [Int: Int]] = [:]

  /// Each source with the findings of accounts outside `declared` counted.
  package func sources(declared: Set<String>) -> [Source] {
    sources.enumerated().map { number, source in
      var source = source
      source.otherAccounts = findings.filter { !declared.contains($0.key) }.reduce(0) { $0 + ($1.value[number] ?? 0) }
      return source
    }
  }

  package init() {}

  /// The checks of a workload's accounts for one practice, merged by check id.
  package func checks(accounts ids: [String], practice: String) -> [Check] {
    var merged: [String: Check] = [:]
    var order: [String] = []
    for account in ids {
      for check in accounts[account]?[practice] ?? [] {
        if var known = merged[check.id] {
          known.passed += check.passed
          known.failed += check.failed
          known.failing = Array((known.failing + check.failing).prefix(3))
          if known.message.isEmpty { known.message = check.message }
          merged[check.id] = known
        } else {
          merged[check.id] = check
          order.append(check.id)
        }
      }
    }
    return order.sorted().compactMap { merged[$0] }
  }

  package var isEmpty: Bool { sources.isEmpty }
}

/// What the evidence says of one answer.
package enum EvidenceJudgement: String, Sendable, Hashable, Codable {
  /// Marked implemented and every mapped check passed, or marked missing and a check failed.
  case confirmed
  /// Marked implemented while a mapped check failed.
  case contradicted
  /// Marked missing while every mapped check passed: worth a second look.
  case suggestsReview = "suggests-review"
  /// No mapped check, or not applicable, or unanswered.
  case cannotJudge = "cannot-judge"
}
