import PillarDiagnostics

enum PillarDiagnosticsBridge {
  static func didYouMean(_ word: String, _ candidates: [String]) -> String {
    Suggestion.didYouMean(word, in: candidates)
  }
}
