// swift-tools-version:6.1
// Benchmarks for the GraphQLEngine product against the Swift peer GraphQLSwift, kept out of the
// product's package so the peer never enters the product's build or CI (see docs/performance.md).
//
//     swift run -c release --package-path Benchmarks EngineBenchmarks
//     swift run -c release --package-path Benchmarks StoreBenchmarks
//     swift run -c release --package-path Benchmarks LiveBenchmarks   (after building the server in release)
//
// The build goes to Benchmarks/.build (ignored by git), not the product's .build.
import PackageDescription

let package = Package(
    name: "SwitchboardBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The product's package, by path. It is named explicitly so the product reference below
        // doesn't depend on the name of the folder the repository was cloned into.
        .package(name: "Switchboard", path: ".."),
        // The peer; only 4.3.0 is in the local mirror.
        .package(url: "https://github.com/GraphQLSwift/GraphQL", from: "4.3.0"),
        // LiveBenchmarks: its own WebSocket and HTTP clients over SwiftNIO, and the raw
        // Hummingbird WebSocket peer (the same versions the product uses).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "GraphQLEngine", package: "Switchboard"),
                .product(name: "GraphQL", package: "GraphQL"),
            ]
        ),
        .executableTarget(
            name: "StoreBenchmarks",
            dependencies: [
                .product(name: "GraphQLEngine", package: "Switchboard"),
                .product(name: "SwitchboardCore", package: "Switchboard"),
            ]
        ),
        // Live updates and HTTP against the real `switchboard` binary (started as a subprocess),
        // with a raw Hummingbird WebSocket server as the peer (the same executable, `--raw-peer`).
        // It links none of the product's modules.
        .executableTarget(
            name: "LiveBenchmarks",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // NIO channel handlers are classes confined to their event loop; the Swift 5 mode
            // keeps the harness free of Sendable ceremony around them.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
