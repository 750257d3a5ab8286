// swift-tools-version: 6.1
// libFuzzer targets for the parsers that read untrusted bytes: line protocol, WAL segments,
// InfluxQL. Built apart from the main package (every module compiled with -sanitize=fuzzer), by
// scripts/checks, which links the repository as .checkout/histd (a path dependency's identity is its
// folder's name, and a clone's folder may have any name) and runs each target for a fixed number
// of inputs:
//   mkdir -p Fuzz/.checkout && ln -sfn "$PWD" Fuzz/.checkout/histd
//   swift build --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -sanitize=address \
//     -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp -Xswiftc -use-ld=lld
//   .build-fuzz/debug/FuzzWAL -runs=300000 -max_len=4096
import PackageDescription

let package = Package(
    name: "histd-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: ".checkout/histd")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzLineProtocol", dependencies: ["FuzzSupport", .product(name: "Ingest", package: "histd")]),
        .executableTarget(name: "FuzzWAL", dependencies: ["FuzzSupport", .product(name: "Historian", package: "histd")]),
        .executableTarget(name: "FuzzInfluxQL", dependencies: ["FuzzSupport", .product(name: "InfluxQL", package: "histd")]),
    ]
)
