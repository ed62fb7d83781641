// swift-tools-version:6.1
// Benchmarks for the GraphQLEngine product against the Swift peer GraphQLSwift, kept out of the
// product's package so the peer never enters the product's build or CI (see docs/performance.md).
//
//     swift run -c release --package-path Benchmarks EngineBenchmarks
//     swift run -c release --package-path Benchmarks StoreBenchmarks
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
    ]
)
