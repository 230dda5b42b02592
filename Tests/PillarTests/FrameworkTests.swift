import Foundation
import PillarModel
import Testing

/// Framework references (docs/frameworks.md): ids checked against each framework's form and
/// list, team frameworks from questions/frameworks.md, a page per framework with its coverage.
@Suite struct FrameworkTests {
  static let q01 = "questions/Q01-identity.md"

  @Test func theBuiltInListsAreComplete() {
    let counts = Dictionary(uniqueKeysWithValues: Framework.builtIn.map { ($0.id, Set($0.controls.map(\.id)).count) })
    #expect(counts == ["nist-csf-2.0": 106, "iso-27001-2022": 93, "cis-v8": 153])
    for framework in Framework.builtIn {
      #expect(framework.controls.allSatisfy { framework.isWellFormed($0.id) }, "\(framework.id)")
    }
  }

  @Test(arguments: [
    (
      "nist-csf: [PR.AA-03]",
      "questions/Q01-identity.md:13:18: error: 'nist-csf' is not a framework; frameworks are nist-csf-2.0, iso-27001-2022, cis-v8 and those of questions/frameworks.md [unknown-framework]"
    ),
    (
      "nist-csf-2.0: [PR.AA-3]",
      "questions/Q01-identity.md:13:22: error: 'PR.AA-3' is not written as a NIST Cybersecurity Framework 2.0 id (such as PR.AA-01) [unknown-control]"
    ),
    (
      "nist-csf-2.0: [PR.AA-09]",
      "questions/Q01-identity.md:13:22: error: 'PR.AA-09' is not a control of NIST Cybersecurity Framework 2.0; did you mean 'PR.AA-01'? [unknown-control]"
    ),
  ])
  func aReferenceIsCheckedAtItsLine(_ line: String, _ expected: String) throws {
    let bench = try Workbench()
    try bench.write(
      Self.q01, try bench.read(Self.q01).replacingOccurrences(of: "nist-csf-2.0: [PR.AA-03]", with: line))
    #expect(try bench.diagnostics() == [expected])
  }

  @Test func aTeamFrameworkIsCheckedByItsPatternAndList() throws {
    let bench = try Workbench()
    try bench.write(
      "questions/frameworks.md",
      "---\nframeworks:\n  - id: pci-dss-4\n    title: PCI DSS v4.0\n    id-format: [\"#.#\", \"#.#.#\", \"#.#.#.#\"]\n    controls:\n      - id: \"8.4.2\"\n        title: MFA for all access into the cardholder data environment\n---\n"
    )
    try bench.write(
      Self.q01,
      try bench.read(Self.q01).replacingOccurrences(
        of: "      cis-v8: [6.3, 6.5]", with: "      cis-v8: [6.3, 6.5]\n      pci-dss-4: [\"8.4.2\", \"8.4.x\"]"))
    #expect(
      try bench.diagnostics() == [
        "questions/Q01-identity.md:15:28: error: '8.4.x' is not written as a PCI DSS v4.0 id (such as 8.4.2) [unknown-control]"
      ])
    let (run, site) = try bench.build()
    #expect(run.status == 2)
    try bench.write(Self.q01, try bench.read(Self.q01).replacingOccurrences(of: ", \"8.4.x\"", with: ""))
    let (built, output) = try bench.build()
    #expect(built.status == 0, "\(built.stderr)")
    let page = try String(contentsOf: output.appendingPathComponent("frameworks/pci-dss-4.html"), encoding: .utf8)
    #expect(page.contains("<h1>PCI DSS v4.0</h1>"))
    #expect(page.contains("1 of 1 controls are addressed by at least one practice"))
    _ = site
  }

  /// Each control with the practices that address it and the workloads that have them all in
  /// place: shop has Q01-BP01 at its latest release, ledger too; neither has a practice for an
  /// unmapped control.
  /// An id format is matched in one pass: a format that would make a regular expression
  /// backtrack for ever stays linear.
  @Test func idFormatsMatchWholeIDsInOnePass() {
    let pci = IDFormat("#.#.#")
    #expect(pci.matches("8.4.2") && pci.matches("12.10.1"))
    #expect(!pci.matches("8.4") && !pci.matches("8.4.2.1") && !pci.matches("8.x.2") && !pci.matches(""))
    let nist = IDFormat("A-#\\(#\\)")
    #expect(nist.matches("AC-2(1)") && !nist.matches("ac-2(1)") && !nist.matches("AC-2"))
    let long = String(repeating: "1", count: 100_000) + "x"
    #expect(!IDFormat("#").matches(long))
  }

  @Test func theFrameworkPageShowsCoverage() throws {
    let (run, site) = try Workbench().build()
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("frameworks/cis-v8.html"), encoding: .utf8)
    #expect(page.contains("2 of 153 controls are addressed by at least one practice"))
    #expect(
      page.contains(
        "<tr id=\"c-6.3\"><th scope=\"row\">6.3</th><td data-label=\"Addressed by\"><ul class=\"plain\"><li><a href=\"../questions/Q01.html#Q01-BP01\">Q01-BP01</a> Use strong sign-in</li></ul></td><td data-label=\"Workloads covering it\">2 of 2</td></tr>"
      ))
    #expect(
      page.contains(
        "<tr id=\"c-1.1\"><th scope=\"row\">1.1</th><td data-label=\"Addressed by\"><span class=\"note\">No practice</span>"
      ))
    let nist = try String(contentsOf: site.appendingPathComponent("frameworks/nist-csf-2.0.html"), encoding: .utf8)
    #expect(nist.contains("<span class=\"statement\">Users, services, and hardware are authenticated"))
    // A framework no practice references gets no page.
    #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("frameworks/iso-27001-2022.html").path))
    let scorecard = try String(contentsOf: site.appendingPathComponent("workloads/shop/2026.10.html"), encoding: .utf8)
    #expect(
      scorecard.contains("<p class=\"references note\">Maps to NIST CSF 2.0 PR.AA-03 · CIS v8 6.3 · CIS v8 6.5</p>"))
  }
}
