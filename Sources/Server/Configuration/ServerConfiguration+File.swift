import Foundation
import TOML

extension ServerConfiguration {
    /// Applies a TOML configuration file: the scalar settings by their dotted keys (top level,
    /// `[limits]`, `[retention]`), `[retention.measurements]` (measurement = duration), `[[tokens]]`
    /// (`name`, `sha256`, `scopes`) and `[[machines]]` (docs/oee.md). Unknown keys are errors, so a misspelt setting is not ignored.
    /// - Throws: ``ConfigurationError/file(path:message:)`` for a file that cannot be read or parsed,
    ///   or the error of the setting that is wrong.
    public mutating func applyFile(_ path: String) throws(ConfigurationError) {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .file(path: path, message: "cannot be read: \(error.localizedDescription)")
        }
        do {
            try apply(TOMLParser.parse(bytes), prefix: "", path: path)
        } catch let error as TOMLError {
            throw .file(path: path, message: error.description)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw .file(path: path, message: "\(error)")
        }
    }

    private mutating func apply(_ table: TOMLTable, prefix: String, path: String) throws {
        for (key, value) in table.entries {
            let dotted = prefix + key
            switch (dotted, value) {
            case ("tokens", _):
                tokens = try (table.tables("tokens") ?? []).map { try Self.token(from: $0, path: path) }
            case ("machines", _):
                machines = try (table.tables("machines") ?? []).enumerated().map { index, machine in
                    try OEEMachineDefinition(toml: machine, item: "machines[\(index + 1)]")
                }
            case ("retention.measurements", .table(let measurements)):
                for (measurement, retention) in measurements.entries {
                    let setting = "retention.measurements.\(measurement)"
                    guard case .string(let text) = retention else {
                        throw ConfigurationError.invalid(key: setting, message: "expected a duration like \"30d\"")
                    }
                    maintenance.retentionByMeasurement[measurement] = try ConfigurationValue.text(text).duration(setting)
                }
            case (_, .table(let nested)):
                try apply(nested, prefix: dotted + ".", path: path)
            case (_, .string(let text)):
                try set(dotted, to: .text(text), source: path)
            case (_, .integer(let number)):
                try set(dotted, to: .integer(number), source: path)
            case (_, .float(let number)):
                try set(dotted, to: .double(number), source: path)
            case (_, .boolean(let flag)):
                try set(dotted, to: .boolean(flag), source: path)
            default:
                throw ConfigurationError.invalid(key: dotted, message: "expected a string, number or boolean, found \(value.typeDescription)")
            }
        }
    }

    private static func token(from table: TOMLTable, path: String) throws -> AccessToken {
        try table.checkKeys(["name", "sha256", "scopes", "databases"])
        guard let name = try table.string("name"), !name.isEmpty else {
            throw ConfigurationError.invalid(key: "tokens.name", message: "every [[tokens]] entry needs a name")
        }
        guard let hashText = try table.string("sha256"), let hash = AccessToken.parseHash(hashText) else {
            throw ConfigurationError.invalid(
                key: "tokens.\(name).sha256", message: "expected the token's SHA-256 as 64 hexadecimal digits (`histd token new` prints it)")
        }
        var scopes: Set<AccessToken.Scope> = []
        for text in try table.strings("scopes") ?? [] {
            guard let scope = AccessToken.Scope(rawValue: text) else {
                throw ConfigurationError.invalid(key: "tokens.\(name).scopes", message: "'\(text)' is not read, write or admin")
            }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else {
            throw ConfigurationError.invalid(key: "tokens.\(name).scopes", message: "give at least one of read, write, admin")
        }
        var databases: Set<String>?
        if let names = try table.strings("databases") {
            guard !names.isEmpty, !names.contains("") else {
                throw ConfigurationError.invalid(
                    key: "tokens.\(name).databases", message: "give the databases the token may use (leave the key out for all)")
            }
            databases = Set(names)
        }
        return AccessToken(name: name, secretHash: hash, scopes: scopes, databases: databases)
    }
}
