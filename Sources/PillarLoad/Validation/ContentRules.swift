import PillarDiagnostics
import PillarModel

/// The rules that make the question set's content answerable to a reader: every risk level has
/// a stated source or a house reason, every promise of a classification level is kept by the
/// gate, and every threat model template covers STRIDE (`docs/content.md`).
enum ContentRules {
  static func check(_ set: QuestionSet) -> [Diagnostic] {
    riskSources(set) + promises(set) + threatCoverage(set) + references(set)
  }

  /// Each reference names a known framework and a control written as that framework writes its
  /// ids and, where the whole list is known, one of its controls.
  static func references(_ set: QuestionSet) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let known = set.frameworks.map(\.id)
    var controls: [String: Set<String>] = [:]
    for framework in set.frameworks { controls[framework.id] = Set(framework.controls.map(\.id)) }
    for practice in set.questions.flatMap(\.practices) {
      for reference in practice.references {
        guard let framework = set.framework(reference.framework) else {
          diagnostics.append(
            .error(
              "unknown-framework",
              "'\(reference.framework)' is not a framework\(Suggestion.didYouMean(reference.framework, in: known)); frameworks are \(known.joined(separator: ", ")) and those of questions/frameworks.md",
              at: reference.location))
          continue
        }
        if !framework.isWellFormed(reference.control) {
          diagnostics.append(
            .error(
              "unknown-control",
              "'\(reference.control)' is not written as a \(framework.title) id (such as \(framework.example))",
              at: reference.location))
        } else if let list = controls[framework.id], !list.isEmpty, !list.contains(reference.control) {
          diagnostics.append(
            .error(
              "unknown-control",
              "'\(reference.control)' is not a control of \(framework.title)\(Suggestion.didYouMean(reference.control, in: framework.controls.map(\.id)))",
              at: reference.location))
        }
      }
    }
    return diagnostics
  }

  /// A practice rated differently from the framework the lens follows says why.
  static func riskSources(_ set: QuestionSet) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let source = set.lens.riskSource
    for practice in set.questions.flatMap(\.practices) {
      guard let sourceRisk = practice.sourceRisk else {
        if source != nil {
          diagnostics.append(
            .warning(
              "missing-source-risk",
              "practice '\(practice.id)' has no 'source-risk': write the level \(source ?? "") gives it, or 'risk-note' why it is the organisation's own",
              at: practice.location))
        }
        continue
      }
      if source == nil {
        diagnostics.append(
          .warning(
            "missing-risk-source",
            "practice '\(practice.id)' has a 'source-risk' but lens.md names no 'risk-source' it comes from",
            at: practice.location))
      }
      if sourceRisk != practice.risk && (practice.riskNote ?? "").isEmpty {
        diagnostics.append(
          .error(
            "unexplained-risk",
            "practice '\(practice.id)' is rated \(practice.risk.name) but its source rates it \(sourceRisk.name); set 'risk: \(sourceRisk.name)', or give the organisation's reason in 'risk-note'",
            at: practice.location))
      }
    }
    return diagnostics
  }

  /// Each promise names practices the gate enforces at its level; each practice that becomes
  /// required at a level is named by a promise there, so the page says what it is for.
  static func promises(_ set: QuestionSet) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let practices = Dictionary(set.questions.flatMap(\.practices).map { ($0.id, $0) }) { first, _ in first }
    var promised: [String: Set<String>] = [:]
    for level in set.levels {
      for promise in level.promises {
        for reference in promise.practices {
          guard let practice = practices[reference.id] else {
            diagnostics.append(
              .error(
                "unknown-practice",
                "practice '\(reference.id)' does not exist\(Suggestion.didYouMean(reference.id, in: Array(practices.keys)))",
                at: reference.location))
            continue
          }
          promised[level.id, default: []].insert(practice.id)
          if !set.isEnforced(practice, at: level) {
            diagnostics.append(
              .error(
                "unkept-promise",
                "level '\(level.id)' promises '\(promise.area ?? promise.text)' through '\(practice.id)', which is \(practice.risk.name) risk and not required at \(level.id), so the gate would not keep the promise; add 'required-from: \(level.id)' to \(practice.id), or name the practice that enforces it",
                at: reference.location))
          }
        }
      }
    }
    guard set.levels.contains(where: { !$0.promises.isEmpty }) else { return diagnostics }
    for practice in practices.values.sorted(by: { $0.id < $1.id }) {
      guard let from = practice.requiredFrom, set.level(from.id) != nil else { continue }
      if !(promised[from.id] ?? []).contains(practice.id) {
        diagnostics.append(
          .warning(
            "unstated-requirement",
            "'\(practice.id)' becomes required at \(from.id), but no promise of \(from.id) in classification.md names it; say what it enforces there",
            at: from.location))
      }
    }
    return diagnostics
  }

  /// A threat model template that leaves a STRIDE category without a threat has a blind spot.
  static func threatCoverage(_ set: QuestionSet) -> [Diagnostic] {
    set.threatModels.compactMap { model in
      let covered = Set(model.threats.flatMap(\.stride))
      // A template written before STRIDE categories gets one warning per threat already.
      guard !covered.isEmpty else { return nil }
      let missing = StrideCategory.allCases.filter { !covered.contains($0) }
      guard !missing.isEmpty else { return nil }
      return .warning(
        "stride-gap",
        "threat model '\(model.id)' has no threat of \(missing.map(\.rawValue).joined(separator: ", ")); a template covers every STRIDE category",
        at: model.location)
    }
  }
}
