// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that `swift build` and `swift test` of histd never
// compile them. Run from this folder: `swift package benchmark`.
let package = Package(
    name: "histd-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "histd", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HistorianBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Historian", package: "histd"),
            ],
            path: "Benchmarks/HistorianBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
