import ArgumentParser
import Foundation
import PillarDiagnostics
import PillarFormats
import PillarLoad

/// `pillar import-lens`: a Well-Architected Tool custom lens as Pillar's question set.
struct ImportLens: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import-lens",
    abstract: "Import one pillar of a Well-Architected Tool custom lens (JSON) as a question set.",
    discussion: """
      Writes questions/lens.md and one questions/<id>.md per question into the folder given by --into \
      (default: the current folder): choices become practices, the lens's risk rules are kept with each \
      question so answers score as the Tool scores them, and what Pillar's files do not hold is kept \
      under lens: so export-lens writes the lens back. Imports the pillar 'security' unless --pillar \
      names another. Existing question files are never overwritten. See docs/lenses.md. Exits 0, or 2 \
      when the lens cannot be carried over (the errors say where, as JSON paths).
      """)

  @Argument(help: ArgumentHelp("The lens JSON file.", valueName: "file"), completion: .file(extensions: ["json"]))
  var file: String

  @Option(help: ArgumentHelp("The pillar to import (default: security).", valueName: "id"))
  var pillar: String?

  @Option(help: ArgumentHelp("The workbook folder to write questions/ into.", valueName: "path"))
  var into: String = "."

  func run() throws {
    let url = URL(fileURLWithPath: file)
    guard let data = try? Data(contentsOf: url), data.count <= LensLimits.maximumBytes * 4 else {
      throw ValidationError("cannot read '\(file)' (or it is larger than \(LensLimits.maximumBytes * 4) bytes)")
    }
    let name = url.lastPathComponent
    let (lens, read) = LensReader.read(data, path: name)
    var diagnostics = read
    var output: LensImport.Output?
    if let lens {
      output = LensImport.convert(lens, pillar: pillar, path: name)
      diagnostics += output?.diagnostics ?? []
    }
    let console = Console()
    for diagnostic in diagnostics { console.err(diagnostic.formatted) }
    guard let output, !diagnostics.contains(where: { $0.severity == .error }) else {
      console.err("error: the lens was not imported; nothing was written")
      throw ExitCode(2)
    }
    let root = URL(fileURLWithPath: into)
    let manager = FileManager.default
    let clashes = output.files.map(\.path).filter { manager.fileExists(atPath: root.appendingPathComponent($0).path) }
    guard clashes.isEmpty else {
      throw ValidationError(
        "\(clashes.joined(separator: ", ")) already exist\(clashes.count == 1 ? "s" : ""); import into a new folder (--into)"
      )
    }
    try manager.createDirectory(at: root.appendingPathComponent("questions"), withIntermediateDirectories: true)
    for file in output.files {
      try Data(file.text.utf8).write(to: root.appendingPathComponent(file.path), options: .withoutOverwriting)
    }
    // A workbook to check at once: a classification scale and reviews/ when there are none yet.
    let scale = root.appendingPathComponent("questions/classification.md")
    if !manager.fileExists(atPath: scale.path) {
      try Data(LensImport.defaultClassification.utf8).write(to: scale, options: .withoutOverwriting)
    }
    try manager.createDirectory(at: root.appendingPathComponent("reviews"), withIntermediateDirectories: true)
    let questions = output.files.count - 1
    print(
      "imported \(questions) question\(questions == 1 ? "" : "s") from \(name) into \(root.appendingPathComponent("questions").path) (\(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s"))"
    )
  }
}

/// `pillar export-lens`: the question set as a custom lens the Tool accepts.
struct ExportLens: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-lens",
    abstract: "Export the question set as a Well-Architected Tool custom lens (JSON).",
    discussion: """
      One pillar holding every question; choices are the practices plus "None of these"; each \
      question's risk rules are its own, or Pillar's rule (highest missing practice) written as lens rules. \
      Every limit of the Tool is checked first: a question that would break one is an error naming it, \
      and nothing is written. See docs/lenses.md. Exits 0, or 2.
      """)

  @OptionGroup var workbook: WorkbookOptions

  @Option(help: ArgumentHelp("The pillar's id (default: the imported one, else security).", valueName: "id"))
  var pillarID: String?

  @Option(help: ArgumentHelp("Write the lens here instead of standard output.", valueName: "file"))
  var output: String?

  func run() throws {
    let checked = try CheckedWorkbook.load(
      root: URL(fileURLWithPath: workbook.root), date: workbook.date, environment: ProcessInfo.processInfo.environment,
      jobs: workbook.threads)
    try Diff.stopOnErrors(checked)
    let result = LensExport.export(checked.workbook.questionSet, pillarID: pillarID, siteURL: checked.config.siteURL)
    let console = Console()
    for problem in result.problems { console.err("error: \(problem)") }
    guard let json = result.json, result.problems.isEmpty else {
      console.err("error: the lens was not written: it would break the Tool's limits above")
      throw ExitCode(2)
    }
    if let output {
      try Data(json.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } else {
      print(json, terminator: "")
    }
  }
}
