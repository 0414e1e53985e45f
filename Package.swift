// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Vigie",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vigie", targets: ["vigie"]),
        .library(name: "VigieCore", targets: ["VigieCore"]),
        .library(name: "VigieStore", targets: ["VigieStore"]),
        .library(name: "VigieIngest", targets: ["VigieIngest"]),
        .library(name: "VigieDemo", targets: ["VigieDemo"]),
        .library(name: "VigieAnalytics", targets: ["VigieAnalytics"]),
        .library(name: "VigieServer", targets: ["VigieServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "VigieCore"),
        .target(
            name: "VigieStore",
            dependencies: [
                "VigieCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "VigieIngest",
            dependencies: ["VigieCore", "Yams", .product(name: "Crypto", package: "swift-crypto")],
            // The parsers' state lives in classes; run-time exclusivity checks on it cost 5 % of ingest time.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(name: "VigieDemo", dependencies: ["VigieCore"]),
        .target(name: "VigieAnalytics", dependencies: ["VigieCore"]),
        .target(name: "VigieVideo", dependencies: ["VigieCore"]),
        .target(
            name: "VigieServer",
            dependencies: [
                "VigieCore", "VigieAnalytics", "VigieIngest", "VigieVideo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "VigieTestSupport", dependencies: ["VigieCore", "VigieStore", "VigieIngest"]),
        .executableTarget(
            name: "vigie",
            dependencies: [
                "VigieCore", "VigieStore", "VigieIngest", "VigieDemo", "VigieAnalytics", "VigieServer", "VigieVideo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .executableTarget(
            name: "VigieBenchmarks",
            dependencies: ["VigieCore", "VigieStore", "VigieIngest", "VigieDemo", "VigieAnalytics", "VigieVideo"]
        ),
        .testTarget(name: "VigieCoreTests", dependencies: ["VigieCore", "VigieTestSupport"]),
        .testTarget(name: "VigieVideoTests", dependencies: ["VigieVideo", "VigieCore", "VigieStore", "VigieTestSupport"]),
        .testTarget(name: "VigieStoreTests", dependencies: ["VigieStore", "VigieTestSupport"]),
        .testTarget(name: "VigieIngestTests", dependencies: ["VigieIngest", "VigieStore", "VigieTestSupport"]),
        .testTarget(name: "VigieDemoTests", dependencies: ["VigieDemo", "VigieIngest", "VigieStore", "VigieTestSupport"]),
        .testTarget(
            name: "VigieAnalyticsTests", dependencies: ["VigieAnalytics", "VigieStore", "VigieIngest", "VigieTestSupport"]),
        .testTarget(
            name: "VigieServerTests",
            dependencies: [
                "VigieServer", "VigieStore", "VigieTestSupport", "VigieVideo", "Yams",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        .testTarget(name: "VigieCLITests", dependencies: ["vigie", "VigieStore", "VigieTestSupport"]),
    ]
)
