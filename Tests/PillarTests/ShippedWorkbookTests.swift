import Foundation
import PillarCommands
import PillarModel
import Testing

/// The question set and example reviews that ship in `questions/` and `reviews/`.
@Suite struct ShippedWorkbookTests {
  static func load() throws -> CheckedWorkbook {
    try CheckedWorkbook.load(root: Repo.root, date: nil, environment: [:])
  }

  @Test func isValidWithoutWarnings() throws {
    #expect(try Self.load().diagnostics.map(\.formatted) == [])
  }

  @Test func hasTheShapeOfTheSecurityPillar() throws {
    let set = try Self.load().workbook.questionSet
    #expect(set.questions.map(\.id) == (1...11).map { String(format: "SEC%02d", $0) })
    let practices = set.questions.flatMap(\.practices)
    #expect(practices.count == 63)
    #expect(Set(practices.map(\.id)).count == 63)
    #expect(practices.count { $0.risk == .high } == 30)
    #expect(practices.count { $0.risk == .medium } == 28)
    #expect(practices.count { $0.risk == .low } == 5)
    for practice in practices {
      #expect(practice.guidance.map { !$0.isBlank } == true, "\(practice.id) has no guidance")
    }
    for question in set.questions {
      for part in [question.rationale.what, question.rationale.how, question.rationale.why] {
        #expect(!part.isBlank, "\(question.id) lacks What, How or Why")
      }
    }
    #expect((6...10).contains(set.objectives.count))
    for objective in set.objectives {
      #expect(!set.questions(measuring: objective.id).isEmpty, "\(objective.id) is measured by no question")
      for part in [objective.rationale.what, objective.rationale.how, objective.rationale.why] {
        #expect(!part.isBlank, "\(objective.id) lacks What, How or Why")
      }
    }
    let levels = set.levels.map(\.id)
    #expect(levels == ["public", "internal", "confidential", "restricted"])
    for practice in practices {
      if let level = practice.requiredFrom { #expect(levels.contains(level.id)) }
    }
    #expect(Set(ControlFamily.allCases).isSubset(of: Set(set.questions.map(\.control))))
    #expect(set.threatModels.count >= 3)
  }

  @Test func exampleReviewsTellTheStory() throws {
    let checked = try Self.load()
    let workloads = checked.evaluation.workloads
    #expect(workloads.count == 4)
    #expect(Set(workloads.map(\.workload.classification.id)) == ["public", "internal", "confidential", "restricted"])
    for result in workloads {
      #expect((2...3).contains(result.scorecards.count), "\(result.workload.id)")
      #expect(result.workload.threatModel != nil)
    }
    let reviews = workloads.flatMap(\.workload.reviews)
    #expect(reviews.contains { !$0.acceptances.isEmpty })
    #expect(reviews.contains { !$0.improvements.isEmpty })
    #expect(
      reviews.flatMap(\.answers).flatMap(\.practices).contains {
        if case .notApplicable = $0.mark { true } else { false }
      })
    #expect(workloads.contains { $0.latest?.gate.passes == true })
    #expect(workloads.contains { $0.latest?.gate.passes == false })
    let deltas = workloads.flatMap(\.deltas)
    #expect(deltas.contains { !$0.regressions.isEmpty }, "a delta page shows a regression")
    #expect(
      deltas.contains { $0.resolvedRisks.contains { $0.from == .high } }, "a delta page shows a resolved high risk")
  }
}
