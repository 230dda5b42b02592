import Foundation
import Testing

/// The two scales drawn as inline SVG with a text alternative: the classification scale and a
/// workload's defence in depth, from `required-from` and `layer:` of the fixture's practices.
@Suite struct PicturesTests {
  @Test func classificationScaleCountsRequiredPracticesCumulatively() throws {
    let bench = try Workbench()
    let (run, site) = try bench.build()
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("classification.html"), encoding: .utf8)
    // Q01-BP02 is required from confidential, the fixture's last level: nothing below it.
    #expect(
      page.contains(
        "<desc id=\"classification-scale-desc\">Public: 0 required; Internal: 0 required; Confidential: 1 required (+1)</desc>"
      ))
  }

  /// shop's latest release (2026.10) implements Q01-BP01 and Q01-BP03, misses Q01-BP02, and
  /// marks Q03-BP02 not applicable.
  @Test func defenceInDepthShowsEachLayersImplementedShare() throws {
    let bench = try Workbench()
    var text = try bench.read("questions/Q01-identity.md")
    for id in ["Q01-BP01", "Q01-BP02", "Q01-BP03"] {
      text = text.replacingOccurrences(of: "  - id: \(id)\n", with: "  - id: \(id)\n    layer: identity\n")
    }
    try bench.write("questions/Q01-identity.md", text)
    var data = try bench.read("questions/Q03-data.md")
    for id in ["Q03-BP01", "Q03-BP02"] {
      data = data.replacingOccurrences(of: "  - id: \(id)\n", with: "  - id: \(id)\n    layer: data\n")
    }
    try bench.write("questions/Q03-data.md", data)
    let (run, site) = try bench.build()
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOf: site.appendingPathComponent("workloads/shop/index.html"), encoding: .utf8)
    #expect(
      page.contains(
        "<desc id=\"shop-layers-desc\">Data: 1 of 1 (100 %) implemented; Identity: 2 of 3 (66 %) implemented</desc>"),
      "\(page.components(separatedBy: "Defence in depth").dropFirst().first?.prefix(600) ?? "")")
    try bench.write("questions/Q03-data.md", data.replacingOccurrences(of: "layer: data", with: "layer: disk"))
    #expect(
      try bench.diagnostics().contains {
        $0.contains("error: layer 'disk' is not one of edge, network, compute, application, data, identity")
      })
  }
}
