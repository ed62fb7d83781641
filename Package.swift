// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GraphQLEngine", targets: ["GraphQLEngine"]),
        // The domain, its store and API, for benchmarks and tools built outside this package.
        .library(name: "SwitchboardCore", targets: ["CRM", "Storage", "API", "Secrets"]),
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The GraphQL engine: no dependency, not even Foundation.
        .target(name: "GraphQLEngine"),
        // The system's libcrypto (OpenSSL) for hashing, HMAC, PBKDF2 and random bytes.
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "Secrets", dependencies: ["COpenSSL"]),
        // The system's libcurl for outbound HTTPS (messenger and PBX APIs).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // The domain: entities, rules, permissions, services; storage through protocols.
        .target(name: "CRM", dependencies: ["Secrets"]),
        // SQLite through GRDB: migrations, repositories.
        .target(name: "Storage", dependencies: ["CRM", "Secrets", .product(name: "GRDB", package: "GRDB.swift")]),
        // schema.graphql bound to the domain.
        .target(name: "API", dependencies: ["CRM", "GraphQLEngine", "Secrets"]),
        // Adapters to the outside: each translates a foreign format (PBX and messenger webhooks)
        // into CRM commands.
        .target(name: "Integrations", dependencies: ["CRM", "Secrets", "CCurl"]),
        // HTTP and WebSocket transport.
        .target(name: "Server", dependencies: [
            "API", "GraphQLEngine", "Integrations", "Secrets",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "GraphQLEngine", "CRM", "Storage", "API", "Integrations", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "GraphQLEngineTests",
            dependencies: ["GraphQLEngine"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CRMTests", dependencies: ["CRM", "Secrets"]),
        .testTarget(name: "IntegrationsTests", dependencies: ["Integrations", "CRM", "Secrets"]),
        .testTarget(name: "StorageTests", dependencies: [
            "Storage", "CRM", "Secrets", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "APITests", dependencies: ["API", "Storage", "CRM", "Secrets", "GraphQLEngine"]),
        .testTarget(name: "ServerTests", dependencies: [
            "Server", "API", "GraphQLEngine", "Secrets",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
    ]
)
