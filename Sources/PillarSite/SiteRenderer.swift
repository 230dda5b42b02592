import Foundation
import PillarModel
import PillarParallel
import PillarScoring

/// The `render` stage: from an evaluation and templates to the files of the site, in memory.
/// Writes nothing; `Publisher` does that.
public enum SiteRenderer {
  /// One page of the site, named by the values it is about. Page contexts are built inside the
  /// worker that renders them, so pages render in parallel and in any order.
  enum Job: Sendable {
    case dashboard, questions, objectives, classification, executive
    case workload(Int)
    case scorecard(Int, Int)
    case delta(Int, Int)
    case question(Int)
    case objective(Int)
    case threatModel(Int)
  }

  public static func render(_ evaluation: Evaluation, templates: Templates) throws -> [SiteFile] {
    var jobs: [Job] = [.dashboard]
    for (workload, result) in evaluation.workloads.enumerated() {
      jobs.append(.workload(workload))
      jobs += result.scorecards.indices.map { .scorecard(workload, $0) }
      jobs += result.deltas.indices.map { .delta(workload, $0) }
    }
    let set = evaluation.questionSet
    jobs.append(.questions)
    jobs += set.questions.indices.map(Job.question)
    jobs.append(.objectives)
    jobs += set.objectives.indices.map(Job.objective)
    jobs += set.threatModels.indices.map(Job.threatModel)
    jobs += [.classification, .executive]

    var files = Parallel.map(jobs) { job in
      page(for: spec(job, evaluation), evaluation: evaluation, templates: templates)
    }
    files += try assets(in: templates.folder.appendingPathComponent("assets"))
    // The same JSON as `pillar export`, for dashboards that read the published site. Every
    // release would be hundreds of megabytes in a large organisation; `pillar export
    // --all-releases` gives that on demand.
    let json = try ExportJSON.render(ScorecardRecord.records(evaluation, allReleases: false), evaluation: evaluation)
    files.append(SiteFile(path: "data/latest.json", text: json))
    return files.sorted { $0.path < $1.path }
  }

  static func spec(_ job: Job, _ evaluation: Evaluation) -> PageSpec {
    let set = evaluation.questionSet
    switch job {
    case .dashboard: return DashboardPage.spec(evaluation)
    case .workload(let index): return WorkloadPage.spec(evaluation.workloads[index], evaluation: evaluation)
    case .scorecard(let workload, let index):
      return ScorecardPage.spec(evaluation.workloads[workload], index: index, evaluation: evaluation)
    case .delta(let workload, let index):
      let result = evaluation.workloads[workload]
      return DeltaPage.spec(result.deltas[index], result: result, evaluation: evaluation)
    case .questions: return QuestionsPage.spec(evaluation)
    case .question(let index): return QuestionPage.spec(set.questions[index], evaluation: evaluation)
    case .objectives: return ObjectivesPage.spec(evaluation)
    case .objective(let index): return ObjectivePage.spec(set.objectives[index], evaluation: evaluation)
    case .threatModel(let index): return ThreatModelPage.spec(set.threatModels[index], evaluation: evaluation)
    case .classification: return ClassificationPage.spec(evaluation)
    case .executive: return ExecutivePage.spec(evaluation)
    }
  }

  static func page(for spec: PageSpec, evaluation: Evaluation, templates: Templates) -> SiteFile {
    var context = spec.context
    context["root"] = spec.root
    let body = templates.render(ContextPreparation.prepared(context, root: spec.root), page: spec.template)
    let lens = evaluation.questionSet.lens
    let layout: [String: Any] = [
      "title": spec.title, "root": spec.root, "contentHtml": body, "lensName": lens.name, "lensVersion": lens.version,
      "buildDate": evaluation.today, "nav": navigation(current: spec.section),
    ]
    return SiteFile(
      path: spec.path, text: templates.render(ContextPreparation.prepared(layout, root: spec.root), page: "layout"))
  }

  static func navigation(current: String) -> [[String: Any]] {
    [
      ("dashboard", "Dashboard", Paths.dashboard), ("executive", "Executive summary", Paths.executive),
      ("questions", "Questions", Paths.questions),
      ("objectives", "Objectives", Paths.objectives), ("classification", "Classification", Paths.classification),
    ].map { ["title": $0.1, "href": $0.2, "current": $0.0 == current] }
  }

  /// Copies `templates/assets/` as it is, sorted, refusing links and nested folders deeper than
  /// one level so a template folder cannot pull outside files into the site.
  static func assets(in folder: URL) throws -> [SiteFile] {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return [] }
    return try names.sorted().compactMap { name in
      guard !name.hasPrefix(".") else { return nil }
      let url = folder.appendingPathComponent(name)
      let attributes = try manager.attributesOfItem(atPath: url.path)
      guard attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
      return SiteFile(path: "assets/\(name)", contents: [UInt8](try Data(contentsOf: url)))
    }
  }
}
