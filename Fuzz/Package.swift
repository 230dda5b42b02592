// swift-tools-version: 6.0
// libFuzzer targets for Pillar's parsers, in a package of their own because a fuzz target inside
// the main package breaks `swift test`'s link. SwiftPM names a path dependency after its folder,
// so the main package is reached through the link `Pillar` -> `..`, whatever the checkout is
// called. Build and run with Fuzz/run (see docs/security.md).
import PackageDescription

let package = Package(
  name: "PillarFuzz",
  dependencies: [.package(path: "Pillar")],
  targets: [
    .executableTarget(
      name: "PillarFuzz",
      dependencies: [
        .product(name: "PillarFuzzTargets", package: "Pillar")
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
