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
        .library(name: "OEE", targets: ["OEE"]),
        .library(name: "SPC", targets: ["SPC"]),
        .library(name: "TOML", targets: ["TOML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        .target(
            name: "Historian",
            dependencies: ["Compression", "CSQLite"],
            swiftSettings: optimized
        ),
        .target(name: "OEE"),
        .target(name: "TOML"),
        .target(name: "SPC", swiftSettings: optimized),
        .executableTarget(
            name: "histd",
            dependencies: [
                "Compression", "Historian", "OEE", "SPC", "CZstd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CompressionTests", dependencies: ["Compression"]),
        .testTarget(name: "HistorianTests", dependencies: ["Historian"]),
        .testTarget(name: "OEETests", dependencies: ["OEE"]),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"]),
        .testTarget(name: "SPCTests", dependencies: ["SPC"]),
        .testTarget(name: "histdTests", dependencies: ["histd"]),
    ]
)
