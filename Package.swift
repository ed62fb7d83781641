// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GraphQLEngine", targets: ["GraphQLEngine"]),
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "GraphQLEngine"),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "GraphQLEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "GraphQLEngineTests",
            dependencies: ["GraphQLEngine"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
