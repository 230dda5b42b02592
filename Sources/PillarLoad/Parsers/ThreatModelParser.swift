import PillarModel

enum ThreatModelParser {
  /// - Parameter defaultID: for a workload's own threat model, whose `id` may be left out.
  static func parse(_ document: Document, defaultID: String? = nil) -> ThreatModel? {
    let report = document.report
    let fields = document.fields
    let id = fields.identifier("id", required: defaultID == nil) ?? defaultID
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
      return Threat(id: threatID, title: threatTitle, mitigations: mitigations, location: threat.locationOf("id"))
    }
    fields.finish()
    let assets = document.requiredSection("Assets", allowEmpty: true)
    let boundaries = document.requiredSection("Trust boundaries", allowEmpty: true)
    let threatsText = document.requiredSection("Threats", allowEmpty: true)
    document.warnAboutSections(except: ["Assets", "Trust boundaries", "Threats"])
    guard let id, let title else { return nil }
    return ThreatModel(
      id: id, title: title, threats: threats, assets: assets, trustBoundaries: boundaries, threatsText: threatsText,
      location: report.location(1))
  }
}
