import Foundation
import PillarDiagnostics
import PillarModel
import PillarParallel

/// The `load` stage: reads every file of a workbook and turns it into model values. The only
/// stage that reads files. Every file is parsed even when others fail, so all problems are
/// reported at once.
package enum WorkbookLoader {
  package struct Result: Sendable {
    package var workbook: Workbook
    package var diagnostics: [Diagnostic]
  }

  package static func load(root: URL, only: Set<String>? = nil, latestOnly: Bool = false, jobs: Int)
    -> Result
  {
    let inventory = Inventory.discover(root: root, only: only, latestOnly: latestOnly)
    let (questionSet, setDiagnostics) = loadQuestionSet(root: root, inventory: inventory)
    // Each workload is read on its own, in parallel; results come back in the inventory's
    // sorted order, so diagnostics and models never depend on thread timing.
    let loaded = Parallel.map(inventory.workloads, jobs: jobs) {
      loadWorkload(root: root, folder: $0, set: questionSet)
    }
    let (incidents, incidentDiagnostics) = loadIncidents(root: root, inventory: inventory)
    return Result(
      workbook: Workbook(questionSet: questionSet, workloads: loaded.compactMap(\.0), incidents: incidents),
      diagnostics: inventory.diagnostics + setDiagnostics + loaded.flatMap(\.1) + incidentDiagnostics)
  }

  /// Everything under `questions/`.
  /// With `renderingNotes`, every Markdown text carries its HTML from the one parse of its file
  /// (the build); without, texts carry only their source (check, diff, export never show them).
  package static func loadQuestionSet(root: URL, inventory: Inventory, renderingNotes: Bool = false) -> (
    QuestionSet, [Diagnostic]
  ) {
    var diagnostics: [Diagnostic] = []
    func parse<T>(_ path: String, what: String, _ read: (Document) -> T?) -> T? {
      let (value, found) = parseFile(root: root, path: path, what: what, rendering: renderingNotes, read)
      diagnostics += found
      return value
    }
    let lens =
      inventory.lens.flatMap { parse($0, what: "lens.md", LensParser.parse) }
      ?? Lens(
        id: "questions", name: "Questions", version: "",
        introduction: MarkdownText("", at: SourceLocation(path: "questions/lens.md")))
    let levels =
      inventory.classification.flatMap { parse($0, what: "classification.md", ClassificationParser.parse) } ?? []
    let objectives = inventory.objectives.compactMap { parse($0, what: "an objective", ObjectiveParser.parse) }
    let threatModels = inventory.threatModels.compactMap {
      parse($0, what: "a threat model", { ThreatModelParser.parse($0) })
    }
    let questions = inventory.questions.compactMap { parse($0, what: "a question", QuestionParser.parse) }
      .sorted { ReleaseOrder.compare($0.id, $1.id) < 0 }
    let mappings = inventory.mappings.flatMap { parse($0, what: "mappings.md", MappingParser.parse) } ?? []
    let declared = inventory.frameworks.flatMap { parse($0, what: "frameworks.md", FrameworksParser.parse) } ?? []
    var questionSet = QuestionSet(
      lens: lens, levels: levels, objectives: objectives.sorted { ReleaseOrder.compare($0.id, $1.id) < 0 },
      questions: questions, threatModels: threatModels.sorted { $0.id < $1.id }, mappings: mappings)
    questionSet.frameworks = Framework.builtIn + declared
    return (questionSet, diagnostics)
  }

  /// Everything under `incidents/`, sorted by id. What the incidents name is checked by
  /// `IncidentRules` once the workloads are known.
  package static func loadIncidents(root: URL, inventory: Inventory, renderingNotes: Bool = false) -> (
    [Incident], [Diagnostic]
  ) {
    var diagnostics: [Diagnostic] = []
    var incidents: [Incident] = []
    for path in inventory.incidents {
      let id = String((path as NSString).lastPathComponent.dropLast(3))
      if let problem = Identifier.problem(id) {
        diagnostics.append(
          .error(
            "invalid-id", "incident file name '\(id)' is not a valid id: \(problem)", at: SourceLocation(path: path)))
        continue
      }
      let (incident, found) = parseFile(root: root, path: path, what: "an incident review", rendering: renderingNotes) {
        IncidentParser.parse($0, id: id)
      }
      diagnostics += found
      if let incident { incidents.append(incident) }
    }
    return (incidents, diagnostics)
  }

  /// One folder under `reviews/`: its profile and answer files, releases in order. Nil when the
  /// folder name or the profile is unusable (the diagnostics say why).
  package static func loadWorkload(
    root: URL, folder: Inventory.WorkloadFolder, set: QuestionSet, renderingNotes: Bool = false
  ) -> (Workload?, [Diagnostic]) {
    loadWorkload(folder: folder, set: set, renderingNotes: renderingNotes) {
      InputFile.read(root.appendingPathComponent($0).path)
    }
  }

  /// A workload from files that `read` gives by their workbook paths (from disk, or from a git
  /// revision without writing them out).
  package static func loadWorkload(
    folder: Inventory.WorkloadFolder, set: QuestionSet, renderingNotes: Bool = false,
    read: (String) -> InputFile.Contents
  ) -> (Workload?, [Diagnostic]) {
    if let problem = Identifier.problem(folder.id) {
      return (
        nil,
        [
          .error(
            "invalid-id", "workload folder name '\(folder.id)' is not a valid id: \(problem)",
            at: SourceLocation(path: "reviews/\(folder.id)"))
        ]
      )
    }
    guard let profile = folder.profile else { return (nil, []) }
    var (workload, diagnostics) = parseFile(
      read(profile), path: profile, what: "a workload profile", rendering: renderingNotes
    ) {
      WorkloadParser.parse($0, id: folder.id)
    }
    if let path = folder.threatModel {
      let (model, found) = parseFile(
        read(path), path: path, what: "a workload's threat model", rendering: renderingNotes
      ) { ThreatModelParser.parse($0, defaultID: folder.id) }
      diagnostics += found
      workload?.ownThreatModel = model
    }
    let titles = set.practiceTitles
    for path in folder.answers {
      let release = String((path as NSString).lastPathComponent.dropLast(3))
      if let problem = Identifier.problem(release) ?? Identifier.releaseProblem(release) {
        diagnostics.append(
          .error(
            "invalid-id", "release name '\(release)' is not a valid id: \(problem)", at: SourceLocation(path: path)))
        continue
      }
      let (review, found) = parseFile(
        read(path), path: path, what: "an answer file", rendering: renderingNotes
      ) {
        ReviewParser.parse($0, workloadID: folder.id, release: release, titles: titles)
      }
      diagnostics += found
      if var review {
        diagnostics += QuestionSetMigration.migrate(&review, to: set)
        workload?.reviews.append(review)
      }
    }
    workload?.reviews.sort(by: ReleaseOrder.precedes)
    return (workload, diagnostics)
  }

  /// Reads and parses one file; returns its value (nil when it could not be read) and its diagnostics.
  static func parseFile<T>(
    root: URL, path: String, what: String, rendering: Bool = false, _ read: (Document) -> T?
  ) -> (T?, [Diagnostic]) {
    parseFile(
      InputFile.read(root.appendingPathComponent(path).path), path: path, what: what, rendering: rendering, read)
  }

  static func parseFile<T>(
    _ contents: InputFile.Contents, path: String, what: String, rendering: Bool = false,
    _ read: (Document) -> T?
  ) -> (T?, [Diagnostic]) {
    let report = Report(path: path)
    guard case .bytes(let data) = contents else {
      return (nil, InputFile.problem(contents, path: path).map { [$0] } ?? [])
    }
    switch SourceText.decode(data, path: path) {
    case .failure(let diagnostic):
      return (nil, [diagnostic])
    case .success(let source):
      guard let document = Document.parse(source, report: report, what: what, rendering: rendering) else {
        return (nil, report.diagnostics)
      }
      document.checkLinks()
      let value = read(document)
      return (value, report.diagnostics)
    }
  }

  /// Parses a question file that is already in memory (tests and the fuzz targets use this).
  package static func parseQuestionFile(_ text: String, path: String) -> (Question?, [Diagnostic]) {
    let report = Report(path: path)
    guard let document = Document.parse(SourceText(path: path, text: text), report: report, what: "a question") else {
      return (nil, report.diagnostics)
    }
    document.checkLinks()
    return (QuestionParser.parse(document), report.diagnostics)
  }

  /// Parses an answer file that is already in memory (tests and the fuzz targets use this).
  package static func parseAnswerFile(
    _ text: String, path: String, workloadID: String, release: String, titles: [String: String]
  ) -> (Review?, [Diagnostic]) {
    let report = Report(path: path)
    guard let document = Document.parse(SourceText(path: path, text: text), report: report, what: "an answer file")
    else {
      return (nil, report.diagnostics)
    }
    document.checkLinks()
    return (ReviewParser.parse(document, workloadID: workloadID, release: release, titles: titles), report.diagnostics)
  }

  /// Parses a workload profile from bytes (such as a file at a git revision).
  package static func parseProfile(_ bytes: [UInt8], path: String, id: String) -> (Workload?, [Diagnostic]) {
    guard case .success(let source) = SourceText.decode(bytes, path: path) else { return (nil, []) }
    let report = Report(path: path)
    guard let document = Document.parse(source, report: report, what: "a workload profile") else {
      return (nil, report.diagnostics)
    }
    return (WorkloadParser.parse(document, id: id), report.diagnostics)
  }
}
