// swift-tools-version: 6.1
import PackageDescription

/// Hot codec and analytics loops: dynamic exclusivity checks cost measurable time there (BENCHMARKS.md,
/// "Build setting -enforce-exclusivity=unchecked").
var optimized: [SwiftSetting] {
    [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
}

let package = Package(
    name: "histd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "histd", targets: ["histd"]),
        .library(name: "Compression", targets: ["Compression"]),
        .library(name: "Historian", targets: ["Historian"]),
        .library(name: "InfluxQL", targets: ["InfluxQL"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "JSONText", targets: ["JSONText"]),
        .library(name: "Live", targets: ["Live"]),
        .library(name: "OEE", targets: ["OEE"]),
        .library(name: "Query", targets: ["Query"]),
        .library(name: "RegularExpression", targets: ["RegularExpression"]),
        .library(name: "SPC", targets: ["SPC"]),
        .library(name: "Server", targets: ["Server"]),
        .library(name: "TOML", targets: ["TOML"]),
        .library(name: "Time", targets: ["Time"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "Compression",
            dependencies: ["CZstd", "CZlib"],
            swiftSettings: optimized
        ),
        .target(name: "CCRC32C"),
        .target(name: "RegularExpression", swiftSettings: optimized),
        .target(name: "Time"),
        .target(name: "JSONText"),
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "Historian",
            dependencies: ["Compression", "CSQLite", "CCRC32C"],
            swiftSettings: optimized
        ),
        .target(
            name: "Ingest",
            dependencies: ["Historian", "Time"],
            swiftSettings: optimized
        ),
        .target(
            name: "Query",
            dependencies: ["Historian", "RegularExpression", "Time"],
            swiftSettings: optimized
        ),
        .target(
            name: "InfluxQL",
            dependencies: ["Historian", "Query", "RegularExpression", "Time"],
            swiftSettings: optimized
        ),
        .target(name: "OEE", dependencies: ["Time"]),
        .target(name: "Live", dependencies: ["Historian", "JSONText", "Query", "SPC", "Time"]),
        .testTarget(name: "LiveTests", dependencies: ["Live", "Historian", "SPC", "TestSupport"]),
        .target(name: "TOML"),
        .target(name: "SPC", swiftSettings: optimized),
        .target(
            name: "Server",
            dependencies: [
                "Compression", "Historian", "InfluxQL", "Ingest", "JSONText", "Live", "OEE", "Query", "SPC", "TOML", "Time", "CMalloc",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: optimized
        ),
        .executableTarget(
            name: "histd",
            dependencies: [
                "Compression", "Historian", "Ingest", "JSONText", "Live", "OEE", "Query", "SPC", "Server", "Time", "CZstd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CompressionTests", dependencies: ["Compression", "TestSupport"]),
        .testTarget(name: "HistorianTests", dependencies: ["Historian", "TestSupport"]),
        .testTarget(name: "InfluxQLTests", dependencies: ["InfluxQL", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Historian", "TestSupport"]),
        .testTarget(name: "QueryTests", dependencies: ["Query", "Historian", "RegularExpression", "TestSupport"]),
        .testTarget(name: "RegularExpressionTests", dependencies: ["RegularExpression", "TestSupport"]),
        .testTarget(name: "OEETests", dependencies: ["OEE", "TestSupport"]),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "TestSupport"]),
        // Support/References holds the R and Python scripts that produced the tests' reference values.
        .testTarget(name: "SPCTests", dependencies: ["SPC", "TestSupport"], exclude: ["Support/References"]),
        .testTarget(name: "TimeTests", dependencies: ["Time", "TestSupport"]),
        .testTarget(name: "JSONTextTests", dependencies: ["JSONText"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Historian", "Ingest", "OEE", "Time", "CZlib", "TestSupport", .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "histdTests", dependencies: ["histd", "Historian", "Live", "TestSupport"]),
    ]
)
