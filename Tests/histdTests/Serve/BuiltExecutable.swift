import Foundation

/// The `histd` binary that `swift build` / `swift test` put next to the test bundle.
enum BuiltExecutable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// - Throws: ``Failure`` naming every place searched when there is none.
    static func histd() throws -> String {
        var folders: [URL] = []
        if let argument = CommandLine.arguments.first {
            var bundle = URL(fileURLWithPath: argument)
            // On Linux the runner is `.build/<triple>/debug/<Package>PackageTests.xctest`; on macOS a bundle folder.
            while bundle.pathComponents.count > 1 && bundle.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
                bundle.deleteLastPathComponent()
            }
            folders.append(bundle)
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        let candidates = folders.map { $0.appendingPathComponent("histd").path }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(
                description: "the histd executable was not found (run `swift build` first); looked in:\n" + candidates.joined(separator: "\n"))
        }
        return found
    }

    /// Runs the binary to completion with `arguments`; returns its exit status and combined output.
    static func run(_ arguments: [String], timeout: Double = 30) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try histd())
        process.arguments = arguments
        let output = NSTemporaryDirectory() + "histd-run-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: output, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: output) }
        guard let handle = FileHandle(forWritingAtPath: output) else { throw Failure(description: "cannot write \(output)") }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "histd \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }
}
