/// Which ticks of an answer file cite evidence. A tick cites evidence when its item links to
/// something (a ticket, a dashboard, a document): the link is read from the parser's link nodes
/// (`PracticeAnswer.evidence`), never found by searching the text.
package enum Evidence {
  /// The practices `review` marks implemented whose items link to nothing.
  package static func unevidenced(in review: Review) -> [PracticeAnswer] {
    review.answers.flatMap(\.practices).filter { $0.mark == .implemented && $0.evidence.isEmpty }
  }
}
