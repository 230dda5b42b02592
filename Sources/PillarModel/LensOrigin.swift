/// What a Well-Architected Tool custom lens said about a question set, a question or a
/// practice that Pillar's own fields do not hold, kept by `pillar import-lens` under `lens:` so
/// that `pillar export-lens` writes the lens back as it came (`docs/lenses.md`).
package struct LensText: Sendable, Hashable {
  package var text: String
  package var url: String?

  package init(text: String, url: String?) {
    self.text = text
    self.url = url
  }
}

/// An entry of a choice's `additionalResources`.
package struct LensResource: Sendable, Hashable {
  /// `HELPFUL_RESOURCE` or `IMPROVEMENT_PLAN`.
  package var kind: String
  package var text: String
  package var url: String?

  package init(kind: String, text: String, url: String?) {
    self.kind = kind
    self.text = text
    self.url = url
  }
}

/// A practice's lens origin: the choice it came from.
package struct PracticeLens: Sendable, Hashable {
  package var id: String
  package var helpful: LensText?
  package var improvement: LensText?
  package var resources: [LensResource] = []

  package init(id: String, helpful: LensText?, improvement: LensText?, resources: [LensResource] = []) {
    self.id = id
    self.helpful = helpful
    self.improvement = improvement
    self.resources = resources
  }
}

/// A question's lens origin: its id, description and helpful resource, and its "none of these"
/// choice, which is no practice in Pillar.
package struct QuestionLens: Sendable, Hashable {
  package var id: String
  package var description: String?
  package var helpful: LensText?
  package var noneID: String?
  package var noneTitle: String?
  package var noneHelpful: LensText?
  package var noneImprovement: LensText?
  /// Its place in the lens's pillar (1-based): export keeps the lens's order, not Pillar's.
  package var position: Int?

  package init(
    id: String, description: String?, helpful: LensText?, noneID: String?, noneTitle: String?,
    noneHelpful: LensText? = nil, noneImprovement: LensText? = nil, position: Int? = nil
  ) {
    self.id = id
    self.description = description
    self.helpful = helpful
    self.noneID = noneID
    self.noneTitle = noneTitle
    self.noneHelpful = noneHelpful
    self.noneImprovement = noneImprovement
    self.position = position
  }
}

/// The lens and pillar a question set came from.
package struct SetLens: Sendable, Hashable {
  package var name: String
  package var description: String?
  package var pillarID: String
  package var pillarName: String

  package init(name: String, description: String?, pillarID: String, pillarName: String) {
    self.name = name
    self.description = description
    self.pillarID = pillarID
    self.pillarName = pillarName
  }
}
