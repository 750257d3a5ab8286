import ArgumentParser
import Foundation
import Server

/// `histd token new`: makes a random access token and prints the configuration entry for it.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create access tokens for histd serve.",
        subcommands: [NewToken.self])

    struct NewToken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Print a new random token once, and the [[tokens]] entry (its SHA-256) for the configuration file.")

        @Option(help: "A name for logs, e.g. telegraf or grafana.")
        var name: String

        @Option(help: "Comma-separated scopes: read, write, admin.")
        var scopes: String

        func run() throws {
            let parsed = scopes.split(separator: ",").map { AccessToken.Scope(rawValue: String($0)) }
            guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--scopes takes read, write and admin separated by commas, not '\(scopes)'")
            }
            var generator = SystemRandomNumberGenerator()
            let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
            print("token (shown once; give it to the client): \(secret)")
            print("")
            print("[[tokens]]")
            print("name = \"\(name)\"")
            print("scopes = [\(parsed.compactMap { $0 }.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]")
            print("sha256 = \"\(AccessToken.hashHex(of: secret))\"")
        }
    }
}
