// swift-tools-version: 6.1
import PackageDescription

// Stage targets depend only "down" toward DistillModel; the `Distill` facade wires them,
// and the `distill` executable is a thin shell over the facade.
let package = Package(
  name: "Distill",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "Distill", targets: ["Distill"]),
    .executable(name: "distill", targets: ["distill"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .target(name: "DistillModel"),
    .target(name: "DistillText", dependencies: ["DistillModel"]),
    .target(
      name: "DistillExtract", dependencies: ["DistillModel", "DistillText", "CLibXML2", "CZlib"]),
    .target(name: "DistillSummarize", dependencies: ["DistillModel", "DistillText"]),
    .target(name: "DistillCompose", dependencies: ["DistillModel", "DistillText"]),
    .target(name: "DistillRender", dependencies: ["DistillModel"]),
    .target(name: "DistillEval", dependencies: ["DistillModel", "DistillText"]),
    // Feeds and OPML parse with libxml2's XML parser (no network, no entity expansion).
    .target(name: "DistillFeeds", dependencies: ["DistillModel", "DistillText", "CLibXML2"]),
    // HTTP fetching stays apart from extraction: it returns bytes and metadata only.
    .target(
      name: "DistillFetch",
      dependencies: [
        "DistillFeeds",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
      ]
    ),
    .target(name: "DistillCluster", dependencies: ["DistillModel", "DistillText"]),
    .target(
      name: "DistillStore",
      dependencies: [
        "DistillModel", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ]
    ),
    .target(
      name: "Distill",
      dependencies: [
        "DistillModel", "DistillText", "DistillExtract", "DistillSummarize", "DistillCompose",
        "DistillRender", "DistillEval", "DistillFeeds", "DistillFetch",
        // The story desk files articles into stories and keeps their briefs.
        "DistillCluster", "DistillStore", .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "distill",
      dependencies: [
        "Distill", "DistillCluster", "DistillCompose", "DistillEval", "DistillExtract",
        "DistillFeeds",
        "DistillFetch", "DistillStore", "DistillSummarize", "DistillText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "DistillTestSupport",
      dependencies: [
        "DistillModel",
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      path: "Tests/DistillTestSupport"),
    .testTarget(name: "DistillModelTests", dependencies: ["DistillModel"]),
    .testTarget(name: "DistillTextTests", dependencies: ["DistillText", "DistillTestSupport"]),
    .testTarget(
      name: "DistillSummarizeTests",
      dependencies: ["DistillSummarize", "DistillText", "DistillTestSupport"]),
    .testTarget(name: "DistillRenderTests", dependencies: ["DistillRender", "DistillTestSupport"]),
    .testTarget(
      name: "DistillComposeTests",
      dependencies: ["DistillCompose", "DistillRender", "DistillText", "DistillTestSupport"]),
    .testTarget(name: "DistillEvalTests", dependencies: ["DistillEval", "DistillTestSupport"]),
    .testTarget(
      name: "DistillClusterTests", dependencies: ["DistillCluster", "DistillTestSupport"]),
    .testTarget(name: "DistillStoreTests", dependencies: ["DistillStore", "DistillTestSupport"]),
    .testTarget(
      name: "DistillStorePostgresTests", dependencies: ["DistillStore", "DistillTestSupport"]),
    .testTarget(
      name: "DistillTests",
      dependencies: ["Distill", "DistillFetch", "DistillStore", "DistillTestSupport"]),
    // Runs the built binary end to end; depending on it makes `swift test` build it first.
    .testTarget(
      name: "distillTests", dependencies: ["distill", "DistillStore", "DistillTestSupport"]),
    .testTarget(
      name: "DistillExtractTests",
      dependencies: ["DistillExtract", "DistillEval", "DistillTestSupport", "Distill"]),
    .testTarget(
      name: "DistillFeedsTests",
      dependencies: ["DistillFeeds", "DistillModel", "DistillTestSupport"]),
    .testTarget(
      name: "DistillFetchTests",
      dependencies: [
        "DistillFetch", "DistillFeeds", "DistillTestSupport",
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
      ]
    ),
  ]
)
