import Foundation
import PillarDiagnostics
import PillarFormats
import PillarLoad
import PillarModel
import PillarParallel
import PillarRecords
import PillarScoring
import PillarSite
import Synchronization

/// `pillar build` as a pipeline that streams: each workload is loaded, validated, scored and
/// rendered on its own, its pages written at once and only its summary kept, so memory stays flat
/// however many workloads there are. A workload whose folder, and everything shared, is unchanged
/// since the last build reuses that build's pages and summary (see `BuildCache`); the
/// organisation-wide pages are always made anew from the summaries, so an incremental build
/// writes the same bytes as a full one.
package struct SiteBuilder {
  package struct Outcome {
    package var diagnostics: [Diagnostic]
    /// False when nothing changed since the last build and the site was left as it was.
    package var wrote: Bool
    package var workloads: Int
    package var releases: Int
    package var pages: Int
    package var rebuilt: Int
    package var buildDate: BuildDate
    package var timings: [(stage: String, seconds: Double, peakBytes: Int?)]
  }

  package var root: URL
  package var output: URL
  package var templatesFolder: URL
  package var date: String?
  package var environment: [String: String]
  package var checkEscaping = true
  /// Threads for every stage (`--jobs`).
  package var jobs = Parallel.cores
  /// Called from worker threads as workloads finish: (finished, total).
  package var progress: @Sendable (Int, Int) -> Void = { _, _ in }
  /// Called once when another build into the same folder must finish first.
  package var waiting: @Sendable () -> Void = {}
  /// Scanner findings given on the command line, besides `pillar.yml`'s (`--evidence`).
  package var evidence: [String] = []
  /// The most search postings the index holds at once (`SearchSpill.writeIndex`).
  package var searchPassBytes = SearchSpill.passBytes

  package init(
    root: URL, output: URL, templatesFolder: URL, date: String?, environment: [String: String],
    checkEscaping: Bool = true, jobs: Int = Parallel.cores,
    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }, waiting: @escaping @Sendable () -> Void = {}
  ) {
    self.jobs = jobs
    self.root = root
    self.output = output
    self.templatesFolder = templatesFolder
    self.date = date
    self.environment = environment
    self.checkEscaping = checkEscaping
    self.progress = progress
    self.waiting = waiting
  }

  /// The stages in order: inventory and the shared inputs, fingerprints and the build date, each
  /// workload loaded, validated, evaluated and rendered (or reused from the cache), the
  /// organisation's pages, then the swap that publishes the site.
  package func build() throws -> Outcome {
    var stopwatch = Stopwatch()
    // Held until this function returns: after the swap, or when the build gives up.
    // Refused, locked and cleaned through the output folder's one type; held until this returns.
    let lock = try OutputFolder.claim(output, workbook: root, waiting: waiting)
    defer { withExtendedLifetime(lock) {} }
    let (config, configProblems) = ProjectConfig.load(root: root)
    let inventory = Inventory.discover(root: root)
    let (set, setProblems) = WorkbookLoader.loadQuestionSet(root: root, inventory: inventory, renderingNotes: true)
    let (incidents, incidentProblems) = WorkbookLoader.loadIncidents(
      root: root, inventory: inventory, renderingNotes: true)
    var diagnostics =
      configProblems + inventory.diagnostics + setProblems + incidentProblems + config.problems(in: set)
    let (loadedTemplates, templateProblems) = Templates.load(from: templatesFolder, checkEscaping: checkEscaping)
    diagnostics += templateProblems
    stopwatch.lap("question set")

    // Fingerprints: one for what every page depends on, one per workload folder. When the
    // build date depends on answer files (see `BuildDate`), the ones it needs are read for it
    // from the same bytes, known before any workload is scored.
    let folders = inventory.workloads
    let plan = try BuildDate.plan(flag: date, environment: environment, root: root)
    let rootPath = root.path
    let scans = Parallel.map(folders, jobs: jobs) {
      folder -> (print: String, reviewed: [(path: String, date: String)]) in
      let print = Fingerprint()
      var reviewed: [(path: String, date: String)] = []
      if let profile = folder.profile { print.addFile(profile, rootPath: rootPath) }
      for path in folder.answers {
        let bytes = print.addFile(path, rootPath: rootPath)
        if plan.needs(path), let bytes, let date = ReviewDates.reviewed(in: bytes, path: path) {
          reviewed.append((path, date))
        }
      }
      return (print.value, reviewed)
    }
    let prints = scans.map(\.print)
    stopwatch.lap("fingerprints")
    var previous = BuildCache.read(from: output, jobs: jobs)
    stopwatch.lap("previous build's cache")
    let buildDate = plan.finish(reviewed: scans.flatMap(\.reviewed))
    let today = buildDate.day
    let shared = Fingerprint()
    shared.add(BuildCache.format)
    shared.add("date \(today) escaping \(checkEscaping) policy \(config.policy)")
    shared.addTree(root.appendingPathComponent("questions"))
    // Incidents act on every workload they name (plans, gate, re-review flags).
    shared.addTree(root.appendingPathComponent("incidents"))
    shared.addTree(templatesFolder)
    shared.addFile(ProjectConfig.fileName, root: root)
    // Evidence judges every workload that declares accounts: a new scan rebuilds them all.
    let evidenceFiles = config.evidence.map { root.appendingPathComponent($0).path } + evidence
    for path in evidenceFiles { shared.addStream(path) }
    let (evidenceIndex, evidenceProblems) = EvidenceFiles.load(
      root: root, configured: config.evidence, given: evidence, set: set)
    diagnostics += evidenceProblems
    let sameShared = previous?.shared == shared.value
    diagnostics += IncidentRules.check(incidents, set: set, workloads: folders.map(\.id), buildDate: today)
    stopwatch.lap("evidence and incidents")

    if sameShared, let previous, previous.workloads.map(\.id) == folders.map(\.id),
      zip(previous.workloads, prints).allSatisfy({ $0.fingerprint == $1 }), !diagnostics.hasErrors
    {
      let found = (diagnostics + previous.workloads.flatMap(\.diagnostics)).sortedForOutput()
      return Outcome(
        diagnostics: found, wrote: false, workloads: folders.count,
        releases: previous.workloads.reduce(0) { $0 + $1.releases }, pages: 0, rebuilt: 0,
        buildDate: buildDate, timings: stopwatch.laps)
    }
    guard let templates = loadedTemplates, !diagnostics.hasErrors else {
      return Outcome(
        diagnostics: diagnostics.sortedForOutput(), wrote: false, workloads: 0, releases: 0, pages: 0, rebuilt: 0,
        buildDate: buildDate, timings: stopwatch.laps)
    }

    // The summaries of the workloads that will be reused, read only now that something changed.
    if sameShared, let heads = previous {
      let current = Dictionary(zip(folders.map(\.id), prints), uniquingKeysWith: { first, _ in first })
      let unchanged = Set(heads.workloads.filter { current[$0.id] == $0.fingerprint }.map(\.id))
      previous = heads.withSummaryLines(of: unchanged)
    }
    let reusable = sameShared && previous != nil
    let cached = Dictionary((previous?.workloads ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    stopwatch.lap("summaries")
    // The site before last, kept by the last incremental build: the workloads whose files it
    // holds with the bytes this build would link, read from its cache before it is recycled.
    var beforeLast: [BuildCache.Entry] = []
    if reusable, let cache = BuildCache.read(from: Publisher.previousSite(of: output), jobs: jobs),
      cache.shared == shared.value
    {
      beforeLast = cache.workloads
    }
    let staging = try Publisher.Staging(output: output, jobs: jobs)
    let kept: [String: BuildCache.Entry] =
      staging.isRecycled ? Dictionary(beforeLast.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }) : [:]
    do {
      var context = SiteContext(questionSet: set, today: today, policy: config.policy)
      context.evidenceSources = evidenceIndex.sources
      let site = context
      let finished = Counter()
      let outputPath = output.path
      let progress = self.progress
      let total = folders.count
      var entries = try Parallel.mapThrowing(Array(zip(folders, prints)), jobs: jobs) {
        [previous]
        folder, print -> (BuildCache.Entry, Bool)? in
        // Reuse the pages of an unchanged workload, unless the current site lost some of them.
        defer { progress(finished.increment(), total) }
        if reusable, let heads = cached[folder.id], heads.fingerprint == print, let entry = previous?.summarised(heads),
          SearchSpill.readable(entry.files, site: outputPath)
        {
          if let old = kept[folder.id], old.fingerprint == print, old.files == entry.files, staging.keep(entry.files) {
            return (entry, false)
          }
          if (try? staging.link(entry.files)) != nil { return (entry, false) }
        }
        let (workload, found) = WorkbookLoader.loadWorkload(root: root, folder: folder, set: set, renderingNotes: true)
        guard let workload else {
          return found.isEmpty
            ? nil : (BuildCache.Entry(id: folder.id, fingerprint: print, files: [], diagnostics: found), true)
        }
        var problems =
          found + WorkbookValidator.validate(workload, in: set)
          + BuildDate.futureReviews(workload.reviews, buildDate: buildDate)
          + IncidentRules.reReview(workload, incidents: incidents)
        let result = Evaluator.evaluate(
          workload, in: set, incidents: incidents, today: today, policy: config.policy, evidence: evidenceIndex)
        problems += EvidenceWarnings.of(result, sources: evidenceIndex.sources)
        var paths: [String] = []
        if !problems.hasErrors {
          let files = SiteRenderer.workloadFiles(result, site: site, templates: templates)
          try staging.write(files)
          let postings = files.compactMap(\.search).map(SearchPostings.init)
          paths = files.map(\.path) + (try SearchSpill.setAside(postings, workload: folder.id, in: staging))
        }
        problems.sort { $0.location < $1.location }
        return (
          BuildCache.Entry(
            id: folder.id, fingerprint: print, files: paths, diagnostics: problems, summary: WorkloadSummary(result)),
          true
        )
      }.compactMap { $0 }
      stopwatch.lap("workloads")
      diagnostics += entries.flatMap(\.0.diagnostics)
      diagnostics += WorkbookValidator.validateQuestionSet(set)
      guard !diagnostics.hasErrors else {
        staging.abort()
        return Outcome(
          diagnostics: diagnostics.sortedForOutput(), wrote: false, workloads: 0, releases: 0, pages: 0, rebuilt: 0,
          buildDate: buildDate, timings: stopwatch.laps)
      }
      // The organisation's pages and the cache, made from every workload's summary; the
      // summaries are let go of at the end of this block, before the index is made (at 10,000
      // workloads they would be held beside its postings).
      let organisationPages: Int
      let organisationSearch: [SearchPostings]
      let releases: Int
      let summarised: Int
      do {
        let organisation = Organisation(
          questionSet: set, today: today, policy: config.policy, workloads: entries.compactMap(\.0.summary),
          incidents: incidents)
        releases = organisation.releaseCount
        summarised = organisation.workloads.count
        // Written, then let go of (the data export alone is 25 MB at 1,000 workloads): only the
        // pages' paths and searchable text are kept.
        let written = Mutex((pages: 0, search: [SearchPostings]()))
        try SiteRenderer.writeOrganisationFiles(
          organisation, templates: templates, jobs: jobs,
          to: SiteSink(
            file: { file in
              try staging.write([file])
              let postings = file.search.map(SearchPostings.init)
              written.withLock { written in
                if file.path.hasSuffix(".html") { written.pages += 1 }
                if let postings { written.search.append(postings) }
              }
            }, stream: staging.sink.stream))
        (organisationPages, organisationSearch) = written.withLock { ($0.pages, $0.search) }
        let cache = BuildCache(shared: shared.value, workloads: entries.map(\.0))
        let reused = Set(entries.filter { !$0.1 }.map(\.0.id))
        try cache.write(to: staging.sink, reusing: reusable ? previous : nil, reused: reused, jobs: jobs)
      }
      previous = nil
      for index in entries.indices { entries[index].0.summary = nil }
      stopwatch.lap("organisation")
      // The search index: the sections of every workload's searchable pages (made now, or
      // published last time) and of the organisation's.
      let spilled = entries.flatMap(\.0.files).filter { $0.hasPrefix(SearchSpill.folder + "/") }
      try SearchSpill.writeIndex(
        spilled, and: organisationSearch, from: staging, passBytes: searchPassBytes, jobs: jobs)
      stopwatch.lap("search index")
      // After an incremental build the previous site shares most of its files with the new one:
      // kept, the next build recycles it instead of linking every file anew.
      try staging.commit(keepingPrevious: reusable)
      stopwatch.lap("publish")
      let pages = entries.flatMap(\.0.files).count { $0.hasSuffix(".html") } + organisationPages
      return Outcome(
        diagnostics: diagnostics.sortedForOutput(), wrote: true, workloads: summarised,
        releases: releases, pages: pages, rebuilt: entries.count { $0.1 }, buildDate: buildDate,
        timings: stopwatch.laps)
    } catch {
      staging.abort()
      throw error
    }
  }
}

/// A count shared by worker threads.
final class Counter: Sendable {
  private let value = Mutex(0)

  func increment() -> Int {
    value.withLock { value in
      value += 1
      return value
    }
  }
}
