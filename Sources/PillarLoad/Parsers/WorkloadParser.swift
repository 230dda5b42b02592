import PillarModel

enum WorkloadParser {
  static func parse(_ document: Document, id: String) -> Workload? {
    let fields = document.fields
    let name = fields.text("name")
    let owner = fields.text("owner")
    let classification = fields.reference("classification")
    let environments = fields.texts("environments")
    let tags = fields.texts("tags")
    let accounts = fields.references("accounts")
    for account in accounts
    where !(account.id.utf8.count == 12 && account.id.utf8.allSatisfy { (0x30...0x39).contains($0) }) {
      document.report.error(
        "invalid-value", "account '\(account.id)' is not a 12-digit AWS account id",
        at: account.location)
    }
    let threatModel = fields.reference("threat-model", required: false)
    let named = fields.references("threat-models")
    if threatModel != nil && !named.isEmpty {
      document.report.error(
        "invalid-value", "give either 'threat-model: <id>' or 'threat-models: [<id>, …]', not both",
        at: fields.locationOf("threat-models"))
    }
    let retired = fields.date("retired", required: false)
    let reason = fields.text("retired-reason", required: retired != nil)
    if retired == nil, reason != nil {
      document.report.error(
        "missing-field", "'retired-reason' needs 'retired: <date>' beside it", at: fields.locationOf("retired-reason"))
    }
    fields.finish()
    document.refusePlaceholders("describe the workload in its place: what it does, who uses it, what data it holds")
    let description = document.text(
      from: document.introduction.location.line, at: document.introduction.location)
    // Missing fields are reported above; keep the workload so its answer files are checked too.
    var workload = Workload(
      id: id, name: name ?? id, owner: owner ?? "",
      classification: classification ?? Reference("", at: fields.location), environments: environments, tags: tags,
      threatModels: threatModel.map { [$0] } ?? named, description: description, location: document.report.location(1),
      retirement: retired.flatMap { date in reason.map { Workload.Retirement(date: date, reason: $0) } })
    workload.accounts = accounts.map(\.id)
    return workload
  }
}
