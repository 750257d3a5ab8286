import Testing

@testable import Server

/// Listening without tokens is allowed on loopback only, decided on parsed addresses, not on text.
@Suite struct LoopbackAddressTests {
    @Test(arguments: ["127.0.0.1", "127.255.3.4", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost"])
    func loopback(host: String) {
        #expect(LoopbackAddress.isLoopback(host: host))
    }

    /// `127.0.0.1.invalid` starts like a loopback address but is a name (under a top-level domain
    /// that never resolves); a name that does not resolve is not loopback.
    @Test(arguments: ["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "::2", "127.0.0.1.invalid", "127.1.invalid", "1.127.0.0", ""])
    func notLoopback(host: String) {
        #expect(!LoopbackAddress.isLoopback(host: host))
    }

    @Test func refusesTheListenerWithoutTokensBeyondLoopback() throws {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1.invalid"
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        configuration.host = "127.0.0.2"
        try configuration.validate()
    }
}
