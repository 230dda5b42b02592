import Foundation
import PillarDiagnostics
import PillarModel
import PillarParallel

/// The `load` stage: reads every file of a workbook and turns it into model values. The only
/// stage that reads files. Every file is parsed even when others fail, so all problems are
/// reported at once.
public enum WorkbookLoader {
  public struct Result: Sendable {
    public var workbook: Workbook
    public var diagnostics: [Diagnostic]
  }

  public static func load(root: URL, only: Set<String>? = nil) -> Result {
    let inventory = Inventory.discover(root: root, only: only)
    var diagnostics = inventory.diagnostics

    func parse<T>(_ path: String, what: String, _ read: (Document) -> T?) -> T? {
      let (value, found) = parseFile(root: root, path: path, what: what, read)
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
    let threatModels = inventory.threatModels.compactMap { parse($0, what: "a threat model", ThreatModelParser.parse) }
    let questions = inventory.questions.compactMap { parse($0, what: "a question", QuestionParser.parse) }
      .sorted { ReleaseOrder.compare($0.id, $1.id) < 0 }
    let mappings = inventory.mappings.flatMap { parse($0, what: "mappings.md", MappingParser.parse) } ?? []
    let questionSet = QuestionSet(
      lens: lens, levels: levels, objectives: objectives.sorted { ReleaseOrder.compare($0.id, $1.id) < 0 },
      questions: questions, threatModels: threatModels.sorted { $0.id < $1.id }, mappings: mappings)

    let titles = Dictionary(
      questions.flatMap(\.practices).map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })

    // Every profile and answer file is parsed on its own, in parallel; results come back in the
    // inventory's sorted order, so diagnostics and models never depend on thread timing.
    enum Job: Sendable {
      case profile(folder: Int, path: String)
      case answers(folder: Int, path: String, release: String)
    }
    enum Parsed: Sendable {
      case profile(Workload?, [Diagnostic])
      case answers(Review?, [Diagnostic])
    }
    var jobs: [Job] = []
    for (index, folder) in inventory.workloads.enumerated() {
      if let problem = Identifier.problem(folder.id) {
        diagnostics.append(
          .error(
            "invalid-id", "workload folder name '\(folder.id)' is not a valid id: \(problem)",
            at: SourceLocation(path: "reviews/\(folder.id)")))
        continue
      }
      guard let profile = folder.profile else { continue }
      jobs.append(.profile(folder: index, path: profile))
      for path in folder.answers {
        let release = String((path as NSString).lastPathComponent.dropLast(3))
        if let problem = Identifier.problem(release) {
          diagnostics.append(
            .error(
              "invalid-id", "release name '\(release)' is not a valid id: \(problem)", at: SourceLocation(path: path)))
          continue
        }
        jobs.append(.answers(folder: index, path: path, release: release))
      }
    }
    let folders = inventory.workloads
    let parsed = Parallel.map(jobs) { job -> Parsed in
      switch job {
      case .profile(let folder, let path):
        let (workload, found) = parseFile(root: root, path: path, what: "a workload profile") {
          WorkloadParser.parse($0, id: folders[folder].id)
        }
        return .profile(workload, found)
      case .answers(let folder, let path, let release):
        var (review, found) = parseFile(root: root, path: path, what: "an answer file") {
          ReviewParser.parse($0, workloadID: folders[folder].id, release: release, titles: titles)
        }
        if var migrated = review {
          found += QuestionSetMigration.migrate(&migrated, to: questionSet)
          review = migrated
        }
        return .answers(review, found)
      }
    }
    var workloads: [Workload] = []
    var current: Workload?
    func finish() {
      guard var workload = current else { return }
      workload.reviews.sort(by: ReleaseOrder.precedes)
      workloads.append(workload)
      current = nil
    }
    for result in parsed {
      switch result {
      case .profile(let workload, let found):
        finish()
        diagnostics += found
        current = workload
      case .answers(let review, let found):
        diagnostics += found
        if let review { current?.reviews.append(review) }
      }
    }
    finish()
    return Result(workbook: Workbook(questionSet: questionSet, workloads: workloads), diagnostics: diagnostics)
  }

  /// Reads and parses one file; returns its value (nil when it could not be read) and its diagnostics.
  static func parseFile<T>(root: URL, path: String, what: String, _ read: (Document) -> T?) -> (T?, [Diagnostic]) {
    let report = Report(path: path)
    guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
      return (nil, [.error("unreadable-file", "cannot read the file", at: SourceLocation(path: path))])
    }
    switch SourceText.decode([UInt8](data), path: path) {
    case .failure(let diagnostic):
      return (nil, [diagnostic])
    case .success(let source):
      guard let document = Document.parse(source, report: report, what: what) else { return (nil, report.diagnostics) }
      document.checkLinks()
      let value = read(document)
      return (value, report.diagnostics)
    }
  }

  /// Parses a question file that is already in memory (tests and the fuzz targets use this).
  public static func parseQuestionFile(_ text: String, path: String) -> (Question?, [Diagnostic]) {
    let report = Report(path: path)
    guard let document = Document.parse(SourceText(path: path, text: text), report: report, what: "a question") else {
      return (nil, report.diagnostics)
    }
    document.checkLinks()
    return (QuestionParser.parse(document), report.diagnostics)
  }

  /// Parses an answer file that is already in memory (tests and the fuzz targets use this).
  public static func parseAnswerFile(
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
}
