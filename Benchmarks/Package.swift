// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that `swift build` and `swift test` of histd never
// compile them. Run from this folder: `swift package benchmark` (or `--target NameBenchmarks`).
// The path package is named explicitly: SwiftPM would otherwise name it after the checkout folder.
let package = Package(
    name: "histd-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "histd", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        benchmarkTarget("CompressionBenchmarks", module: "Compression"),
        benchmarkTarget("HistorianBenchmarks", module: "Historian"),
        benchmarkTarget("OEEBenchmarks", module: "OEE"),
        benchmarkTarget("SPCBenchmarks", module: "SPC"),
    ]
)

/// A benchmark executable over one module of histd, with its sources in Benchmarks/<name>.
func benchmarkTarget(_ name: String, module: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: module, package: "histd"),
        ],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}
