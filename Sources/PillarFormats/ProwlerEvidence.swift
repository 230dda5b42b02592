import Foundation
import PillarDiagnostics
import PillarModel

/// Reads Prowler's OCSF JSON output (`prowler aws -M json-ocsf`) into an `EvidenceIndex`,
/// streaming: each finding is read, folded into the index and dropped (`docs/evidence.md`).
package enum ProwlerEvidence {
  /// - Parameters:
  ///   - files: each evidence file: the path to read and the name to show.
  ///   - practices: the practice ids of the question set, which findings map to.
  package static func read(
    _ files: [(path: String, name: String)], practices: Set<String>
  ) -> (EvidenceIndex, [Diagnostic]) {
    var index = EvidenceIndex()
    var diagnostics: [Diagnostic] = []
    for (number, file) in files.enumerated() {
      var source = EvidenceIndex.Source(path: file.name, scanned: "")
      var firstMalformed: Int?
      let opened = JSONStream.forEach(path: file.path) { item in
        switch item {
        case .malformed(let offset):
          source.malformed += 1
          if firstMalformed == nil { firstMalformed = offset }
        case .object(let data):
          guard let finding = Finding(data) else {
            source.malformed += 1
            if firstMalformed == nil { firstMalformed = -1 }
            return
          }
          source.findings += 1
          if let day = finding.day, source.scanned.isEmpty || day < source.scanned { source.scanned = day }
          index.findings[finding.account, default: [:]][number, default: 0] += 1
          let mapped = Set(finding.requirements.compactMap { ProwlerWellArchitected.current[$0] }).filter {
            practices.contains($0)
          }
          guard !mapped.isEmpty else {
            source.unmapped += 1
            return
          }
          guard finding.status != .manual else { return }
          for practice in mapped.sorted() {
            // Folded in place: one check per (account, practice, check, file).
            var checks = index.accounts[finding.account, default: [:]].removeValue(forKey: practice) ?? []
            let at =
              checks.firstIndex { $0.id == finding.check && $0.source == number }
              ?? {
                checks.append(
                  EvidenceIndex.Check(
                    id: finding.check, title: finding.title, severity: finding.severity, source: number))
                return checks.count - 1
              }()
            checks[at].add(finding)
            index.accounts[finding.account, default: [:]][practice] = checks
          }
        }
      }
      let at = SourceLocation(path: file.name, line: 1, column: 1)
      guard opened else {
        diagnostics.append(.error("evidence-unreadable", "evidence file '\(file.path)' cannot be read", at: at))
        continue
      }
      if source.malformed > 0 {
        diagnostics.append(
          .warning(
            "evidence-malformed",
            "\(source.malformed) record\(source.malformed == 1 ? " is" : "s are") not a finding Pillar can read (an object with an account, a check and a PASS, FAIL or MANUAL status)\(firstMalformed.map { $0 >= 0 ? "; the first at byte \($0)" : "" } ?? ""); \(source.findings) finding\(source.findings == 1 ? " was" : "s were") read",
            at: at))
      }
      index.sources.append(source)
    }
    return (index, diagnostics)
  }

  /// What Pillar reads of one OCSF finding; nil when it is not a finding it can read.
  struct Finding {
    enum Status { case pass, fail, manual }

    var account: String
    var check: String
    var status: Status
    var title: String
    var severity: String
    var message: String
    var resources: [String]
    var requirements: [String]
    var day: String?

    init?(_ data: Data) {
      guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
        let account = Self.text(object, "cloud", "account", "uid"),
        let check = Self.text(object, "metadata", "event_code"),
        let statusCode = object["status_code"] as? String
      else { return nil }
      switch statusCode {
      case "PASS": status = .pass
      case "FAIL": status = .fail
      case "MANUAL": status = .manual
      default: return nil
      }
      // A muted finding (Prowler's mutelist: `status` "Suppressed", `status_code` still FAIL) is
      // an exception someone accepted in the scanner: it judges nothing here.
      if (object["status"] as? String) == "Suppressed" { status = .manual }
      self.account = account
      self.check = String(check.prefix(200))
      title = String((Self.text(object, "finding_info", "title") ?? check).prefix(300))
      severity = String(((object["severity"] as? String) ?? "").prefix(40))
      message = String(((object["status_detail"] as? String) ?? (object["message"] as? String) ?? "").prefix(500))
      let listed = (object["resources"] as? [Any] ?? []).compactMap { item -> String? in
        guard let resource = item as? [String: Any] else { return nil }
        return ((resource["name"] as? String) ?? (resource["uid"] as? String)).map { String($0.prefix(300)) }
      }
      // A finding is about at least one resource, named or not.
      resources = listed.isEmpty ? [check] : listed
      let compliance = (object["unmapped"] as? [String: Any])?["compliance"] as? [String: Any]
      requirements = (compliance?[ProwlerWellArchitected.framework] as? [Any] ?? []).compactMap { $0 as? String }
      // `time` is epoch seconds (UTC); `time_dt` is written in the scanning machine's local time
      // with no zone, so it is the fallback only.
      if let epoch = (object["time"] as? NSNumber)?.doubleValue, epoch.isFinite, abs(epoch) < 1e11 {
        day = DateMath.date(fromDayNumber: Int((epoch / 86400).rounded(.down)))
      } else {
        let time = object["time_dt"] as? String
        day = time.flatMap { $0.utf8.count >= 10 ? String($0.prefix(10)) : nil }.flatMap {
          DateMath.dayNumber($0) != nil ? $0 : nil
        }
      }
    }

    static func text(_ object: [String: Any], _ path: String...) -> String? {
      var value: Any? = object
      for key in path { value = (value as? [String: Any])?[key] }
      return value as? String
    }
  }
}

extension EvidenceIndex.Check {
  /// One finding of this check: its resources passed or failed.
  mutating func add(_ finding: ProwlerEvidence.Finding) {
    if finding.status == .pass {
      passed += finding.resources.count
      return
    }
    failed += finding.resources.count
    for resource in finding.resources where failing.count < 3 && !failing.contains(resource) {
      failing.append(resource)
    }
    if message.isEmpty { message = finding.message }
  }
}
