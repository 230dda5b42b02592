import Foundation
import Testing

/// OSCAL out (docs/oscal.md): the catalog and the assessment results load through
/// compliance-trestle's OSCAL models (Tests/Schemas/oscal_validate.py), and say what they should.
@Suite struct OSCALTests {
  static func validate(_ json: String, as kind: String) throws -> Run {
    try Run.python("Tests/Schemas/oscal_validate.py", [kind], input: json)
  }

  @Test(arguments: ["fixture", "shipped"])
  func bothDocumentsLoadThroughTrestle(_ workbook: String) throws {
    let root = workbook == "fixture" ? Repo.fixtures.appendingPathComponent("basic").path : Repo.root.path
    let date = workbook == "fixture" ? "2026-11-01" : "2026-11-29"
    let catalog = try Run.pillar(["export", "--root", root, "--date", date, "--format", "oscal-catalog"])
    #expect(catalog.status == 0, "\(catalog.stderr)")
    let loadedCatalog = try Self.validate(catalog.stdout, as: "catalog")
    #expect(loadedCatalog.status == 0, "\(loadedCatalog.stdout)")
    let results = try Run.pillar(["export", "--root", root, "--date", date, "--format", "oscal-results"])
    #expect(results.status == 0, "\(results.stderr)")
    let loadedResults = try Self.validate(results.stdout, as: "assessment-results")
    #expect(loadedResults.status == 0, "\(loadedResults.stdout)")
    if workbook == "fixture" {
      // Three questions of two or three practices; shop's three releases and ledger's one.
      #expect(loadedCatalog.stdout == "catalog: 3 groups, 7 controls\n")
      #expect(loadedResults.stdout == "assessment-results: 4 results, 28 findings\n")
    }
  }

  /// The checker is real: a document with a field OSCAL does not have is refused.
  @Test func theCheckerRefusesWhatOSCALDoesNotAllow() throws {
    let catalog = try Run.pillar([
      "export", "--root", Repo.fixtures.appendingPathComponent("basic").path, "--date", "2026-11-01", "--format",
      "oscal-catalog",
    ])
    let broken = catalog.stdout.replacingOccurrences(of: "\"class\" : \"practice\"", with: "\"klass\" : \"practice\"")
    #expect(broken != catalog.stdout)
    #expect(try Self.validate(broken, as: "catalog").status == 1)
  }

  /// A finding per practice, satisfied as the scorecard says; an open practice is a risk whose
  /// remediation is the improvement plan; notes are observations.
  @Test func findingsFollowTheScorecard() throws {
    let run = try Run.pillar([
      "export", "--root", Repo.fixtures.appendingPathComponent("basic").path, "--date", "2026-11-01", "--format",
      "oscal-results", "--workload", "shop",
    ])
    #expect(run.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let document = try #require(json["assessment-results"] as? [String: Any])
    let results = try #require(document["results"] as? [[String: Any]])
    #expect(results.map { $0["title"] as? String } == ["Shop front 2026.1", "Shop front 2026.9", "Shop front 2026.10"])
    let latest = try #require(results.last)
    let findings = try #require(latest["findings"] as? [[String: Any]])
    func state(_ id: String) -> String? {
      let finding = findings.first { ($0["target"] as? [String: Any])?["target-id"] as? String == id }
      return ((finding?["target"] as? [String: Any])?["status"] as? [String: Any])?["state"] as? String
    }
    // 2026.10: Q01-BP01 ticked, Q01-BP02 missing and risk-accepted (an accepted risk is not in
    // place: not satisfied, but no open risk), Q03-BP02 not applicable.
    #expect(state("Q01-BP01") == "satisfied")
    #expect(state("Q01-BP02") == "not-satisfied")
    #expect(state("Q03-BP02") == "satisfied")
    let observations = try #require(latest["observations"] as? [[String: Any]])
    #expect(observations.contains { $0["description"] as? String == "Enforced by the IdP policy." })
    let risks = (latest["risks"] as? [[String: Any]]) ?? []
    #expect(!risks.contains { ($0["title"] as? String)?.hasPrefix("Q01-BP02") == true })
    // Deterministic: the same inputs, the same bytes (uuids derived from names, not random).
    let again = try Run.pillar([
      "export", "--root", Repo.fixtures.appendingPathComponent("basic").path, "--date", "2026-11-01", "--format",
      "oscal-results", "--workload", "shop",
    ])
    #expect(again.stdout == run.stdout)
  }
}
