import PillarModel

enum ThreatModelParser {
  static func parse(_ document: Document) -> ThreatModel? {
    let report = document.report
    let fields = document.fields
    let id = fields.identifier("id")
    let title = fields.text("title")
    var seen: Set<String> = []
    let threats = fields.entries("threats", required: true, what: "a threat") { threat -> Threat? in
      let threatID = threat.identifier("id")
      let threatTitle = threat.text("title")
      let mitigations = threat.references("mitigations", required: true)
      guard let threatID, let threatTitle else { return nil }
      if !seen.insert(threatID).inserted {
        report.error("duplicate-id", "threat '\(threatID)' is listed twice", at: threat.locationOf("id"))
      }
      return Threat(id: threatID, title: threatTitle, mitigations: mitigations)
    }
    fields.finish()
    func part(_ name: String) -> MarkdownText {
      guard let section = document.section(titled: name) else {
        report.error("missing-section", "section '## \(name)' is missing", at: report.location(1))
        return MarkdownText("", at: report.location(1))
      }
      return document.text(of: section)
    }
    let assets = part("Assets")
    let boundaries = part("Trust boundaries")
    let threatsText = part("Threats")
    document.warnAboutSections(except: ["Assets", "Trust boundaries", "Threats"])
    guard let id, let title else { return nil }
    return ThreatModel(
      id: id, title: title, threats: threats, assets: assets, trustBoundaries: boundaries, threatsText: threatsText,
      location: report.location(1))
  }
}
