import PillarModel
import PillarScoring
import PillarTemplate

/// `workloads/<id>/changes/<release>.html`: what changed from the previous release, leading with
/// what matters: new high risks and regressions.
enum DeltaPage {
  static func spec(_ delta: Delta, result: Evaluation.WorkloadResult, evaluation: SiteContext) -> PageSpec {
    let set = evaluation.questionSet
    let workload = result.workload
    var context = WorkloadPage.identity(workload, set: set)
    context["from"] = delta.from.release
    context["to"] = delta.to.release
    context["fromHref"] = Paths.scorecard(workload.id, delta.from.release)
    context["toHref"] = Paths.scorecard(workload.id, delta.to.release)
    context["score"] = change(delta.scoreChange, better: .up)
    context["hri"] = change(delta.highRiskChange, better: .down)
    context["mri"] = change(delta.mediumRiskChange, better: .down)
    context["unanswered"] = change(delta.unansweredChange, better: .down)
    context["fromScore"] = Format.score(delta.from.score)
    context["toScore"] = Format.score(delta.to.score)
    context["fromGate"] = Format.gate(delta.from.gate)
    context["toGate"] = Format.gate(delta.to.gate)
    context["newHighRisks"] = delta.newHighRisks.map(risk)
    context["regressions"] = delta.regressions.map(practice)
    context["introduced"] = delta.introducedRisks.filter { $0.to != .high }.map(risk)
    context["resolved"] = delta.resolvedRisks.map(risk)
    context["newlyMissing"] = delta.practices.filter { $0.change == .newlyMissing }.map(practice)
    context["implemented"] = delta.practices.filter { $0.change == .newlyImplemented }.map(practice)
    context["notApplicable"] = delta.practices.filter { $0.change == .newlyNotApplicable }.map(practice)
    context["otherChanges"] = delta.practices.filter { $0.change == .other }.map(practice)
    context["notesChanged"] = delta.notesChanged.compactMap { set.question($0) }.map {
      ["id": $0.id, "title": $0.title, "href": "\(Paths.scorecard(workload.id, delta.to.release))#\($0.id)"]
    }
    context["summaryChanged"] = delta.summaryChanged
    context["unchanged"] = delta.isEmpty
    Format.addHasFlags(
      &context,
      for: [
        "newHighRisks", "regressions", "introduced", "resolved", "newlyMissing", "implemented", "notApplicable",
        "otherChanges", "notesChanged",
      ])
    return PageSpec(
      path: Paths.delta(workload.id, to: delta.to.release),
      title: "\(workload.name): \(delta.from.release) to \(delta.to.release)", template: "delta", context: context,
      section: "dashboard")
  }

  enum Better { case up, down }

  /// A signed change, with a class that says whether it is good news.
  static func change(_ value: Int?, better: Better) -> TemplateContext {
    guard let value else { return ["text": "n/a", "class": "same"] }
    let text = value > 0 ? "+\(value)" : value == 0 ? "±0" : "−\(-value)"
    let good = better == .up ? value > 0 : value < 0
    return ["text": text, "class": value == 0 ? "same" : good ? "better" : "worse"]
  }

  static func risk(_ change: Delta.RiskChange) -> TemplateContext {
    [
      "id": change.question.id, "title": change.question.title, "href": Paths.question(change.question.id),
      "from": Format.risk(change.from), "to": Format.risk(change.to),
    ]
  }

  static func practice(_ change: Delta.PracticeChange) -> TemplateValue {
    ChangedPracticeRow(
      id: change.practice.id, title: change.practice.title,
      href: "\(Paths.question(change.questionID))#\(change.practice.id)", from: Format.state(change.from),
      to: Format.state(change.to), risk: Format.risk(change.risk)
    ).templateValue
  }
}

/// A practice that changed between two releases, by name (see `PracticeRow`).
struct ChangedPracticeRow: TemplateRepresentable {
  var id: String
  var title: String
  var href: String
  var from: TemplateContext
  var to: TemplateContext
  var risk: TemplateContext

  private static let shape = TemplateShape("id", "title", "href", "from", "to", "risk")

  var templateValue: TemplateValue {
    .object(
      TemplateContext(Self.shape, [.text(id), .text(title), .text(href), .object(from), .object(to), .object(risk)]))
  }
}
