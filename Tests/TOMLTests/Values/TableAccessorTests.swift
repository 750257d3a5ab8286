import TOML
import Testing

@Suite struct TableAccessorTests {
    let config: TOMLTable

    init() throws {
        config = try TOMLParser.parse(
            """
            name = "plant-1"
            [http]
            address = "127.0.0.1:8086"
            tls = false
            [limits]
            max_body_bytes = "10MB"
            timeout_seconds = 30
            ratio = 0.5
            huge = 9007199254740993
            hosts = ["a", 2]
            [[machines]]
            name = "P7"
            [[machines]]
            name = 8
            [servers."eu west"]
            port = "x"
            """)
    }

    @Test func typedReadsReturnValuesAndNilForMissingKeys() throws {
        #expect(try config.string("name") == "plant-1")
        let http = try #require(try config.table("http"))
        #expect(try http.string("address") == "127.0.0.1:8086")
        #expect(try http.bool("tls") == false)
        #expect(try http.integer("port") == nil)
        #expect(try config.table("missing") == nil)
        let limits = try #require(try config.table("limits"))
        #expect(try limits.integer("timeout_seconds") == 30)
        #expect(try limits.double("ratio") == 0.5)
        #expect(try limits.array("hosts") == ["a", 2])
        #expect(try config.tables("machines")?.count == 2)
    }

    @Test func doubleAcceptsIntegersThatConvertExactly() throws {
        let limits = try #require(try config.table("limits"))
        #expect(try limits.double("timeout_seconds") == 30.0)
        // 2^53 + 1 = 9007199254740993 has no exact Double.
        #expect(
            throws: TOMLError.typeMismatch(
                keyPath: "limits.huge", expected: "a float", found: "an integer that a float cannot hold exactly")
        ) {
            try limits.double("huge")
        }
    }

    @Test func wrongTypesNameTheDottedKeyPath() throws {
        let limits = try #require(try config.table("limits"))
        do {
            _ = try limits.integer("max_body_bytes")
            Issue.record("expected a type mismatch")
        } catch {
            #expect(error == .typeMismatch(keyPath: "limits.max_body_bytes", expected: "an integer", found: "a string"))
            #expect(error.description == "limits.max_body_bytes: expected an integer, found a string")
        }
        #expect(throws: TOMLError.typeMismatch(keyPath: "name", expected: "a table", found: "a string")) {
            try config.table("name")
        }
        #expect(throws: TOMLError.typeMismatch(keyPath: "limits.ratio", expected: "an integer", found: "a float")) {
            try limits.integer("ratio")
        }
        #expect(throws: TOMLError.typeMismatch(keyPath: "limits.timeout_seconds", expected: "a boolean", found: "an integer")) {
            try limits.bool("timeout_seconds")
        }
        #expect(throws: TOMLError.typeMismatch(keyPath: "http.tls", expected: "a string", found: "a boolean")) {
            try config.table("http")?.string("tls")
        }
        #expect(throws: TOMLError.typeMismatch(keyPath: "name", expected: "an array", found: "a string")) {
            try config.array("name")
        }
    }

    @Test func arrayElementsAndQuotedKeysAppearInThePath() throws {
        #expect(throws: TOMLError.typeMismatch(keyPath: "limits.hosts[1]", expected: "a string", found: "an integer")) {
            try config.table("limits")?.strings("hosts")
        }
        let machines = try #require(try config.tables("machines"))
        #expect(try machines[0].string("name") == "P7")
        #expect(throws: TOMLError.typeMismatch(keyPath: "machines[1].name", expected: "a string", found: "an integer")) {
            try machines[1].string("name")
        }
        #expect(throws: TOMLError.typeMismatch(keyPath: "servers.\"eu west\".port", expected: "an integer", found: "a string")) {
            try config.table("servers")?.table("eu west")?.integer("port")
        }
        #expect(throws: TOMLError.typeMismatch(keyPath: "limits.hosts[0]", expected: "a table", found: "a string")) {
            try config.table("limits")?.tables("hosts")
        }
    }

    @Test func tablesBuiltInCodeKeepOrderAndCompareByContent() {
        var table: TOMLTable = ["b": 1, "a": 2]
        table["c"] = "x"
        table["b"] = 3
        #expect(table.keys == ["b", "a", "c"])
        #expect(table.entries.map(\.key) == ["b", "a", "c"])
        table["a"] = nil
        #expect(table == ["b": 3, "c": "x"])
        #expect(table != ["c": "x", "b": 3])
        #expect(table.count == 2)
    }

    @Test func valuesPrintAsTOML() throws {
        let table = try TOMLParser.parse("a = \"q\\\"\\n\\u0001\"\nb = [1, 2.5, -inf, nan, true]\nc = { \"x y\" = 1979-05-27, z = {} }")
        #expect(table.description == #"{a = "q\"\n\u0001", b = [1, 2.5, -inf, nan, true], c = {"x y" = 1979-05-27, z = {}}}"#)
        // What is printed parses back to the same table (compared as text: nan never equals itself).
        #expect(try TOMLParser.parse("t = \(table)").table("t")?.description == table.description)
    }
}
