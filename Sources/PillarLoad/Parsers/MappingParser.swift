import PillarModel

/// `questions/mappings.md`: how practice ids changed between versions of the question set.
enum MappingParser {
  static func parse(_ document: Document) -> [VersionMapping] {
    let report = document.report
    let mappings = document.fields.entries("mappings", required: true, what: "a mapping") { entry -> VersionMapping? in
      let from = entry.text("from")
      let to = entry.text("to")
      let practices = entry.pairs("practices")
      guard let from, let to else { return nil }
      if from == to {
        report.error("invalid-value", "a mapping must go from one version to another", at: entry.locationOf("to"))
      }
      return VersionMapping(from: from, to: to, practices: practices)
    }
    document.fields.finish()
    return mappings
  }
}
