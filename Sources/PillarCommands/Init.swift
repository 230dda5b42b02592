import ArgumentParser
import Foundation
import PillarLoad

/// `pillar init`: a new workbook repository, started from the question set and templates of the
/// workbook it is run in (for example this repository's), with an empty `reviews/`, the strict
/// default `pillar.yml`, a CI workflow and a CODEOWNERS that gives the rules to the security team.
struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Start a new workbook repository from this workbook's question set and templates.",
    discussion: """
      Writes <folder>/questions/ and templates/ (copied from the workbook pillar runs in), an empty \
      reviews/, pillar.yml with the default gate, .github/workflows/security-review.yml (the gate on pull \
      requests, the site on merge, Pillar's version pinned) and .github/CODEOWNERS giving questions/, \
      templates/ and pillar.yml to the security team. The folder must be new or empty. pillar new adds each \
      new workload's folder to CODEOWNERS with its owner.
      """)

  @OptionGroup var workbook: WorkbookOptions

  @Argument(
    help: ArgumentHelp("The new workbook's folder (new or empty).", valueName: "folder"), completion: .directory)
  var folder: String

  @Option(help: ArgumentHelp("Who owns the question set and the policy in CODEOWNERS.", valueName: "team"))
  var securityTeam = "@security-team"

  @Flag(name: .shortAndLong, help: "Print nothing but errors.")
  var quiet = false

  func run() throws {
    let manager = FileManager.default
    let source = URL(fileURLWithPath: workbook.root)
    let target = URL(fileURLWithPath: folder)
    if manager.fileExists(atPath: target.path) {
      let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? ["?"]
      guard contents.filter({ $0 != ".git" }).isEmpty else {
        throw ValidationError("'\(folder)' is not empty; pillar init starts a workbook in a new or empty folder")
      }
    }
    try manager.createDirectory(at: target.appendingPathComponent("reviews"), withIntermediateDirectories: true)
    for part in ["questions", "templates"] {
      try manager.copyItem(at: source.appendingPathComponent(part), to: target.appendingPathComponent(part))
    }
    let files: [(String, String)] = [
      (
        "reviews/README.md",
        "One folder per workload: `pillar new <workload> --owner <team> --classification <level>`.\n"
      ),
      (ProjectConfig.fileName, Self.policy),
      (".github/workflows/security-review.yml", Self.workflow(version: Pillar.configuration.version)),
      (".github/CODEOWNERS", Self.codeowners(team: securityTeam)),
    ]
    for (path, text) in files {
      let url = target.appendingPathComponent(path)
      try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .withoutOverwriting)
    }
    guard !quiet else { return }
    print("started a workbook in \(target.path): questions/ and templates/ from \(source.standardizedFileURL.path)")
    print("next: cd \(folder) && git init && pillar new <workload> --owner <team> --classification <level>")
  }

  static let policy = """
    # Pillar's settings for this workbook. Command-line flags override them.
    # site-url: https://security.example.com/posture/

    # What fails the path-to-production gate (pillar check exits 1): the defaults, which fail closed.
    gate:
      high-risks: true
      unanswered: true
      medium-risks: false
      missing-required: false
      expired-acceptances: false
      outdated-question-set: false
      overdue-review: false
      overdue-incident-actions: false
      unaddressed-incidents: false
      unevidenced-practices: false
      # open-threats-from: confidential       # a level: open threats fail from it up
      # accepted-required-from: restricted    # a level: required practices cannot be accepted from it up

    """

  static func codeowners(team: String) -> String {
    """
    # The security team owns the rules every workload is judged by; each workload's folder is
    # owned by its team (pillar new adds a line for each new workload).
    /questions/ \(team)
    /templates/ \(team)
    /pillar.yml \(team)
    /.github/ \(team)

    """
  }

  /// The gate on pull requests (judged by the base's rules) and the site on merge, with the
  /// version of Pillar pinned: a new rule reaches teams as a reviewed change of this file.
  static func workflow(version: String) -> String {
    """
    name: security-review
    on:
      pull_request:
        paths: [questions/**, reviews/**, templates/**, pillar.yml]
      push:
        branches: [main]

    env:
      PILLAR_VERSION: "\(version)"   # the version of Pillar the gate runs; change it by pull request

    jobs:
      gate:
        if: github.event_name == 'pull_request'
        runs-on: ubuntu-latest
        permissions: { contents: read, pull-requests: write, security-events: write }
        steps:
          - uses: actions/checkout@v4
            with: { fetch-depth: 0 }   # --changed-since, --policy-from and --against need the base
          - uses: actions/checkout@v4
            with: { repository: "${{ vars.PILLAR_REPOSITORY }}", ref: "v${{ env.PILLAR_VERSION }}", path: .pillar }
          - run: .pillar/scripts/setup && echo "$PWD/.pillar/.build/debug" >> "$GITHUB_PATH"
          - name: Gate the workloads this pull request changes
            run: >-
              pillar check --changed-since origin/${{ github.base_ref }} --policy-from origin/${{ github.base_ref }}
              --format github --date "$(date -u +%F)"
          - name: Comment how the pull request changes posture
            if: always()
            run: |
              pillar diff --against origin/${{ github.base_ref }} --format markdown --date "$(date -u +%F)" > posture.md
              gh pr comment ${{ github.event.pull_request.number }} --body-file posture.md --edit-last || \\
                gh pr comment ${{ github.event.pull_request.number }} --body-file posture.md
            env: { GH_TOKEN: "${{ github.token }}" }

      publish:
        if: github.event_name == 'push'
        runs-on: ubuntu-latest
        permissions: { contents: read, security-events: write }
        steps:
          - uses: actions/checkout@v4
          - uses: actions/checkout@v4
            with: { repository: "${{ vars.PILLAR_REPOSITORY }}", ref: "v${{ env.PILLAR_VERSION }}", path: .pillar }
          - run: .pillar/scripts/setup && echo "$PWD/.pillar/.build/debug" >> "$GITHUB_PATH"
          - run: pillar check --format sarif --date "$(date -u +%F)" > pillar.sarif || true
          - uses: github/codeql-action/upload-sarif@v3
            with: { sarif_file: pillar.sarif }
          - run: pillar build --output site --date "$(date -u +%F)"

    """
  }
}
