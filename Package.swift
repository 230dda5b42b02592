// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Pillar",
  // Linux is where Pillar is built and tested (Glibc, renameat2, posix_spawn); macOS 15 is the
  // first with the Synchronization module's Mutex.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "pillar", targets: ["pillar"]),
    // For the libFuzzer driver in Fuzz/, which lives in its own package.
    .library(name: "PillarFuzzTargets", targets: ["PillarFuzzTargets"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Test references only, pinned: the tests compare Pillar's YAML composer and template engine
    // with them, and a reference that moves under the tests would move what "right" means.
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
  ],
  targets: [
    // libcmark from Debian's libcmark-dev; only PillarMarkdown/Cmark.swift imports it.
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]
    ),
    // libyaml from Debian's libyaml-dev: front matter is composed from its events
    // (Sources/PillarLoad/YAMLTree.swift), so anchors, aliases and tags are refused structurally.
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    // SHA-256 for the build cache's fingerprints, from Debian's libssl-dev.
    .systemLibrary(
      name: "CCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    // renameat2(RENAME_EXCHANGE) for the atomic swap of the site, which Swift's Glibc module hides.
    .target(name: "CSystemCalls"),
    .target(name: "PillarDiagnostics"),
    .target(name: "PillarParallel"),
    .target(name: "PillarMarkdown", dependencies: ["CCmark"]),
    .target(name: "PillarModel", dependencies: ["PillarDiagnostics"]),
    .target(
      name: "PillarLoad",
      dependencies: [
        "PillarModel", "PillarDiagnostics", "PillarMarkdown", "PillarScoring", "PillarParallel", "CLibYAML",
      ]
    ),
    .target(name: "PillarScoring", dependencies: ["PillarModel", "PillarParallel", "PillarDiagnostics"]),
    // Typed records of scorecards and summaries, and their JSON and CSV writers: what the
    // organisation pages, the cache, `check --format json` and `export` share.
    .target(name: "PillarRecords", dependencies: ["PillarModel", "PillarScoring", "PillarParallel"]),
    // Figures over time for leadership (docs/metrics.md): risk lifecycles, cadence, pass rates,
    // coverage; the command's JSON, CSV and text and the site's metrics page read the same values.
    .target(name: "PillarMetrics", dependencies: ["PillarModel", "PillarScoring", "PillarRecords", "PillarParallel"]),
    // The Mustache engine the site renders with (see docs/performance.md for why it replaced
    // swift-mustache, which the tests keep as the reference it is compared with).
    .target(name: "PillarTemplate"),
    .target(
      name: "PillarSite",
      dependencies: [
        "PillarModel", "PillarScoring", "PillarRecords", "PillarMarkdown", "PillarDiagnostics", "PillarParallel",
        "PillarTemplate", "PillarMetrics",
        "CSystemCalls",
      ]
    ),
    // The build as a library: the streaming pipeline from inventory to publish, and its cache.
    .target(
      name: "PillarPipeline",
      dependencies: [
        "PillarLoad", "PillarModel", "PillarScoring", "PillarRecords", "PillarSite", "PillarDiagnostics",
        "PillarParallel", "PillarFormats",
        "CCrypto",
      ]
    ),
    // The field's formats in and out: Well-Architected Tool custom lenses, OSCAL (docs/lenses.md,
    // docs/oscal.md).
    .target(
      name: "PillarFormats",
      dependencies: ["PillarModel", "PillarDiagnostics", "PillarMarkdown", "PillarScoring", "CCrypto"]
    ),
    .target(
      name: "PillarCommands",
      dependencies: [
        "PillarLoad", "PillarScoring", "PillarRecords", "PillarSite", "PillarDiagnostics", "PillarParallel",
        "PillarPipeline", "PillarMetrics", "PillarFormats",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "pillar", dependencies: ["PillarCommands"]),
    .target(name: "PillarFuzzTargets", dependencies: ["PillarLoad", "PillarMarkdown"]),
    .testTarget(
      name: "PillarTests",
      dependencies: [
        "PillarMarkdown", "PillarDiagnostics", "PillarModel", "PillarLoad",
        "PillarScoring", "PillarRecords", "PillarSite", "PillarCommands", "PillarFuzzTargets", "PillarTemplate",
        "PillarPipeline", "PillarMetrics", "PillarFormats",
        .product(name: "Mustache", package: "swift-mustache"),
        // The YAML reader Pillar's own composer is compared with.
        .product(name: "Yams", package: "Yams"),
      ],
      exclude: ["Golden"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
