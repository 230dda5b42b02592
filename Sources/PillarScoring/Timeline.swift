import PillarModel

/// The organisation's posture over time: at each review date, every workload's latest release
/// reviewed by then, summed.
public struct PosturePoint: Sendable, Hashable {
  public var date: String
  public var workloads: Int
  public var averageScore: Int?
  public var highRisks: Int
  public var mediumRisks: Int
  public var failing: Int
}

public enum Timeline {
  public static func posture(_ evaluation: Evaluation) -> [PosturePoint] {
    let dates = Set(evaluation.workloads.flatMap { $0.workload.reviews.map(\.reviewed) }).filter { !$0.isEmpty }
      .sorted()
    return dates.map { date in
      let cards = evaluation.workloads.compactMap { result in
        Array(zip(result.workload.reviews, result.scorecards)).last { $0.0.reviewed <= date }?.1
      }
      let scores = cards.compactMap(\.score)
      return PosturePoint(
        date: date, workloads: cards.count, averageScore: scores.isEmpty ? nil : scores.reduce(0, +) / scores.count,
        highRisks: cards.reduce(0) { $0 + $1.highRisks }, mediumRisks: cards.reduce(0) { $0 + $1.mediumRisks },
        failing: cards.count { !$0.gate.passes })
    }
  }
}
