import PillarDiagnostics
import PillarModel

/// The `validate` stage: checks that go across files, such as every id an answer file names
/// being a real one. Per-file syntax is checked while loading.
package enum WorkbookValidator {
  package static func validate(_ workbook: Workbook) -> [Diagnostic] {
    validateQuestionSet(workbook.questionSet) + workbook.workloads.flatMap { validate($0, in: workbook.questionSet) }
  }

  package static func validateQuestionSet(_ set: QuestionSet) -> [Diagnostic] {
    QuestionSetRules.check(set) + ContentRules.check(set)
  }

  /// The rules about one workload and its answer files: they need the question set and nothing
  /// of other workloads, so workloads are checked one at a time.
  package static func validate(_ workload: Workload, in set: QuestionSet) -> [Diagnostic] {
    WorkloadRules.check(workload, in: set) + workload.reviews.flatMap { ReviewRules.check($0, in: set) }
  }

  /// An error for every id that appears more than once, at each repeat.
  static func duplicates<T>(_ items: [T], id: (T) -> String, location: (T) -> SourceLocation, what: String)
    -> [Diagnostic]
  {
    var first: [String: SourceLocation] = [:]
    var result: [Diagnostic] = []
    for item in items {
      let key = id(item)
      if let original = first[key] {
        result.append(
          .error(
            "duplicate-id", "\(what) '\(key)' is defined twice; first at \(original.path):\(original.line)",
            at: location(item)))
      } else {
        first[key] = location(item)
      }
    }
    return result
  }
}

enum QuestionSetRules {
  static func check(_ set: QuestionSet) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    diagnostics += WorkbookValidator.duplicates(set.questions, id: \.id, location: \.location, what: "question")
    diagnostics += WorkbookValidator.duplicates(set.objectives, id: \.id, location: \.location, what: "objective")
    diagnostics += WorkbookValidator.duplicates(set.threatModels, id: \.id, location: \.location, what: "threat model")
    let practices = set.questions.flatMap(\.practices)
    diagnostics += WorkbookValidator.duplicates(practices, id: \.id, location: \.location, what: "practice")

    let objectiveIDs = set.objectives.map(\.id)
    let levelIDs = set.levels.map(\.id)
    let practiceIDs = Set(practices.map(\.id))
    for question in set.questions {
      for reference in question.objectives where !objectiveIDs.contains(reference.id) {
        diagnostics.append(
          .error(
            "unknown-objective",
            "objective '\(reference.id)' does not exist\(Suggestion.didYouMean(reference.id, in: objectiveIDs))",
            at: reference.location))
      }
      for practice in question.practices {
        if let level = practice.requiredFrom, !levelIDs.isEmpty, !levelIDs.contains(level.id) {
          diagnostics.append(
            .error(
              "unknown-classification",
              "classification level '\(level.id)' does not exist\(Suggestion.didYouMean(level.id, in: levelIDs)); levels are \(levelIDs.joined(separator: ", "))",
              at: level.location))
        }
      }
    }
    for objective in set.objectives where set.questions(measuring: objective.id).isEmpty {
      diagnostics.append(
        .warning(
          "unmeasured-objective",
          "objective '\(objective.id)' is measured by no question; name it in a question's 'objectives'",
          at: objective.location))
    }
    for model in set.threatModels {
      for threat in model.threats {
        for mitigation in threat.mitigations where !practiceIDs.contains(mitigation.id) {
          diagnostics.append(
            .error(
              "unknown-practice",
              "practice '\(mitigation.id)' does not exist\(Suggestion.didYouMean(mitigation.id, in: practiceIDs))",
              at: mitigation.location))
        }
      }
    }
    return diagnostics
  }
}

enum WorkloadRules {
  static func check(_ workload: Workload, in set: QuestionSet) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let levelIDs = set.levels.map(\.id)
    if !levelIDs.isEmpty, !workload.classification.id.isEmpty, set.level(workload.classification.id) == nil {
      diagnostics.append(
        .error(
          "unknown-classification",
          "classification '\(workload.classification.id)' is not a level\(Suggestion.didYouMean(workload.classification.id, in: levelIDs)); levels are \(levelIDs.joined(separator: ", "))",
          at: workload.classification.location))
    }
    for model in workload.threatModels where set.threatModel(model.id) == nil {
      diagnostics.append(
        .error(
          "unknown-threat-model",
          "threat model '\(model.id)' does not exist\(Suggestion.didYouMean(model.id, in: set.threatModels.map(\.id)))",
          at: model.location))
    }
    if let own = workload.ownThreatModel {
      let practices = set.questions.flatMap(\.practices).map(\.id)
      let known = Set(practices)
      let templateThreats = Set(
        workload.threatModels.compactMap { set.threatModel($0.id) }.flatMap(\.threats).map(\.id))
      for threat in own.threats {
        if templateThreats.contains(threat.id) {
          diagnostics.append(
            .error(
              "duplicate-id", "threat '\(threat.id)' is also a threat of a template this workload names; rename it",
              at: threat.location))
        }
        for mitigation in threat.mitigations where !known.contains(mitigation.id) {
          diagnostics.append(
            .error(
              "unknown-practice",
              "practice '\(mitigation.id)' does not exist\(Suggestion.didYouMean(mitigation.id, in: practices))",
              at: mitigation.location))
        }
      }
    }
    // The latest release is the claim in force; older ones are history nobody edits.
    if let level = set.level(workload.classification.id), set.requiresEvidence(at: level),
      let latest = workload.reviews.last
    {
      for answer in Evidence.unevidenced(in: latest) {
        diagnostics.append(
          .warning(
            "no-evidence",
            "'\(answer.practiceID)' is ticked with no evidence; a \(level.title) workload links each implemented practice to what shows it (a ticket, dashboard, runbook or document) in its note",
            at: answer.location))
      }
    }
    if let latest = workload.reviews.last { diagnostics += independence(of: latest) }
    if workload.reviews.isEmpty {
      diagnostics.append(
        .warning(
          "no-reviews", "workload '\(workload.id)' has no answer files yet; add reviews/\(workload.id)/<release>.md",
          at: workload.location))
    }
    return diagnostics
  }

  /// A reviewer does not sign off their own fix or their own acceptance: the point of a review
  /// is a second pair of eyes (latest release only, like the evidence rule).
  static func independence(of review: Review) -> [Diagnostic] {
    let reviewers = Set(review.reviewers)
    let owned = review.improvements.filter { reviewers.contains($0.owner) }.map {
      Diagnostic.warning(
        "reviewer-owns-fix",
        "'\($0.owner)' reviews this release and owns the improvement of \($0.practice.id); a fix is reviewed by someone who does not own it",
        at: $0.practice.location)
    }
    let approved = review.acceptances.filter { reviewers.contains($0.approver) }.map {
      Diagnostic.warning(
        "reviewer-owns-fix",
        "'\($0.approver)' reviews this release and approves the acceptance of \($0.practice.id); a risk is accepted by someone other than its reviewers",
        at: $0.practice.location)
    }
    return owned + approved
  }
}
