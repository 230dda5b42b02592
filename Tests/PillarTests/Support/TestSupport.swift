import Foundation
import PillarCommands
import PillarDiagnostics
import PillarLoad
import PillarModel
import PillarScoring
import Testing

/// Paths of the package, found from this file so tests run from any working directory.
enum Repo {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = root.appendingPathComponent("Tests/Fixtures")
  static let templates = root.appendingPathComponent("templates")
  static let golden = root.appendingPathComponent("Tests/PillarTests/Golden")

  /// The `pillar` executable SwiftPM built next to the test bundle.
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pillar")
  }
}

/// A scratch copy of a fixture workbook that a test may change.
final class Workbench {
  let root: URL

  init(fixture: String = "basic") throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("pillar-test-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent(fixture), to: root)
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  func write(_ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func remove(_ path: String) throws {
    try FileManager.default.removeItem(at: root.appendingPathComponent(path))
  }

  func read(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  func checked(date: String? = "2026-11-01") throws -> CheckedWorkbook {
    try CheckedWorkbook.load(root: root, date: date, environment: [:], jobs: 2)
  }

  /// Runs git in the workbook, as a user with a name, and expects it to succeed.
  func git(_ arguments: String...) throws {
    let run = try Run.run(
      URL(fileURLWithPath: "/usr/bin/env"), ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments,
      in: root)
    #expect(run.status == 0, "git \(arguments): \(run.stderr)")
  }

  /// Commits everything staged, as made on `day` (author and committer).
  func commit(on day: String) throws {
    let stamp = "\(day)T12:00:00+00:00"
    let run = try Run.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", day],
      environment: ["GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp], in: root)
    #expect(run.status == 0, "git commit: \(run.stderr)")
  }

  /// Runs `pillar build` on the workbook with the repository's templates, dated 2026-11-01
  /// unless told otherwise, into `output` (a new temporary folder by default).
  @discardableResult
  func build(to output: URL = temporaryFolder(), date: String? = "2026-11-01") throws -> (run: Run, site: URL) {
    var arguments = ["build", "--root", root.path, "--templates", Repo.templates.path, "--output", output.path]
    if let date { arguments += ["--date", date] }
    return (try Run.pillar(arguments), output)
  }

  /// Every diagnostic, formatted as pillar prints it.
  func diagnostics() throws -> [String] {
    try checked().diagnostics.map(\.formatted)
  }
}

/// Runs a process to completion and captures what it printed.
struct Run {
  var status: Int32
  var stdout: String
  var stderr: String

  @discardableResult
  static func pillar(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> Run
  {
    try run(Repo.binary, arguments, environment: environment, in: directory)
  }

  static func run(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
  ) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "SOURCE_DATE_EPOCH")
    env.merge(environment) { $1 }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes drained at once: a command that fills one (thousands of warnings) while the
    // other is read to its end would wait for ever.
    let errData = Drain(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData.wait(), as: UTF8.self))
  }
}

extension Run {
  /// A Python script of the repository (a checker), given `input` on standard input; what it
  /// prints, both streams together, is `stdout`.
  static func python(_ script: String, _ arguments: [String], input: String) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Repo.root.appendingPathComponent(script).path] + arguments
    let stdin = Pipe()
    let output = Pipe()
    process.standardInput = stdin
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let drained = Drain(output.fileHandleForReading)
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: drained.wait(), as: UTF8.self), stderr: "")
  }
}

/// Reads a pipe to its end on a thread of its own.
final class Drain: @unchecked Sendable {
  // Written by the reading thread before `done` is signalled, read after: the semaphore orders them.
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}

/// Writes a synthetic workbook with the benchmark's generator (bench/generate.py).
func generateWorkbook(at folder: URL, workloads: Int, releases: Int) throws {
  let run = try Run.run(
    URL(fileURLWithPath: "/usr/bin/env"),
    [
      "python3", Repo.root.appendingPathComponent("bench/generate.py").path, "--out", folder.path, "--workloads",
      String(workloads), "--releases", String(releases),
    ])
  #expect(run.status == 0, "\(run.stderr)")
}

/// A folder of this test process's own, removed when it exits: a build leaves files beside its
/// output (the lock, the previous site it keeps for the next build), which a test's cleanup of
/// the output alone would leave behind in the system's temporary folder.
let testOutputs: URL = {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pillar-tests-\(getpid())")
  try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  atexit { try? FileManager.default.removeItem(at: testOutputs) }
  return folder
}()

func temporaryFolder() -> URL {
  testOutputs.appendingPathComponent("out-\(UUID().uuidString)")
}

/// Whether `url` is a file (not a folder, which a site's dot-folders also look like by name).
func isFile(_ url: URL) -> Bool {
  var folder: ObjCBool = false
  return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && !folder.boolValue
}
