import TOML
import Testing

@Suite struct KnownKeysTests {
    @Test func misspeltKeysAreReportedWithTheirPath() throws {
        let config = try TOMLParser.parse("[limits]\nmax_body_bytes = 1\nmax_body_byte = 2\n[[tokens]]\nname = \"a\"\nscope = \"read\"")
        let limits = try #require(try config.table("limits"))
        #expect(throws: TOMLError.unknownKey(keyPath: "limits.max_body_byte", known: ["max_body_bytes", "max_points"])) {
            try limits.checkKeys(["max_body_bytes", "max_points"])
        }
        let tokens = try #require(try config.tables("tokens"))
        do {
            try tokens[0].checkKeys(["name", "scopes"])
            Issue.record("expected an unknown key")
        } catch {
            #expect(error.description == "tokens[0].scope: unknown key (known keys are name, scopes)")
        }
    }

    @Test func tablesWithOnlyKnownKeysPass() throws {
        let config = try TOMLParser.parse("data = \"x\"\n[http]\naddress = \"127.0.0.1:8086\"")
        try config.checkKeys(["data", "http", "limits"])
        try #require(try config.table("http")).checkKeys(["address"])
        #expect(throws: TOMLError.unknownKey(keyPath: "data", known: [])) { try config.checkKeys([]) }
        #expect(TOMLError.unknownKey(keyPath: "data", known: []).description == "data: unknown key (this table takes no keys)")
    }
}
