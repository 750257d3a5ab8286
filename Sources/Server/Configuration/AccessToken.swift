import Crypto

/// A bearer token from the configuration: a name for logs, the SHA-256 of the secret, and its scopes.
///
/// Only the hash is configured, so a leaked configuration file does not leak write access.
public struct AccessToken: Sendable, Equatable {
    /// What a token may do. `admin` includes `read` and `write`.
    public enum Scope: String, Sendable, CaseIterable, Comparable {
        case read, write, admin

        public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A name for logs and metrics, never the secret.
    public var name: String
    /// SHA-256 of the secret, 32 bytes.
    public var secretHash: [UInt8]
    /// What the token may do.
    public var scopes: Set<Scope>
    /// The databases (values of the database tag) the token may write and read; nil for all. As
    /// InfluxDB 1.x grants per database: series of other databases do not exist for it.
    public var databases: Set<String>?

    /// Creates a token entry from the secret's SHA-256 digest.
    public init(name: String, secretHash: [UInt8], scopes: Set<Scope>, databases: Set<String>? = nil) {
        self.name = name
        self.secretHash = secretHash
        self.scopes = scopes
        self.databases = databases
    }

    /// Whether the token grants `scope`.
    public func allows(_ scope: Scope) -> Bool {
        scopes.contains(.admin) || scopes.contains(scope)
    }

    /// The SHA-256 digest of `secret` as configured: lowercase hexadecimal, 64 characters.
    public static func hashHex(of secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// Parses a 64-character hexadecimal SHA-256 digest; nil when it is not one.
    public static func parseHash(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for pair in stride(from: 0, to: 64, by: 2) {
            guard let high = hexValue(digits[pair]), let low = hexValue(digits[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
