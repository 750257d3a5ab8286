import ArgumentParser
import Historian

/// `histd verify`: checks every checksum and index of a data directory without changing it.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every checksum and index of a data directory; non-zero exit on any fault.")

    @Option(name: .long, help: "The data directory.")
    var data: String

    func run() throws {
        let report = Historian.verify(directory: data)
        for line in report.checked { print("ok     \(line)") }
        for line in report.notes { print("note   \(line)") }
        for line in report.faults { print("FAULT  \(line)") }
        print(report.faults.isEmpty ? "verified: no faults" : "\(report.faults.count) fault(s)")
        if !report.faults.isEmpty { throw ExitCode.failure }
    }
}
