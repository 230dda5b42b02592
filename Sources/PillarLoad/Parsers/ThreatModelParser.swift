import PillarDiagnostics
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
      let stride = strideCategories(threat, report: report)
      let priority = QuestionParser.risk(threat, "priority", required: false, report: report)
      let prerequisites = threat.text("prerequisites", required: false)
      let impact = threat.text("impact", required: false)
      guard let threatID, let threatTitle else { return nil }
      if !seen.insert(threatID).inserted {
        report.error("duplicate-id", "threat '\(threatID)' is listed twice", at: threat.locationOf("id"))
      }
      // A statement without its parts still loads (older workbooks), but says what it lacks.
      let missing = [
        ("stride", stride.isEmpty), ("priority", priority == nil), ("prerequisites", prerequisites == nil),
        ("impact", impact == nil),
      ].filter(\.1).map(\.0)
      if !missing.isEmpty {
        report.warning(
          "incomplete-threat",
          "threat '\(threatID)' has no \(missing.joined(separator: ", ")); a threat statement names its STRIDE categories, priority, prerequisites and impact",
          at: threat.locationOf("id"))
      }
      var result = Threat(id: threatID, title: threatTitle, mitigations: mitigations, location: threat.locationOf("id"))
      result.stride = stride
      result.priority = priority
      result.prerequisites = prerequisites
      result.impact = impact
      return result
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

  /// `stride: [spoofing, tampering]`: each value one of the six categories, each once.
  static func strideCategories(_ fields: Fields, report: Report) -> [StrideCategory] {
    var result: [StrideCategory] = []
    let names = StrideCategory.allCases.map(\.rawValue)
    for reference in fields.references("stride") {
      let name = reference.id
      guard let category = StrideCategory(rawValue: name) else {
        report.error(
          "invalid-value",
          "stride '\(name)' is not one of \(names.joined(separator: ", "))\(Suggestion.didYouMean(name, in: names))",
          at: reference.location)
        continue
      }
      if !result.contains(category) { result.append(category) }
    }
    return result
  }
}
