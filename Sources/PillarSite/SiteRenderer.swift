import Foundation
import PillarModel
import PillarScoring

/// The `render` stage: from an evaluation and templates to the files of the site, in memory.
/// Writes nothing; `Publisher` does that.
public enum SiteRenderer {
  public static func render(_ evaluation: Evaluation, templates: Templates) throws -> [SiteFile] {
    var specs: [PageSpec] = [DashboardPage.spec(evaluation)]
    for result in evaluation.workloads {
      specs.append(WorkloadPage.spec(result, evaluation: evaluation))
      for index in result.scorecards.indices {
        specs.append(ScorecardPage.spec(result, index: index, evaluation: evaluation))
      }
      specs += result.deltas.map { DeltaPage.spec($0, result: result, evaluation: evaluation) }
    }
    specs.append(QuestionsPage.spec(evaluation))
    specs += evaluation.questionSet.questions.map { QuestionPage.spec($0, evaluation: evaluation) }
    specs.append(ObjectivesPage.spec(evaluation))
    specs += evaluation.questionSet.objectives.map { ObjectivePage.spec($0, evaluation: evaluation) }
    specs += evaluation.questionSet.threatModels.map { ThreatModelPage.spec($0, evaluation: evaluation) }
    specs.append(ClassificationPage.spec(evaluation))
    specs.append(ExecutivePage.spec(evaluation))

    var files = specs.map { page(for: $0, evaluation: evaluation, templates: templates) }
    files += try assets(in: templates.folder.appendingPathComponent("assets"))
    // The same JSON as `pillar export`, for dashboards that read the published site.
    for (name, all) in [("latest", false), ("all-releases", true)] {
      let json = try ExportJSON.render(ScorecardRecord.records(evaluation, allReleases: all), evaluation: evaluation)
      files.append(SiteFile(path: "data/\(name).json", text: json))
    }
    return files.sorted { $0.path < $1.path }
  }

  static func page(for spec: PageSpec, evaluation: Evaluation, templates: Templates) -> SiteFile {
    var context = spec.context
    context["root"] = spec.root
    let body = templates.render(ContextPruning.pruned(context), page: spec.template)
    let lens = evaluation.questionSet.lens
    let layout: [String: Any] = [
      "title": spec.title, "root": spec.root, "contentHtml": body, "lensName": lens.name, "lensVersion": lens.version,
      "buildDate": evaluation.today, "nav": navigation(current: spec.section),
    ]
    return SiteFile(path: spec.path, text: templates.render(layout, page: "layout"))
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
