import PillarModel
import PillarRecords
import PillarTemplate

/// `frameworks/<id>.html`: every control of a framework, the practices that address it and how
/// many workloads have all of them in place at their latest release (`docs/frameworks.md`).
enum FrameworkPage {
  /// The frameworks worth a page: every one a practice references, and every declared one.
  static func shown(_ set: QuestionSet) -> [Framework] {
    let referenced = Set(set.questions.flatMap(\.practices).flatMap(\.references).map(\.framework))
    let builtIn = Set(Framework.builtIn.map(\.id))
    return set.frameworks.filter { referenced.contains($0.id) || !builtIn.contains($0.id) }
  }

  static func spec(_ framework: Framework, organisation: Organisation) -> PageSpec {
    let set = organisation.questionSet
    let practices = set.questions.flatMap(\.practices)
    var addressing: [String: [BestPractice]] = [:]
    for practice in practices {
      for reference in practice.references where reference.framework == framework.id {
        addressing[reference.control, default: []].append(practice)
      }
    }
    // The list the framework publishes, then any referenced id it does not have (a declared
    // framework may give only the form of its ids).
    var controls = framework.controls
    let listed = Set(controls.map(\.id))
    controls += addressing.keys.filter { !listed.contains($0) }.sorted().map { Framework.Control(id: $0, title: nil) }
    // Each workload's practices in place (implemented or not applicable) at its latest release.
    let workloads = organisation.latest.map { _, card in
      Set(
        card.questions.flatMap(\.practices).filter { $0.state == .implemented || $0.state == .notApplicable }.map(\.id))
    }
    let rows = controls.map { control -> TemplateContext in
      let mapped = addressing[control.id] ?? []
      let covering = mapped.isEmpty ? 0 : workloads.count { inPlace in mapped.allSatisfy { inPlace.contains($0.id) } }
      return [
        "id": control.id, "title": control.title ?? "", "addressed": !mapped.isEmpty,
        "practices": mapped.map {
          ["id": $0.id, "title": $0.title, "href": ScorecardPage.practiceHref($0.id, set: set)] as TemplateContext
        },
        "covering": covering, "workloads": workloads.count,
      ]
    }
    let addressed = controls.count { addressing[$0.id] != nil }
    let context: TemplateContext = [
      "id": framework.id, "title": framework.title, "rows": rows, "controlCount": controls.count,
      "addressedCount": addressed, "referenceCount": addressing.values.reduce(0) { $0 + $1.count },
      "hasTitles": controls.contains { $0.title != nil },
    ]
    return PageSpec(
      path: Paths.framework(framework.id), title: framework.title, template: "framework", context: context,
      section: "questions", searchable: true)
  }

  /// A practice's references in words, for the question page and the scorecard.
  static func references(_ practice: BestPractice, set: QuestionSet) -> [TemplateContext] {
    practice.references.map { reference in
      [
        "framework": set.framework(reference.framework)?.title ?? reference.framework, "control": reference.control,
        "href": Paths.framework(reference.framework) + "#" + anchor(reference.control),
      ]
    }
  }

  /// A control id as a fragment: ids hold dots, which are fine in HTML ids.
  static func anchor(_ control: String) -> String { "c-" + control }
}
