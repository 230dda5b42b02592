/// Pillar's version: printed by `--version`, written into SARIF and the build cache, and pinned
/// by the CI workflow `pillar init` writes.
package enum PillarVersion {
  package static let current = "0.1.0"
}
