import Foundation
import PillarMetrics
import PillarModel
import PillarParallel
import PillarRecords
import PillarScoring
import PillarTemplate

/// The `render` stage: from an evaluation and templates to the files of the site, in memory.
/// Writes nothing; `Publisher` does that.
package enum SiteRenderer {
  /// Every file of the site. A full build renders each workload's pages and the
  /// organisation's pages from the same summaries an incremental build keeps, so both give the
  /// same bytes.
  package static func render(_ evaluation: Evaluation, templates: Templates, jobs: Int) throws
    -> [SiteFile]
  {
    let site = SiteContext(questionSet: evaluation.questionSet, today: evaluation.today, policy: evaluation.policy)
    let pages = Parallel.map(evaluation.workloads, jobs: jobs) { workloadFiles($0, site: site, templates: templates) }
      .flatMap {
        $0
      }
    let organisation = Organisation(evaluation)
    let files = pages + (try organisationFiles(organisation, templates: templates, jobs: jobs))
    let index = SearchIndex.files(for: files.compactMap(\.search).map(SearchPostings.init), jobs: jobs)
    return (files + index).sorted { $0.path < $1.path }
  }

  /// A workload's own pages: its profile page, a scorecard per release, a delta per pair.
  package static func workloadFiles(_ result: Evaluation.WorkloadResult, site: SiteContext, templates: Templates)
    -> [SiteFile]
  {
    var specs = [WorkloadPage.spec(result, evaluation: site)]
    specs += result.scorecards.indices.map { ScorecardPage.spec(result, index: $0, evaluation: site) }
    specs += result.deltas.map { DeltaPage.spec($0, result: result, evaluation: site) }
    return withSearchFragments(specs.map { page(for: $0, site: site, templates: templates) })
  }

  /// The files with the search fragment of each searchable page among them, so a page and its
  /// fragment are written, cached and reused together.
  static func withSearchFragments(_ files: [SiteFile]) -> [SiteFile] {
    files + files.compactMap { $0.search?.fragment }
  }

  /// The pages about the whole organisation and the question set, the assets and `data/`.
  package static func organisationFiles(
    _ organisation: Organisation, templates: Templates, jobs threads: Int
  ) throws -> [SiteFile] {
    let collected = SiteSink.Collected()
    try writeOrganisationFiles(organisation, templates: templates, jobs: threads, to: collected.sink)
    return collected.files
  }

  /// The same files, each handed to `sink` as soon as it is made.
  package static func writeOrganisationFiles(
    _ organisation: Organisation, templates: Templates, jobs threads: Int, to sink: SiteSink
  ) throws {
    let set = organisation.questionSet
    let site = SiteContext(questionSet: set, today: organisation.today, policy: organisation.policy)
    enum Job: Sendable {
      case dashboard, questions, objectives, classification, executive, metrics, glossary, data, metricsData, incidents,
        threatModels, metricsCSV, search
      case question(Int)
      case objective(Int)
      case threatModel(Int)
      case incident(Int)
      case framework(Framework)
    }
    // The data file is one of the jobs, so its encoding overlaps the pages' rendering.
    var jobs: [Job] = [
      .data, .dashboard, .questions, .objectives, .classification, .executive, .metrics, .glossary, .metricsData,
      .incidents, .threatModels, .metricsCSV, .search,
    ]
    // Made once: the metrics page, the executive summary's lead figures and data/metrics.json.
    let metrics = Metrics.report(organisation, by: .month)
    jobs += set.questions.indices.map(Job.question)
    jobs += set.objectives.indices.map(Job.objective)
    jobs += set.threatModels.indices.map(Job.threatModel)
    jobs += organisation.incidents.indices.map(Job.incident)
    jobs += FrameworkPage.shown(set).map(Job.framework)
    try Parallel.mapThrowing(jobs, jobs: threads) { job in
      let spec: PageSpec
      switch job {
      case .data:
        // The same JSON as `pillar export`, for dashboards that read the published site. Every
        // release would be hundreds of megabytes in a large organisation; `pillar export
        // --all-releases` gives that on demand.
        let records = organisation.workloads.compactMap(\.latest)
        try sink.stream("data/latest.json") { append in
          try ExportJSON.write(
            records, date: organisation.today, questionSet: set.lens.version, jobs: threads, to: append)
        }
        return
      case .dashboard: spec = DashboardPage.spec(organisation)
      case .questions: spec = QuestionsPage.spec(organisation)
      case .objectives: spec = ObjectivesPage.spec(organisation)
      case .classification: spec = ClassificationPage.spec(organisation)
      case .executive: spec = ExecutivePage.spec(organisation, metrics: metrics)
      case .metrics: spec = MetricsPage.spec(metrics, organisation: organisation)
      case .metricsData:
        // The same JSON as `pillar metrics --format json`.
        return try sink.file(SiteFile(path: "data/metrics.json", text: try metrics.json()))
      case .glossary: spec = GlossaryPage.spec(organisation)
      case .question(let index): spec = QuestionPage.spec(set.questions[index], organisation: organisation)
      case .objective(let index): spec = ObjectivePage.spec(set.objectives[index], organisation: organisation)
      case .threatModel(let index): spec = ThreatModelPage.spec(set.threatModels[index], organisation: organisation)
      case .incidents: spec = IncidentsPage.spec(organisation)
      case .threatModels: spec = ThreatModelsPage.spec(organisation)
      case .search:
        spec = PageSpec(
          path: Paths.search, title: "Search", template: "search", context: [:], section: "search", usesScript: true)
      case .metricsCSV: return try sink.file(SiteFile(path: "data/metrics.csv", text: metrics.csv()))
      case .incident(let index): spec = IncidentPage.spec(organisation.incidents[index], organisation: organisation)
      case .framework(let framework): spec = FrameworkPage.spec(framework, organisation: organisation)
      }
      for file in withSearchFragments([page(for: spec, site: site, templates: templates)]) { try sink.file(file) }
    }
    for file in try assets(in: templates.folder.appendingPathComponent("assets")) { try sink.file(file) }
  }

  static func page(for spec: PageSpec, site: SiteContext, templates: Templates) -> SiteFile {
    var context = spec.context
    let lens = site.questionSet.lens
    context["root"] = spec.root
    context["policy"] = site.policy.summary
    context["lensName"] = lens.name
    context["lensVersion"] = lens.version
    let body = templates.render(context, page: spec.template, linkPrefix: spec.root)
    let layout: TemplateContext = [
      "title": spec.title, "root": spec.root, "contentHtml": SafeHTML(trusted: body),
      "lensName": lens.name, "lensVersion": lens.version, "buildDate": site.today, "policy": site.policy.summary,
      "nav": navigation(current: spec.section), "usesScript": spec.usesScript, "searchable": spec.searchable,
      // The search page runs `assets/search.js`, which fetches the index from the site.
      "isSearch": spec.path == Paths.search,
    ]
    var file = SiteFile(path: spec.path, contents: templates.render(layout, page: "layout", linkPrefix: spec.root))
    if spec.searchable { file.search = SearchText.document(path: spec.path, title: spec.title, body: body) }
    return file
  }

  static func navigation(current: String) -> [TemplateContext] {
    [
      ("dashboard", "Dashboard", Paths.dashboard), ("executive", "Executive summary", Paths.executive),
      ("metrics", "Metrics", Paths.metrics), ("incidents", "Incidents", Paths.incidents),
      ("threat-models", "Threat models", Paths.threatModels), ("search", "Search", Paths.search),
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
